import { isSealed, newDataKey, seal, unseal } from './personal-data-cipher';

describe('Personal data cipher', () => {
  const patient = '0b6f3a9e-5d1c-4e2a-9f47-3c8d2e1b7a60';

  it('given a key, seals a value so that it no longer shows, and opens it again', () => {
    const key = newDataKey();
    const sealed = seal(key, patient, 'Persistent cough – Müller');

    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('cough');
    expect(unseal(key, patient, sealed)).toBe('Persistent cough – Müller');
  });

  it('seals the same value differently each time (random IV)', () => {
    const key = newDataKey();
    expect(seal(key, patient, 'same')).not.toBe(seal(key, patient, 'same'));
  });

  it('refuses to open with another key, for another subject, or after tampering', () => {
    const key = newDataKey();
    const sealed = seal(key, patient, 'secret');

    expect(() => unseal(newDataKey(), patient, sealed)).toThrow();
    expect(() => unseal(key, 'another-patient', sealed)).toThrow();
    const bytes = Buffer.from(sealed.slice(4), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => unseal(key, patient, `pd1:${bytes.toString('base64')}`)).toThrow();
  });

  it('tells plain values from sealed ones', () => {
    expect(isSealed('Persistent cough')).toBe(false);
    expect(isSealed(null)).toBe(false);
  });
});
