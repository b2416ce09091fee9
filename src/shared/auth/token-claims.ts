import { textProblem } from '../http/text-policy';
import { Actor, ROLES, Role } from './actor';
import { InvalidToken, TokenWithoutRole } from './token-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longest subject and display name kept: longer ones are no identifier or name a person reads. */
const MAX_SUBJECT_LENGTH = 255;
const MAX_NAME_LENGTH = 200;

/** Where an issuer's token carries the role and the doctor's and patient's ids (claim names or dotted paths). */
export interface ClaimMapping {
  roles: string;
  doctorId: string;
  patientId: string;
}

type Claims = Record<string, unknown>;

/** One line of text that the history and the emails can carry: no control character, no lone surrogate. */
function isCleanLine(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= maxLength && textProblem(value, 'single-line') === undefined;
}

/** A token's `sub`: who the token speaks for. */
export function isSubject(value: unknown): value is string {
  return isCleanLine(value, MAX_SUBJECT_LENGTH);
}

/** The display name: the `name` claim, else `preferred_username`, else null (a value that is no clean line counts as absent). */
export function displayNameOf(claims: Claims): string | null {
  for (const claim of ['name', 'preferred_username']) {
    const value = claims[claim];
    if (isCleanLine(value, MAX_NAME_LENGTH)) return value.trim();
  }
  return null;
}

/**
 * The value at a claim path. A claim whose own name is the whole path wins (Auth0 names custom
 * claims by URL, such as `https://clinic.example/roles`); otherwise each dot steps into an
 * object (`realm_access.roles`).
 */
export function claimAt(claims: Claims, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const name of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) return undefined;
    value = (value as Claims)[name];
  }
  return value;
}

/** Of the roles a claim names (a string, or an array of strings), the highest known one; null when it names none. */
export function highestRole(value: unknown): Role | null {
  const named = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return ROLES.find((role) => named.includes(role)) ?? null;
}

/** The doctor's or patient's id a token must carry for those roles. */
export function recordIdOf(value: unknown, role: 'doctor' | 'patient'): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new InvalidToken(`${role} token without ${role === 'doctor' ? 'doctorId' : 'patientId'}`);
  return value;
}

/**
 * The actor of an issuer's verified claims, mapped by configuration. A token without a known
 * role is refused with TokenWithoutRole (a 403), one of a doctor or a patient that does not say
 * which one with InvalidToken (a 401), as the development tokens are.
 */
export function actorOfClaims(claims: Claims, mapping: ClaimMapping): Actor {
  if (!isSubject(claims.sub)) throw new InvalidToken('token has no subject');
  const role = highestRole(claimAt(claims, mapping.roles));
  if (role === null) throw new TokenWithoutRole(claims.sub);
  const actor: Actor = { userId: claims.sub, role, name: displayNameOf(claims) };
  if (role === 'doctor') actor.doctorId = recordIdOf(claimAt(claims, mapping.doctorId), 'doctor');
  if (role === 'patient') actor.patientId = recordIdOf(claimAt(claims, mapping.patientId), 'patient');
  return actor;
}
