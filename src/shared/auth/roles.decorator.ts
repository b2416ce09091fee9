import { applyDecorators, SetMetadata } from '@nestjs/common';
import { MarkRoute } from '../http/route-contract';
import { Role } from './actor';

export const ROLES_KEY = 'clinic:roles';
export const PUBLIC_KEY = 'clinic:public';

/** The roles allowed to call a route; every other authenticated role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no token (health, documentation). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), MarkRoute('public'));
