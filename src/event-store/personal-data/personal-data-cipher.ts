import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption of one personal-data value with its data subject's key (AES-256-GCM). The subject
 * id is authenticated with the value, so a ciphertext copied to another subject's record does
 * not decrypt.
 *
 * A sealed value is told apart from plaintext by its shape, never by its content: plaintext
 * personal data is always a JSON string (that is all a client can send in a free-text field),
 * a sealed value is always the object `{ "sealed": "<base64(iv | tag | ciphertext)>" }`. So no
 * text a client sends, however it looks, is ever taken for a sealed value.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface SealedValue {
  sealed: string;
}

/** What a personal-data value reads as once its subject's key has been erased. */
export const REDACTED = '[erased]';

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function isSealed(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'sealed' && typeof (value as SealedValue).sealed === 'string';
}

export function seal(key: Buffer, subjectId: string, plaintext: string): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(subjectId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64') };
}

/** Decrypts a sealed value; throws if it is malformed, was tampered with or sealed for another subject. */
export function unseal(key: Buffer, subjectId: string, value: SealedValue): string {
  if (!BASE64.test(value.sealed)) throw new Error('A sealed value is not base64');
  const bytes = Buffer.from(value.sealed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('A sealed value is too short to hold its IV and tag');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(subjectId));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
