import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption of one personal-data value with its data subject's key (AES-256-GCM). The subject
 * id is authenticated with the value, so a ciphertext copied to another subject's record does
 * not decrypt. A sealed value is a string `pd1:<base64(iv | tag | ciphertext)>`, so a field keeps
 * its JSON type whether it is sealed or not.
 */
const PREFIX = 'pd1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a personal-data value reads as once its subject's key has been erased. */
export const REDACTED = '[erased]';

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function seal(key: Buffer, subjectId: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(subjectId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/** Decrypts a sealed value; throws if it was tampered with or sealed for another subject. */
export function unseal(key: Buffer, subjectId: string, sealed: string): string {
  const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(subjectId));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
