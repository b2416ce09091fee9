import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiProperty, ApiPropertyOptional, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

class NamedReference {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

/** The appointment resource returned by commands and reads. */
class AppointmentResource {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['booked', 'checked-in', 'fulfilled', 'cancelled', 'noshow'] }) status: string;
  @ApiProperty({ format: 'uuid' }) doctorId: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ format: 'uuid' }) appointmentTypeId: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Number of events in the appointment stream; also the ETag' }) version: number;
  @ApiPropertyOptional() cancellationReason?: string;
  @ApiProperty() doctor: NamedReference;
  @ApiProperty() patient: NamedReference;
  @ApiProperty() room: NamedReference;
  @ApiProperty() appointmentType: NamedReference;
}

class AppointmentPage {
  @ApiProperty({ type: [AppointmentResource] }) items: AppointmentResource[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** RFC 9457 problem details, the body of every error. */
class ProblemDocument {
  @ApiProperty({ example: '/problems/slot-taken' }) type: string;
  @ApiProperty({ example: 'Slot taken' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ example: 'Doctor Dr. Anna Weber already has an appointment overlapping ...' }) detail: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } })
  errors?: Array<{ field: string; message: string }>;
}

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
  503: 'The read side has not reached minPosition in time (see Retry-After)',
};

const PUBLIC = /^\/(health|metrics|dashboard)/;
const problem = { description: '', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDocument' } } } };
const resource = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/AppointmentResource' } } } });
const header = (name: string, description: string) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } });

type Operation = { parameters?: unknown[]; responses: Record<string, unknown>; security?: unknown[]; tags?: string[] };

/**
 * Completes what the decorators say with the contract every route shares: bearer auth, the
 * problem+json errors, the command headers (If-Match, Idempotency-Key, X-Correlation-Id) and
 * their response headers, and read-your-writes (X-Min-Position) on read-table queries.
 */
function completeContract(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      const operation = value;
      const errors = [400, 404, 429];
      if (!PUBLIC.test(path)) {
        operation.security = [{ bearer: [] }];
        errors.push(401, 403);
      }
      operation.parameters ??= [];
      if (path.startsWith('/appointments') && method === 'post') {
        const creates = path === '/appointments';
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
        operation.responses = { [creates ? '201' : '200']: { ...resource(creates ? 'Booked' : 'Changed'), headers } };
      }
      if (method === 'get' && (path.startsWith('/appointments') || /\/doctors\/\{id\}\/(schedule|availability)/.test(path))) {
        errors.push(503);
        operation.parameters.push(header('X-Min-Position', 'Wait until the read side has applied this event position'));
        if (path === '/appointments') operation.responses['200'] = { description: 'A page', content: { 'application/json': { schema: { $ref: '#/components/schemas/AppointmentPage' } } } };
        if (path === '/appointments/{id}') operation.responses['200'] = resource('The appointment');
      }
      for (const status of errors) operation.responses[String(status)] ??= { ...problem, description: ERROR_DESCRIPTIONS[status] };
    }
  }
  return document;
}

/** OpenAPI document at GET /docs (UI) and /docs-json. */
export function setupApiDocs(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Clinic booking')
    .setDescription('Event-sourced appointment booking: commands, read-table queries, operations. Errors are application/problem+json.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = completeContract(
    SwaggerModule.createDocument(app, config, { extraModels: [AppointmentResource, AppointmentPage, ProblemDocument] }),
  );
  SwaggerModule.setup('docs', app, document);
  return document;
}
