import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { UserThrottlerGuard } from '../http/user-throttler.guard';
import { AuthGuard } from './auth.guard';
import { verifiedBearerToken } from './request-token';
import { InvalidToken } from './token-errors';
import { TokenVerifier, VerifiedAccessToken } from './token-verifier';

/** A verifier that counts its verifications: "good" is a staff token, anything else refused. */
class CountingVerifier extends TokenVerifier {
  calls = 0;

  verify(token: string): Promise<VerifiedAccessToken> {
    this.calls++;
    if (token === 'good') return Promise.resolve({ actor: { userId: 'desk-1', role: 'staff' }, expiresAt: null });
    return Promise.reject(new InvalidToken('the token is not a well-formed signed JWT'));
  }
}

const requestWith = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization }, ip: '192.0.2.7' });

/** A route (its handler and its controller) without @Public or @Roles: any valid token may call it. */
const listRoute = (): string => 'listed';
const routeController = (): string => 'controller';

function contextOf(request: object): ExecutionContext {
  return { getHandler: () => listRoute, getClass: () => routeController, switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe("a request's bearer token", () => {
  it('is verified once per request, however often it is asked for, and not at all without one', async () => {
    const tokens = new CountingVerifier();
    const request = requestWith('Bearer good');
    const first = verifiedBearerToken(request, tokens);
    expect(verifiedBearerToken(request, tokens)).toBe(first);
    await expect(first).resolves.toMatchObject({ actor: { userId: 'desk-1' } });
    expect(tokens.calls).toBe(1);
    expect(verifiedBearerToken(requestWith('Bearer good'), tokens)).not.toBe(first);
    expect(tokens.calls).toBe(2);
    expect(verifiedBearerToken(requestWith(), tokens)).toBeUndefined();
    expect(verifiedBearerToken(requestWith('Basic abc'), tokens)).toBeUndefined();
    expect(tokens.calls).toBe(2);
  });

  it.each([
    ['a valid token', 'Bearer good', 'user:desk-1', true],
    ['an invalid token', 'Bearer made-up', 'address:192.0.2.7', false],
  ])('with %s, the rate limit and the authentication guard share one verification', async (_, authorization, tracker, admitted) => {
    const tokens = new CountingVerifier();
    const reflector = new Reflector();
    const throttler = new UserThrottlerGuard({ throttlers: [{ limit: 10, ttl: 60_000 }] }, new ThrottlerStorageService(), reflector, tokens);
    const guard = new AuthGuard(reflector, tokens);
    const request = requestWith(authorization);

    const trackerOf = (throttler as unknown as { getTracker(request: object): Promise<string> }).getTracker.bind(throttler);
    expect(await trackerOf(request)).toBe(tracker);
    const outcome = guard.canActivate(contextOf(request));
    if (admitted) await expect(outcome).resolves.toBe(true);
    else await expect(outcome).rejects.toMatchObject({ status: 401 });
    expect(tokens.calls).toBe(1);
  });
});
