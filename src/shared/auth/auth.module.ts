import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DevelopmentTokenVerifier } from './development-token-verifier';
import { IssuerTokenVerifier } from './issuer-token-verifier';
import { TokenVerifier } from './token-verifier';

/** The access-token verification of the whole app: the clinic's issuer with AUTH_ISSUER_URL, the development tokens without. */
function tokenVerifierFor(config: AppConfig): TokenVerifier {
  if (config.authIssuerUrl === undefined || config.authAudience === undefined) return new DevelopmentTokenVerifier(config.jwtSecret);
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
