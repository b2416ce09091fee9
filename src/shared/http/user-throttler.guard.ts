import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { verifyAccessToken } from '../auth/access-token';
import { ClinicRequest } from './request-context';

/**
 * Rate limiting keyed by the authenticated user, so that users behind one address (a clinic's
 * network) are limited separately; calls without a valid token are keyed by address. It runs
 * before authentication, so floods of bad tokens are limited too.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve(this.trackerOf(request));
  }

  private trackerOf(request: Record<string, unknown>): string {
    const header = (request as unknown as ClinicRequest).headers.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (token) {
      try {
        return `user:${verifyAccessToken(token, this.config.jwtSecret).userId}`;
      } catch {
        // an invalid token is anonymous
      }
    }
    return `address:${String(request.ip)}`;
  }
}
