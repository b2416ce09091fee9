/**
 * What never reaches the logs: credentials and patients' contact details. Applied to every
 * serialized log line just before it is written (see logging.ts), whatever wrote it: a request
 * line, an error with its stack, a message of Nest or of a library.
 */

export const REDACTED = '[redacted]';

/**
 * Query parameters that carry credentials: `access_token`, the calendar feed's `token`,
 * `id_token`, `authorization`, `api_key`, `client_secret`, `password`, signatures, sessions,
 * and those of an OAuth sign-in's return (`code`, `state`, `code_verifier`).
 * Matched on the decoded, lower-cased name.
 */
const CREDENTIAL_PARAMETER = /token|auth|secret|passw|pwd|api[-_]?key|^key$|jwt|session|signature|^sig$|credential|^code$|^state$|code[-_]?verifier/;

/**
 * A `name=value` pair of a query string, in a URL or in any text. The value ends where a URL
 * or the JSON string around it ends: never at a character a JSON escape could hide.
 */
const QUERY_PAIR = /([?&;])([^=&?#\s"'\\<>]+)=([^&#\s"'\\<>]*)/g;

/** A JSON Web Token: a base64url JSON header and payload (both `{"` = `eyJ`), then a signature. */
const JWT = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g;

/** `Bearer <token>` in any message (an echoed header, an error of a client library). */
const BEARER = /\b(bearer\s+)[\w.~+/-]+=*/gi;

const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

export function isCredentialParameter(name: string): boolean {
  return CREDENTIAL_PARAMETER.test(decodedName(name));
}

/** A URL (or a path with a query) with the value of every credential parameter replaced. */
export function redactUrl(url: string): string {
  return url.replace(QUERY_PAIR, (pair, separator: string, name: string) => (isCredentialParameter(name) ? `${separator}${name}=${REDACTED}` : pair));
}

/**
 * One serialized log line with credentials and email addresses masked. The replacements
 * contain no quote or backslash, so a JSON line stays valid JSON.
 */
export function redactLogLine(line: string): string {
  return redactUrl(line).replace(JWT, REDACTED).replace(BEARER, `$1${REDACTED}`).replace(EMAIL_ADDRESS, '[email]');
}
