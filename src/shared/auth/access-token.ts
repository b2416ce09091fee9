import { createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { Actor, ROLES, Role } from './actor';
import { displayNameOf, isSubject, recordIdOf } from './token-claims';
import { InvalidToken } from './token-errors';

/**
 * The HMAC key of a secret, made once: given a plain string, jsonwebtoken first tries (and
 * fails) to parse it as a public key on every verification, which costs more than the rest of
 * a request.
 */
const keys = new Map<string, KeyObject>();
function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

/** Signs an HS256 access token carrying the actor as claims `sub`, `role`, `name`, `doctorId`, `patientId`. */
export function signAccessToken(actor: Actor, secret: string, expiresInSeconds = 8 * 3600): string {
  const claims: Record<string, string> = { role: actor.role };
  if (actor.name) claims.name = actor.name;
  if (actor.doctorId) claims.doctorId = actor.doctorId;
  if (actor.patientId) claims.patientId = actor.patientId;
  return jwt.sign(claims, hmacKey(secret), { algorithm: 'HS256', subject: actor.userId, expiresIn: expiresInSeconds });
}

/** Verifies signature, expiry and claims; a doctor or patient token must say which one. */
export function verifyAccessToken(token: string, secret: string): Actor {
  return verifyAccessTokenWithExpiry(token, secret).actor;
}

/** A verified token: who it speaks for, and the end of its validity (its `exp`; null without one). */
export interface VerifiedAccessToken {
  actor: Actor;
  expiresAt: Date | null;
}

/** As verifyAccessToken, for sessions that outlive one request and must end with their token. */
export function verifyAccessTokenWithExpiry(token: string, secret: string): VerifiedAccessToken {
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new InvalidToken('token payload is not a JSON object');
    claims = decoded;
  } catch (error) {
    throw error instanceof InvalidToken ? error : new InvalidToken((error as Error).message);
  }
  const role = claims.role as Role;
  if (!isSubject(claims.sub)) throw new InvalidToken('token has no subject');
  if (!ROLES.includes(role)) throw new InvalidToken('token has no valid role');
  const actor: Actor = { userId: claims.sub, role, name: displayNameOf(claims) };
  if (role === 'doctor') actor.doctorId = recordIdOf(claims.doctorId, 'doctor');
  if (role === 'patient') actor.patientId = recordIdOf(claims.patientId, 'patient');
  return { actor, expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null };
}
