import { actorOfClaims, claimAt, highestRole } from './token-claims';
import { InvalidToken, TokenWithoutRole } from './token-errors';

const doctorId = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01';
const patientId = '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001';
const defaults = { roles: 'roles', doctorId: 'doctorId', patientId: 'patientId' };

describe('the claims of an issuer token', () => {
  it('reads a claim by name, by dotted path, or by a whole name that has dots in it', () => {
    const claims = { roles: ['staff'], realm_access: { roles: ['doctor'] }, 'https://clinic.example/roles': 'admin', a: { b: { c: 1 } } };
    expect(claimAt(claims, 'roles')).toEqual(['staff']);
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['doctor']);
    expect(claimAt(claims, 'https://clinic.example/roles')).toBe('admin');
    expect(claimAt(claims, 'a.b.c')).toBe(1);
    expect(claimAt(claims, 'a.b.c.d')).toBeUndefined();
    expect(claimAt(claims, 'realm_access.missing')).toBeUndefined();
    expect(claimAt({ list: [{ x: 1 }] }, 'list.0')).toBeUndefined();
    expect(claimAt({}, 'constructor')).toBeUndefined();
    expect(claimAt({}, 'toString.name')).toBeUndefined();
  });

  it('takes the highest known role of a string or an array, ignoring unknown ones and non-strings', () => {
    expect(highestRole('staff')).toBe('staff');
    expect(highestRole(['patient', 'offline_access', 'doctor'])).toBe('doctor');
    expect(highestRole(['service', 'admin', 'staff'])).toBe('admin');
    expect(highestRole(['uma_authorization', 7, { role: 'admin' }])).toBeNull();
    expect(highestRole('Admin')).toBeNull();
    expect(highestRole(undefined)).toBeNull();
    expect(highestRole({ admin: true })).toBeNull();
  });

  it('maps roles, ids and the display name by the configured paths', () => {
    const mapping = { roles: 'realm_access.roles', doctorId: 'clinic.doctor_id', patientId: 'clinic.patient_id' };
    expect(actorOfClaims({ sub: 'kc-1', realm_access: { roles: ['doctor'] }, clinic: { doctor_id: doctorId }, name: 'Dr. Anna Berg' }, mapping)).toEqual({
      userId: 'kc-1',
      role: 'doctor',
      name: 'Dr. Anna Berg',
      doctorId,
    });
    expect(actorOfClaims({ sub: 'kc-2', realm_access: { roles: 'patient' }, clinic: { patient_id: patientId }, preferred_username: 'jonas' }, mapping)).toEqual({
      userId: 'kc-2',
      role: 'patient',
      name: 'jonas',
      patientId,
    });
    expect(actorOfClaims({ sub: 'svc', roles: ['service'] }, defaults)).toEqual({ userId: 'svc', role: 'service', name: null });
  });

  it('refuses a known person without a role of the API as TokenWithoutRole, naming the user', () => {
    const refusal = (() => {
      try {
        return actorOfClaims({ sub: 'kc-3', roles: ['offline_access'] }, defaults);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(TokenWithoutRole);
    expect((refusal as TokenWithoutRole).userId).toBe('kc-3');
  });

  it('refuses a token without a subject, and a doctor or patient one that does not say which', () => {
    expect(() => actorOfClaims({ roles: ['staff'] }, defaults)).toThrow(/subject/);
    expect(() => actorOfClaims({ sub: '', roles: ['staff'] }, defaults)).toThrow(/subject/);
    expect(() => actorOfClaims({ sub: 'x'.repeat(256), roles: ['staff'] }, defaults)).toThrow(/subject/);
    expect(() => actorOfClaims({ sub: 'd', roles: ['doctor', 'patient'], patientId }, defaults)).toThrow(/doctor token without doctorId/);
    expect(() => actorOfClaims({ sub: 'p', roles: ['patient'], patientId: 'me' }, defaults)).toThrow(InvalidToken);
    expect(() => actorOfClaims({ sub: 'p', roles: ['patient'], patientId: 'me' }, defaults)).not.toThrow(TokenWithoutRole);
  });
});
