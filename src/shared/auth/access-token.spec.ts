import * as jwt from 'jsonwebtoken';
import { signAccessToken, verifyAccessToken, verifyAccessTokenWithExpiry } from './access-token';
import { InvalidToken } from './token-errors';

const secret = 'a-test-secret-that-is-long-enough-1234';
const doctorId = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01';

describe('access tokens', () => {
  it('round-trips the actor', () => {
    const token = signAccessToken({ userId: 'u-1', role: 'doctor', doctorId }, secret);
    expect(verifyAccessToken(token, secret)).toEqual({ userId: 'u-1', role: 'doctor', name: null, doctorId });
    const named = signAccessToken({ userId: 'u-2', role: 'staff', name: 'Greta Desk' }, secret);
    expect(verifyAccessToken(named, secret)).toEqual({ userId: 'u-2', role: 'staff', name: 'Greta Desk' });
  });

  it('takes preferred_username when there is no name, and no name that is not one clean line', () => {
    expect(verifyAccessToken(jwt.sign({ role: 'staff', preferred_username: 'greta' }, secret, { subject: 'u' }), secret).name).toBe('greta');
    expect(verifyAccessToken(jwt.sign({ role: 'staff', name: 'Greta\u0000', preferred_username: 'greta' }, secret, { subject: 'u' }), secret).name).toBe('greta');
    expect(verifyAccessToken(jwt.sign({ role: 'staff', name: 42 }, secret, { subject: 'u' }), secret).name).toBeNull();
  });

  it('tells when a token stops being valid: its exp, or never without one', () => {
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = signAccessToken({ userId: 'u-1', role: 'staff' }, secret, 120);
    const { actor, expiresAt } = verifyAccessTokenWithExpiry(token, secret);
    expect(actor).toEqual({ userId: 'u-1', role: 'staff', name: null });
    expect(expiresAt!.getTime() / 1000 - issuedAt).toBeGreaterThanOrEqual(120);
    expect(expiresAt!.getTime() / 1000 - issuedAt).toBeLessThanOrEqual(121);
    expect(expiresAt!.getTime() % 1000).toBe(0);
    const timeless = jwt.sign({ role: 'staff' }, secret, { subject: 'u-1' });
    expect(verifyAccessTokenWithExpiry(timeless, secret).expiresAt).toBeNull();
  });

  it('refuses a token signed with another secret, an expired one, or another algorithm', () => {
    const other = signAccessToken({ userId: 'u-1', role: 'staff' }, 'another-secret-that-is-long-enough-000');
    expect(() => verifyAccessToken(other, secret)).toThrow(InvalidToken);
    const expired = jwt.sign({ role: 'staff', exp: Math.floor(Date.now() / 1000) - 10 }, secret, { subject: 'u-1' });
    expect(() => verifyAccessToken(expired, secret)).toThrow(/expired/);
    const unsigned = jwt.sign({ role: 'staff' }, '', { algorithm: 'none', subject: 'u-1' });
    expect(() => verifyAccessToken(unsigned, secret)).toThrow(InvalidToken);
  });

  it('refuses unknown roles and doctor or patient tokens that do not say who', () => {
    expect(() => verifyAccessToken(jwt.sign({ role: 'root' }, secret, { subject: 'u' }), secret)).toThrow(/role/);
    expect(() => verifyAccessToken(jwt.sign({ role: 'doctor' }, secret, { subject: 'u' }), secret)).toThrow(/doctorId/);
    expect(() => verifyAccessToken(jwt.sign({ role: 'patient', patientId: 'me' }, secret, { subject: 'u' }), secret)).toThrow(/patientId/);
    expect(() => verifyAccessToken(jwt.sign({ role: 'staff' }, secret), secret)).toThrow(/subject/);
    expect(() => verifyAccessToken(jwt.sign({ role: 'staff' }, secret, { subject: 'u\nv' }), secret)).toThrow(/subject/);
  });
});
