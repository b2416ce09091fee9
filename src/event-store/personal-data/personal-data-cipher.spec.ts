import { isSealed, newDataKey, seal, unseal } from './personal-data-cipher';

describe('Personal data cipher', () => {
  const patient = '0b6f3a9e-5d1c-4e2a-9f47-3c8d2e1b7a60';

  it('given a key, seals a value so that it no longer shows, and opens it again', () => {
    const key = newDataKey();
    const sealed = seal(key, patient, 'Persistent cough – Müller');

    expect(isSealed(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('cough');
    expect(unseal(key, patient, sealed)).toBe('Persistent cough – Müller');
  });

  it('seals the same value differently each time (random IV)', () => {
    const key = newDataKey();
    expect(seal(key, patient, 'same')).not.toEqual(seal(key, patient, 'same'));
  });

  it('refuses to open with another key, for another subject, or after tampering', () => {
    const key = newDataKey();
    const sealed = seal(key, patient, 'secret');

    expect(() => unseal(newDataKey(), patient, sealed)).toThrow();
    expect(() => unseal(key, 'another-patient', sealed)).toThrow();
    const bytes = Buffer.from(sealed.sealed, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => unseal(key, patient, { sealed: bytes.toString('base64') })).toThrow();
  });

  it('refuses malformed sealed values with an error, not a crash deeper down', () => {
    const key = newDataKey();
    expect(() => unseal(key, patient, { sealed: 'hello' })).toThrow(/too short/);
    expect(() => unseal(key, patient, { sealed: 'not base64!' })).toThrow(/not base64/);
  });

  it('tells sealed values from plaintext by their shape, never by their content', () => {
    const key = newDataKey();
    const sealed = seal(key, patient, 'secret');
    // Text a client may send, shaped like sealed values old and new.
    for (const text of ['Persistent cough', 'pd1:hello', `pd1:${sealed.sealed}`, JSON.stringify(sealed), '[erased]']) {
      expect(isSealed(text)).toBe(false);
    }
    expect(isSealed(null)).toBe(false);
    expect(isSealed(['sealed'])).toBe(false);
    expect(isSealed({ sealed: sealed.sealed, extra: 1 })).toBe(false);
    expect(isSealed({ sealed: 1 })).toBe(false);
  });
});
