import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { startTestApp, TestApp } from '../support/test-app';

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
    const cancel = document.paths['/appointments/{id}/cancel'].post;
    expect(cancel.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['If-Match', 'Idempotency-Key']));
    expect(Object.keys(cancel.responses)).toEqual(expect.arrayContaining(['200', '404', '412', '422']));
    const list = document.paths['/appointments'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['doctorId', 'status', 'cursor', 'minPosition', 'X-Min-Position']));
    expect(list.responses['503']).toBeDefined();
    expect(document.paths['/health/ready'].get.security).toBeUndefined();
    expect(document.components.schemas.CreateDoctorDto.properties.workingHours).toBeDefined();
    expect(document.components.schemas.ProblemDocument.properties.detail).toBeDefined();
  });
});
