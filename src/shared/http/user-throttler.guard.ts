import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { verifiedBearerToken } from '../auth/request-token';
import { InvalidToken, TokenWithoutRole } from '../auth/token-errors';
import { TokenVerifier } from '../auth/token-verifier';
import { ClinicRequest } from './request-context';

/**
 * Rate limiting keyed by the authenticated user, so that users behind one address (a clinic's
 * network) are limited separately (a valid token without a role of this API counts for its
 * user too); calls without a valid token are keyed by address. It runs before authentication,
 * so floods of bad tokens are limited too, and the guard reuses its verification of the token.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly tokens: TokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const verification = verifiedBearerToken(request as unknown as ClinicRequest, this.tokens);
    if (verification) {
      try {
        return `user:${(await verification).actor.userId}`;
      } catch (error) {
        if (error instanceof TokenWithoutRole) return `user:${error.userId}`;
        // An invalid token is anonymous; anything else is a fault, not a bad token.
        if (!(error instanceof InvalidToken)) throw error;
      }
    }
    return `address:${String(request.ip)}`;
  }
}
