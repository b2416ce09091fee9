import { applyDecorators, createParamDecorator, ExecutionContext, PipeTransform } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { FastifyReply } from 'fastify';
import { parseIfMatch } from '../shared/http/entity-tag';
import { Problems } from '../shared/http/problem';
import { ClinicRequest } from '../shared/http/request-context';

/**
 * The HTTP edge of editing a reference record (PATCH): a partial body whose fields, when sent,
 * pass the same rules as on create; `If-Match` against the record's version; the version as
 * the ETag of every single-record response.
 */

/** A field of a partial body: absent is fine, anything sent (null too) must pass the field's rules. */
export const WhenSent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** The fields of a validated partial body that were sent (a DTO instance declares every field). */
export function sentFields<T extends object>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** An edit that changes nothing is a mistake of the client (a misspelt field is already a 400). */
export class SomeFieldPipe implements PipeTransform {
  transform<T extends object>(body: T | null | undefined): T {
    if (body === undefined || body === null || Object.keys(sentFields(body)).length === 0) {
      throw Problems.badRequest('The request body must name at least one field to change');
    }
    return body;
  }
}

/**
 * The versions `If-Match` accepts, or undefined when there is no precondition (no header, or
 * `*`, which any existing record satisfies). A malformed header is a 400.
 */
export const IfMatchVersions = createParamDecorator((_: unknown, execution: ExecutionContext): number[] | undefined => {
  const request = execution.switchToHttp().getRequest<ClinicRequest>();
  const value = request.headers['if-match'];
  const header = Array.isArray(value) ? value.join(', ') : value;
  if (header === undefined) return undefined;
  const ifMatch = parseIfMatch(header);
  if (!ifMatch) {
    const message = 'If-Match must be * or a list of ETags of the record, e.g. "3"';
    throw Problems.badRequest(message, [{ field: 'If-Match', message }]);
  }
  return ifMatch.kind === 'any' ? undefined : ifMatch.versions;
});

/** Answers a single record with its version as the ETag (the value to send back in If-Match). */
export function withETag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('ETag', `"${record.version}"`);
  return record;
}

const ETAG_HEADER = { ETag: { schema: { type: 'string' }, description: 'The record\'s version, e.g. "3": send it as If-Match to edit' } };
const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDocument' } } };

/** The OpenAPI description of a single-record response: the record and its ETag. */
export const ApiRecordResponse = (type: object, description = 'OK') => ApiResponse({ status: 200, description, type: type as never, headers: ETAG_HEADER });

/** The OpenAPI description of a PATCH: If-Match, the edited record with its ETag, 412 on a stale version. */
export const DocumentedEdit = (type: object) =>
  applyDecorators(
    ApiHeader({ name: 'If-Match', required: false, description: 'The version the client last saw, e.g. "3"; a stale one is a 412' }),
    ApiRecordResponse(type, 'Edited'),
    ApiResponse({ status: 412, description: 'Stale If-Match: the record was edited since', content: PROBLEM }),
  );
