import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { PROJECT_ROOT } from '../support/app-process';
import { startTestApp, TestApp } from '../support/test-app';

type Schema = { type?: string; format?: string; properties?: Record<string, Schema>; items?: Schema; [key: string]: unknown };

/** Names of identifiers that are not ids of this service's records (token subjects, traces). */
const NOT_RECORD_IDS = new Set(['userId', 'correlationId']);
const isIdName = (name: string) => (name === 'id' || name.endsWith('Id')) && !NOT_RECORD_IDS.has(name);

/** Every id-named field of every schema and path or query parameter in the document, with where it is and its schema. */
function idsIn(document: Record<string, unknown>): Array<{ where: string; schema: Schema }> {
  const found: Array<{ where: string; schema: Schema }> = [];
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => visit(child, `${where}/${index}`));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const value = node as Record<string, unknown>;
    if (typeof value.name === 'string' && (value.in === 'path' || value.in === 'query') && isIdName(value.name)) {
      found.push({ where: `${where} (${value.in} ${value.name})`, schema: (value.schema ?? {}) as Schema });
    }
    if (typeof value.properties === 'object' && value.properties !== null) {
      for (const [name, property] of Object.entries(value.properties as Record<string, Schema>)) {
        if (isIdName(name)) found.push({ where: `${where}/properties/${name}`, schema: property });
      }
    }
    for (const [key, child] of Object.entries(value)) visit(child, `${where}/${key}`);
  };
  visit(document, '#');
  return found;
}

/** Every route the application serves, as "METHOD /path/{param}". */
function routesOf(t: TestApp): string[] {
  const routes: string[] = [];
  for (const wrapper of t.app.get(DiscoveryService).getControllers()) {
    const controller = wrapper.metatype as { prototype: Record<string, unknown> } | null;
    if (!controller) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = ['', base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
        .join('/')
        .replace(/\/+/g, '/')
        .replace(/\/$/, '')
        .replace(/:(\w+)/g, '{$1}');
      routes.push(`${method} ${path || '/'}`);
    }
  }
  return routes.sort();
}

describe('API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document and its UI without a token', async () => {
    const ui = await fetch(`${t.baseUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    expect((await t.http.get('/docs-json')).body.openapi).toMatch(/^3\./);
  });

  it('documents every route of the app, with auth, headers and errors', async () => {
    const document = (await t.http.get('/docs-json')).body;
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const routes = routesOf(t);
    expect(routes.length).toBeGreaterThan(25);
    expect(documented).toEqual(expect.arrayContaining(routes));

    const book = document.paths['/appointments'].post;
    expect(book.security).toEqual([{ bearer: [] }]);
    expect(book.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Idempotency-Key', 'X-Correlation-Id']));
    expect(Object.keys(book.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '413', '422', '429']));
    expect(book.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/BookAppointmentDto');
    // A waitlist offer's hold is neither booked nor released outside the waitlist.
    expect(book.responses['409'].description).toMatch(/^Slot taken .*\/problems\/hold-is-waitlist-offer\)$/);
    expect(book.responses['410'].description).toContain('/problems/hold-gone');
    expect(document.paths['/holds/{id}'].delete.responses['409'].description).toContain('/problems/hold-is-waitlist-offer');
    const cancel = document.paths['/appointments/{id}/cancel'].post;
    expect(cancel.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['If-Match', 'Idempotency-Key']));
    expect(Object.keys(cancel.responses)).toEqual(expect.arrayContaining(['200', '404', '412', '422']));
    const list = document.paths['/appointments'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['doctorId', 'status', 'cursor', 'minPosition', 'X-Min-Position']));
    expect(list.responses['503']).toBeDefined();
    expect(document.paths['/health/ready'].get.security).toEqual([]);
    expect(document.components.schemas.CreateDoctorDto.properties.workingHours).toBeDefined();
    expect(document.components.schemas.ProblemDocument.properties.detail).toBeDefined();
  });

  it('types every id as a uuid: path and query parameters, body fields and response fields', async () => {
    const document = (await t.http.get('/docs-json')).body;
    const ids = idsIn(document);
    expect(ids.map(({ where }) => where)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/appointments\/\{id\}\/cancel\/post\/parameters\/\d+ \(path id\)$/),
        expect.stringContaining('#/components/schemas/BookAppointmentDto/properties/doctorId'),
        expect.stringContaining('#/components/schemas/Doctor/properties/id'),
        expect.stringContaining('(query doctorId)'),
        expect.stringContaining('(query appointmentTypeId)'),
        expect.stringContaining('#/components/schemas/DoctorAvailability/properties/doctorId'),
      ]),
    );
    const notUuid = ids.filter(({ schema }) => schema.type !== 'string' || schema.format !== 'uuid').map(({ where, schema }) => `${where}: ${JSON.stringify(schema)}`);
    expect(notUuid).toEqual([]);
  });

  it('gives every operation a summary and exactly one declared, described tag', async () => {
    const document = (await t.http.get('/docs-json')).body;
    const declared = new Map((document.tags as Array<{ name: string; description?: string }>).map((tag) => [tag.name, tag.description]));
    for (const description of declared.values()) expect(description).toEqual(expect.any(String));
    const operations = Object.entries(document.paths as Record<string, Record<string, { summary?: string; tags?: string[] }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ operation: `${method.toUpperCase()} ${path}`, summary: operation.summary, tags: operation.tags })),
    );
    for (const { operation, summary, tags } of operations) {
      expect({ operation, summary }).toEqual({ operation, summary: expect.stringMatching(/^[A-Z].{5,}/) });
      expect({ operation, tags }).toEqual({ operation, tags: [expect.any(String)] });
      expect({ operation, declared: declared.has(tags![0]) }).toEqual({ operation, declared: true });
    }
    const tagOf = (path: string, method: string) => document.paths[path][method].tags[0];
    expect(tagOf('/appointments', 'post')).toBe('Appointments');
    expect(tagOf('/appointments/{id}/history', 'get')).toBe('Appointments');
    expect(tagOf('/doctors/{id}/availability', 'get')).toBe(tagOf('/doctors', 'post'));
    expect(tagOf('/patients/{id}', 'delete')).toBe(tagOf('/patients', 'get'));
  });

  it('passes the Redocly linter (recommended-strict, see redocly.yaml)', async () => {
    const document = (await t.http.get('/docs-json')).body;
    const folder = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(folder, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const lint = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'redocly'), ['lint', file, '--config', join(PROJECT_ROOT, 'redocly.yaml'), '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
      const report = JSON.parse(lint.stdout) as { problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }> };
      expect(report.problems.map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`)).toEqual([]);
      expect(lint.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
