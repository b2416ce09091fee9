/**
 * A token this API does not accept: a 401. Its message is safe to show the caller: it says what
 * is wrong with the token, never how the verification works inside (no key, URL or library text).
 */
export class InvalidToken extends Error {}

/**
 * A valid token of a known person that carries none of the API's roles (a user of the clinic's
 * identity provider who was given no role here): a 403 on every route, since the caller is
 * known but allowed nothing. The rate limit counts it for its user.
 */
export class TokenWithoutRole extends InvalidToken {
  constructor(readonly userId: string) {
    super('the token carries none of the roles of this API (admin, staff, doctor, patient, service)');
  }
}
