import { applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/**
 * Marks by which a route declares which shared part of the API's contract applies to it, for
 * the OpenAPI document. Each mark is an extension of the route's operation, set by the route's
 * own decorators (`@Public()`, `@ReadsFrom()`, `@AnswersWithoutDatabase()`,
 * `@DocumentedCommand()`, `@AcceptsQueryToken()`); the document
 * builder (observability/api-docs.ts) writes out what a mark stands for (auth, headers, error
 * statuses) and removes it, so the published document carries none. The document follows what
 * the routes declare, never the shape of their URLs.
 */
const ROUTE_MARKS = {
  /** Answers without a token (health, metrics, dashboard, problem types). */
  public: 'x-clinic-public',
  /** Also accepts a credential of its own as `?token=` (a calendar feed), for clients that send no bearer token. */
  queryToken: 'x-clinic-query-token',
  /** Answers without the database, so never with database-unavailable (503). */
  withoutDatabase: 'x-clinic-without-database',
  /** Reads an eventually consistent read table: read-your-writes with X-Min-Position. */
  readTable: 'x-clinic-read-table',
  /**
   * A command on an appointment: Idempotency-Key and X-Correlation-Id, the appointment in the
   * response with its ETag and X-Event-Position, the errors of a broken rule or a taken slot.
   */
  command: 'x-clinic-command',
  /** A command that creates its appointment: 201 with Location, and no If-Match to honour. */
  creates: 'x-clinic-creates',
} as const;

export type RouteMark = keyof typeof ROUTE_MARKS;

/** Marks a route (or every route of a controller) for the document. */
export const MarkRoute = (mark: RouteMark) => ApiExtension(ROUTE_MARKS[mark], true);

/** A route that never touches the database (a static page, a catalogue in the code). */
export const AnswersWithoutDatabase = () => MarkRoute('withoutDatabase');

/** A command route: `creates` for a booking (a new stream), `changes` for the others (If-Match). */
export const DocumentedCommand = (kind: 'creates' | 'changes') =>
  kind === 'creates' ? applyDecorators(MarkRoute('command'), MarkRoute('creates')) : MarkRoute('command');

/** The marks an operation of the generated document carries, taken off it. */
export function takeRouteMarks(operation: Record<string, unknown>): ReadonlySet<RouteMark> {
  const marks = new Set<RouteMark>();
  for (const [mark, extension] of Object.entries(ROUTE_MARKS) as Array<[RouteMark, string]>) {
    if (operation[extension] === true) marks.add(mark);
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the marks are vendor extensions of a generated document, taken off before it is published
    delete operation[extension];
  }
  return marks;
}
