import { ConfigError, loadConfig } from '../../config/app-config';
import { tokenVerifierFor } from './auth.module';
import { DevelopmentTokenVerifier } from './development-token-verifier';
import { IssuerTokenVerifier } from './issuer-token-verifier';

describe('the choice of the token verifier', () => {
  const development = loadConfig({});

  it('takes the development tokens without an issuer, and the issuer with one and its audience', () => {
    expect(tokenVerifierFor(development)).toBeInstanceOf(DevelopmentTokenVerifier);
    expect(tokenVerifierFor({ ...development, authIssuerUrl: 'https://id.clinic.example/realms/clinic', authAudience: 'clinic-api' })).toBeInstanceOf(IssuerTokenVerifier);
  });

  it('given an issuer without an audience however the configuration was made, then it refuses to start rather than accept the shared-secret tokens', () => {
    const withoutAudience = { ...development, authIssuerUrl: 'https://id.clinic.example/realms/clinic', authAudience: undefined };
    expect(() => tokenVerifierFor(withoutAudience)).toThrow(ConfigError);
    expect(() => tokenVerifierFor(withoutAudience)).toThrow(/AUTH_AUDIENCE is required with AUTH_ISSUER_URL/);
  });
});
