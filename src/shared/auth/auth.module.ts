import { Global, Module } from '@nestjs/common';
import { AppConfig, ConfigError } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DevelopmentTokenVerifier } from './development-token-verifier';
import { IssuerTokenVerifier } from './issuer-token-verifier';
import { TokenVerifier } from './token-verifier';

/**
 * The access-token verification of the whole app: the clinic's issuer with AUTH_ISSUER_URL, the
 * development tokens without. Chosen by the issuer alone: an issuer without an audience is a
 * configuration error, never a fall-back to the shared-secret tokens.
 */
export function tokenVerifierFor(config: AppConfig): TokenVerifier {
  if (config.authIssuerUrl === undefined) return new DevelopmentTokenVerifier(config.jwtSecret);
  if (config.authAudience === undefined) throw new ConfigError(['AUTH_AUDIENCE is required with AUTH_ISSUER_URL: the audience (aud) of the access tokens meant for this API']);
  return new IssuerTokenVerifier(
    {
      issuer: config.authIssuerUrl,
      audience: config.authAudience,
      clockToleranceSeconds: config.authClockToleranceSeconds,
      claims: { roles: config.authRolesClaim, doctorId: config.authDoctorIdClaim, patientId: config.authPatientIdClaim },
    },
    config.runHttp,
  );
}

@Global()
@Module({
  providers: [{ provide: TokenVerifier, inject: [APP_CONFIG], useFactory: tokenVerifierFor }],
  exports: [TokenVerifier],
})
export class AuthModule {}
