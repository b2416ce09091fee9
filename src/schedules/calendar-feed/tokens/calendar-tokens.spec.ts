import { createHash } from 'node:crypto';
import { CALENDAR_TOKEN_LENGTH, looksLikeCalendarToken, newCalendarToken } from './calendar-tokens';

describe('Calendar feed tokens', () => {
  it('given 32 random bytes, when a token is made, then it is their base64url text and only its SHA-256 is to be stored', () => {
    const bytes = Buffer.alloc(32, 0xfb);
    const { token, hash } = newCalendarToken(() => bytes);
    expect(token).toBe(bytes.toString('base64url'));
    expect(token).toHaveLength(CALENDAR_TOKEN_LENGTH);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).not.toContain(token);
  });

  it('given fresh tokens, when they are made, then each is new and looks like a token', () => {
    const tokens = Array.from({ length: 20 }, () => newCalendarToken().token);
    expect(new Set(tokens).size).toBe(20);
    expect(tokens.every(looksLikeCalendarToken)).toBe(true);
  });

  it('given text that cannot be a token, when it is checked, then it is refused without a lookup', () => {
    const token = newCalendarToken().token;
    expect([token.slice(1), `${token}a`, `${token.slice(1)}=`, `${token.slice(1)}.`, ''].some(looksLikeCalendarToken)).toBe(false);
  });
});
