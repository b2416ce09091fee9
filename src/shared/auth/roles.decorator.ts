import { applyDecorators, CanActivate, SetMetadata, Type, UseGuards } from '@nestjs/common';
import { MarkRoute } from '../http/route-contract';
import { Role } from './actor';

export const ROLES_KEY = 'clinic:roles';
export const PUBLIC_KEY = 'clinic:public';
export const QUERY_TOKEN_KEY = 'clinic:query-token';

/** The roles allowed to call a route; every other authenticated role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no token (health, documentation). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), MarkRoute('public'));

/**
 * A route that clients call without an Authorization header (calendar apps subscribed to a
 * feed): besides a bearer token it accepts `?token=`, a credential of its own that `verifier`
 * (a route guard, run after the authentication guard) must check. Without a bearer token the
 * authentication guard lets such a request through only when it carries `token`, sets no actor
 * and leaves the credential to the verifier; with one, the bearer token is checked as anywhere.
 */
export const AcceptsQueryToken = (verifier: Type<CanActivate>) =>
  applyDecorators(SetMetadata(QUERY_TOKEN_KEY, true), UseGuards(verifier), MarkRoute('queryToken'));
