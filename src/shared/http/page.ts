import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, isUUID, registerDecorator, ValidationArguments } from 'class-validator';
import { IsIntegerParam } from './integer-param.validator';
import { isInstant } from './is-instant.validator';
import { Problems } from './problem';
import { textProblem } from './text-policy';

export const MAX_PAGE_SIZE = 100;

/** A cursor this API hands out is far shorter; a longer one is not a cursor. */
const MAX_CURSOR_LENGTH = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** The longest name of a reference record. */
const MAX_NAME_LENGTH = 200;

/** The shape of a keyset cursor: one check per part of the sort key, in order. */
export type CursorShape = ReadonlyArray<(part: unknown) => boolean>;

const uuidPart = (part: unknown) => typeof part === 'string' && isUUID(part);
const namePart = (part: unknown) => typeof part === 'string' && part.length <= MAX_NAME_LENGTH && textProblem(part, 'single-line') === undefined;

/** Lists sorted by name, then id (reference data). */
export const NAME_CURSOR: CursorShape = [namePart, uuidPart];
/** Lists sorted by start instant, then id (appointments). */
export const START_CURSOR: CursorShape = [isInstant, uuidPart];

const NOT_A_CURSOR = 'cursor is not a cursor returned by this list';

/** Keyset cursors are the sort key of the last item, opaque to clients. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key in `cursor`, each part checked, or undefined when it is not such a cursor. */
function parseCursor(cursor: unknown, shape: CursorShape): string[] | undefined {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && shape.every((check, index) => check(key[index]))) return key as string[];
  } catch {
    // not JSON: not a cursor either
  }
  return undefined;
}

/** Decodes a cursor this list handed out; anything else (forged, truncated, of another list) is a 400. */
export function decodeCursor(cursor: string, shape: CursorShape): string[] {
  const key = parseCursor(cursor, shape);
  if (key === undefined) throw Problems.badRequest(NOT_A_CURSOR, [{ field: 'cursor', message: NOT_A_CURSOR }]);
  return key;
}

/** A `cursor` query parameter of a list with this sort key. */
export function IsCursor(shape: CursorShape) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCursor',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => parseCursor(value, shape) !== undefined,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} is not a cursor returned by this list`,
      },
    });
}

/** `?limit=&cursor=` of the reference-data lists (sorted by name); `limit` is capped at 100. */
export class PageQuery {
  @ApiPropertyOptional()
  @IsOptional() @IsIntegerParam(1, MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsCursor(NAME_CURSOR)
  cursor?: string;
}

/** A list response: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
