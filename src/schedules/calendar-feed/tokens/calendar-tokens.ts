import { createHash, randomBytes } from 'node:crypto';
import { Command, Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/request-context';

/**
 * Calendar feed tokens: the credential in a doctor's feed URL, for calendar apps that cannot
 * send a bearer token. A token is 32 random bytes (base64url), shown once when it is issued;
 * only its SHA-256 is kept, so the table cannot give a token back. A token reads one doctor's
 * feed and nothing else, until it is revoked (revocation is final).
 */
export interface IssuedCalendarToken {
  id: string;
  /** The secret itself: returned by the issuing request only. */
  token: string;
  /** The feed URL with the token, to paste into a calendar app. */
  url: string;
  createdAt: string;
}

/** A token as the list shows it: never the secret. */
export interface CalendarTokenEntry {
  id: string;
  createdAt: string;
  /** The user who issued it (the `sub` of their access token). */
  createdBy: string;
  /** When it was revoked; null while it is valid. */
  revokedAt: string | null;
}

const TOKEN_BYTES = 32;

/** The text of a token: base64url of 32 bytes is 43 characters. */
export const CALENDAR_TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3);

/** The stored form of a token: its SHA-256, hex. */
export const calendarTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new token and its hash. */
export function newCalendarToken(random: (size: number) => Buffer = randomBytes): { token: string; hash: string } {
  const token = random(TOKEN_BYTES).toString('base64url');
  return { token, hash: calendarTokenHash(token) };
}

/** Whether a string can be a token at all: anything else is refused without a lookup. */
export const looksLikeCalendarToken = (value: string): boolean => value.length === CALENDAR_TOKEN_LENGTH && /^[A-Za-z0-9_-]+$/.test(value);

export class IssueCalendarToken extends Command<IssuedCalendarToken> {
  constructor(
    readonly doctorId: string,
    /** Where this API is reached (scheme and host of the request), for the feed URL. */
    readonly origin: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class ListCalendarTokens extends Query<{ items: CalendarTokenEntry[]; nextCursor: null }> {
  constructor(
    readonly doctorId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class RevokeCalendarToken extends Command<void> {
  constructor(
    readonly doctorId: string,
    readonly tokenId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
