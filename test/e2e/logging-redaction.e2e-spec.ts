import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { AppProcess, startAppProcess } from '../support/app-process';
import { demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const staff = signAccessToken({ userId: 'desk-9', role: 'staff' }, DEVELOPMENT_JWT_SECRET);
const FEED_SECRET = 'feed-secret-4b1d9e7a0c';
/** What an identity provider sends back to the dashboard after a sign-in: a one-time code and the page's state. */
const SIGN_IN_CODE = 'sign-in-code-8f2e61c5';
const SIGN_IN_STATE = 'sign-in-state-3a9d07b4';

type Line = Record<string, unknown>;

function jsonLines(app: AppProcess): Line[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);
}

/** Pretty output is coloured where the environment asks for it (FORCE_COLOR, CI). */
function withoutColours(text: string): string {
  // eslint-disable-next-line no-control-regex -- an ANSI colour sequence begins with ESC
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** The lines Fastify wrote for one request, found by the request id it answered with. */
function linesOf(app: AppProcess, requestId: string | null): Line[] {
  return jsonLines(app).filter((line) => line.reqId === requestId);
}

/** Requests that carry credentials in their query string, as browsers and calendar clients send them. */
async function requestsWithSecretsInTheQuery(baseUrl: string) {
  const http = new HttpClient(baseUrl);
  return {
    doctor: await http.get(`/doctors/${demo.weber.id}?access_token=${staff}`, staff),
    schedule: await http.get(`/doctors/${demo.weber.id}/schedule?date=2027-03-22&token=${FEED_SECRET}`, staff),
    unknownRoute: await http.get(`/no-such-page?Authorization=Bearer%20${staff}`),
    malformed: await http.request('POST', `/appointments?access_token=${FEED_SECRET}`, { token: staff, rawBody: '{"title":' }),
    // The dashboard's page is HTML: only its status and headers are read.
    signInReturn: await fetch(`${baseUrl}/dashboard?code=${SIGN_IN_CODE}&state=${SIGN_IN_STATE}`),
  };
}

describe('Request logs (real process)', () => {
  let database: TestDatabase;
  let app: AppProcess | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    app?.child.kill('SIGKILL');
    await app?.exited;
    app = undefined;
    await database.drop();
  });

  it('given tokens in query strings, when the requests are logged as JSON, then no line holds a token and each completed line names method, route, status and time', async () => {
    app = await startAppProcess({ DATABASE_URL: database.url, LOG_LEVEL: 'info' });
    const responses = await requestsWithSecretsInTheQuery(app.baseUrl);
    expect([responses.doctor.status, responses.unknownRoute.status, responses.malformed.status]).toEqual([200, 404, 400]);
    // Nor does an answer echo the credential: the 404 names the path without its query.
    expect(responses.unknownRoute.body).toMatchObject({ status: 404, detail: 'No route answers GET /no-such-page' });
    expect(JSON.stringify(responses.unknownRoute.body)).not.toContain(staff.split('.')[2]);
    const running = app;
    await eventually(() => expect(linesOf(running, responses.signInReturn.headers.get('x-request-id')).map((line) => line.msg)).toContain('request completed'));

    const output = app.output();
    expect(output).not.toContain(staff);
    expect(output).not.toContain(staff.split('.')[2]);
    expect(output).not.toContain(FEED_SECRET);
    expect(output).not.toContain(SIGN_IN_CODE);
    expect(output).not.toContain(SIGN_IN_STATE);
    expect(linesOf(app, responses.signInReturn.headers.get('x-request-id'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ msg: 'incoming request', url: '/dashboard?code=[redacted]&state=[redacted]' })]),
    );

    const doctorLines = linesOf(app, responses.doctor.headers.get('x-request-id'));
    expect(doctorLines.find((line) => line.msg === 'incoming request')).toMatchObject({ method: 'GET', url: `/doctors/${demo.weber.id}?access_token=[redacted]` });
    const completed = doctorLines.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ method: 'GET', route: '/doctors/:id', statusCode: 200, correlationId: responses.doctor.headers.get('x-correlation-id') });
    expect(completed?.responseTime).toEqual(expect.any(Number));
    expect(completed).not.toHaveProperty('url');

    expect(linesOf(app, responses.schedule.headers.get('x-request-id'))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'incoming request', url: `/doctors/${demo.weber.id}/schedule?date=2027-03-22&token=[redacted]` }),
        expect.objectContaining({ msg: 'request completed', route: '/doctors/:id/schedule', statusCode: responses.schedule.status }),
      ]),
    );
    expect(linesOf(app, responses.unknownRoute.headers.get('x-request-id'))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'incoming request', url: '/no-such-page?Authorization=[redacted]' }),
        expect.objectContaining({ msg: 'request completed', method: 'GET', route: 'unmatched', statusCode: 404 }),
      ]),
    );
    expect(linesOf(app, responses.malformed.headers.get('x-request-id'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ msg: 'request completed', method: 'POST', route: '/appointments', statusCode: 400 })]),
    );
  });

  it('given LOG_FORMAT=pretty, when requests are logged, then each is one short readable line by method, route and status, without the token', async () => {
    app = await startAppProcess({ DATABASE_URL: database.url, LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    const responses = await requestsWithSecretsInTheQuery(app.baseUrl);
    expect(responses.doctor.status).toBe(200);
    const running = app;
    await eventually(() => expect(withoutColours(running.output())).toContain('← GET /dashboard 200'));

    const output = withoutColours(app.output());
    expect(output).toContain('← POST /appointments 400');
    expect(output).not.toContain(staff);
    expect(output).not.toContain(FEED_SECRET);
    expect(output).not.toContain(SIGN_IN_CODE);
    expect(output).not.toContain(SIGN_IN_STATE);
    expect(jsonLines(app)).toEqual([]);
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: ← GET \/doctors\/:id 200 [\d.]+ms$/m);
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: → GET \/doctors\/[\w-]+\/schedule\?date=2027-03-22&token=\[redacted\]$/m);
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Main: Listening on /m);
    expect(output).not.toContain('Mapped {');
  });
});
