import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { takeRouteMarks } from '../shared/http/route-contract';
import { RESPONSE_MODELS } from './api-schemas';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed input (unknown fields are rejected)',
  401: 'No or bad access token',
  403: 'The role may not do this',
  404: 'Unknown id, or not yours',
  409: 'Slot taken (the detail names the doctor, room or patient), a concurrent change, or an Idempotency-Key in flight',
  412: 'Stale If-Match',
  413: 'Body over 100 kB',
  422: 'A domain rule is broken, or an Idempotency-Key was reused with another body',
  429: 'Rate limited (see Retry-After)',
  503: 'The read side has not reached minPosition in time, or the database is unreachable (see Retry-After)',
};

/**
 * The tags of the document: one per resource, in the order the UI shows them. Each operation
 * carries exactly one (set with @ApiTags on its controller).
 */
export const API_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'Appointments', description: 'Book and change appointments (commands) and read them (read tables, with read-your-writes)' },
  { name: 'Holds', description: 'Slot holds: a slot taken for a few minutes while a patient finishes booking, converted with POST /appointments (holdId)' },
  { name: 'Appointment series', description: 'Weekly series of appointments booked together (every occurrence or none) and cancelled from a date on' },
  { name: 'Doctors', description: 'Doctors, their working hours, day schedules and free slots' },
  { name: 'Patients', description: 'Patients, and the erasure of their personal data' },
  { name: 'Rooms', description: 'Treatment and consultation rooms' },
  { name: 'Waitlist', description: 'Patients waiting for freed time: entries, the offers made to them, accepting and declining' },
  { name: 'Clinic closures', description: 'Times the whole clinic is closed (public holidays): no doctor or room can be booked' },
  { name: 'Appointment types', description: 'Kinds of appointment with their duration and buffers' },
  { name: 'Integration events', description: 'The published feed of changes for other services' },
  { name: 'Operations', description: 'Health checks and Prometheus metrics (no token needed)' },
  { name: 'Dashboard', description: 'The live dashboard page' },
  { name: 'Problem types', description: 'What each problem `type` of an error means and what to do about it (no token needed)' },
];

const problem = { description: '', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDocument' } } } };
const resource = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/AppointmentResource' } } } });
const header = (name: string, description: string) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } });

type Parameter = { name: string; in: string; schema?: Record<string, unknown> };
type Operation = { parameters?: Parameter[]; responses: Record<string, unknown>; security?: unknown[]; tags?: string[] };

/**
 * Completes what the decorators say with the contract every route shares: bearer auth, the
 * problem+json errors, the command headers (If-Match, Idempotency-Key, X-Correlation-Id) and
 * their response headers, read-your-writes (X-Min-Position) on read-table queries, and the
 * `{id}` path parameters, which are uuids everywhere (ParseUUIDPipe refuses anything else).
 * Which parts apply to a route, its decorators say (the marks of shared/http/route-contract.ts).
 */
function completeContract(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      const marks = takeRouteMarks(operation);
      const errors = [400, 404, 429];
      if (!marks.has('withoutDatabase')) errors.push(503);
      if (marks.has('public')) {
        operation.security = [];
      } else {
        operation.security = marks.has('queryToken') ? [{ bearer: [] }, { calendarFeedToken: [] }] : [{ bearer: [] }];
        errors.push(401, 403);
      }
      operation.parameters ??= [];
      for (const parameter of operation.parameters) {
        if (parameter.in === 'path' && parameter.name === 'id') parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
      }
      if (marks.has('command')) {
        const creates = marks.has('creates');
        errors.push(409, 413, 422);
        if (!creates) errors.push(412);
        if (!creates) operation.parameters.push(header('If-Match', 'The version the client last saw, e.g. "3"; a stale one is a 412'));
        operation.parameters.push(
          header('Idempotency-Key', 'Same key and body: the first response again; other body: 422; first still running: 409'),
          header('X-Correlation-Id', 'Stored in the events metadata, the emails and the websocket messages'),
        );
        const headers = {
          ETag: { schema: { type: 'string' }, description: 'The new version' },
          'X-Event-Position': { schema: { type: 'integer' }, description: 'For read-your-writes (minPosition)' },
          ...(creates ? { Location: { schema: { type: 'string' } } } : {}),
        };
        // The answer is the appointment's; the errors a route declares itself (a hold's 410, its 409) stay.
        const declaredErrors = Object.entries(operation.responses).filter(([status]) => !status.startsWith('2'));
        operation.responses = { [creates ? '201' : '200']: { ...resource(creates ? 'Booked' : 'Changed'), headers }, ...Object.fromEntries(declaredErrors) };
      }
      if (marks.has('readTable')) operation.parameters.push(header('X-Min-Position', 'Wait until the read side has applied this event position'));
      for (const status of errors) operation.responses[String(status)] ??= { ...problem, description: ERROR_DESCRIPTIONS[status] };
    }
  }
  return document;
}

/** OpenAPI document at GET /docs (UI) and /docs-json. */
export function setupApiDocs(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Clinic booking')
    .setDescription(
      'Event-sourced appointment booking: commands, read-table queries, operations. Errors are application/problem+json (RFC 9457); ' +
        'each problem `type` is a URI such as /problems/slot-taken that explains the problem and what to do (GET /problems lists them all).',
    )
    .setVersion('1')
    .addServer('/', 'This instance')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey(
      { type: 'apiKey', in: 'query', name: 'token', description: 'A calendar feed token (POST /doctors/{id}/calendar-tokens), for calendar apps that send no bearer token' },
      'calendarFeedToken',
    );
  for (const tag of API_TAGS) config.addTag(tag.name, tag.description);
  const document = completeContract(SwaggerModule.createDocument(app, config.build(), { extraModels: RESPONSE_MODELS }));
  SwaggerModule.setup('docs', app, document);
  return document;
}
