import { spawn } from 'node:child_process';
import { verifyAccessToken } from '../../src/shared/auth/access-token';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { freePort, MAIN, PROJECT_ROOT, startAppProcess } from '../support/app-process';
import { runCli } from '../support/cli-process';
import { HttpClient } from '../support/http-client';
import { LocalIssuer, startOidcIssuer } from '../support/oidc-issuer';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Runs the built app until it exits by itself (or fails the test after 20 s). */
function runAppToExit(env: Record<string, string>): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The app kept running with an issuer it cannot use:\n${output}`));
    }, 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', output });
    });
  });
}

describe('starting with AUTH_ISSUER_URL', () => {
  let database: TestDatabase;
  let issuer: LocalIssuer;

  beforeAll(async () => {
    [database, issuer] = await Promise.all([createTestDatabase(), startOidcIssuer()]);
  });
  afterAll(async () => {
    await issuer.close();
    await database.drop();
  });

  it('does not start while the issuer cannot be reached, naming AUTH_ISSUER_URL', async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const { code, output } = await runAppToExit({ AUTH_ISSUER_URL: unreachable, AUTH_AUDIENCE: 'https://api.clinic.test', DATABASE_URL: database.url, PORT: String(await freePort()) });
    expect(code).toBe(1);
    expect(output).toContain(`AUTH_ISSUER_URL "${unreachable}" cannot be used: its discovery document ${unreachable}/.well-known/openid-configuration could not be read`);
    expect(output).not.toContain('Listening on');
  });

  it('does not start when the issuer names itself otherwise', async () => {
    const { code, output } = await runAppToExit({ ...issuer.env, AUTH_ISSUER_URL: `${issuer.issuer}/`, DATABASE_URL: database.url, PORT: String(await freePort()) });
    expect(code).toBe(1);
    expect(output).toContain(`its discovery document names the issuer "${issuer.issuer}"; set AUTH_ISSUER_URL to exactly that value`);
    expect(output).not.toContain('Listening on');
  });

  it('starts in production without a JWT secret, accepting the issuer tokens only', async () => {
    const app = await startAppProcess({ ...issuer.env, NODE_ENV: 'production', JWT_SECRET: '', HOST: '127.0.0.1', DATABASE_URL: database.url });
    try {
      const http = new HttpClient(app.baseUrl);
      expect((await http.get('/doctors', (await issuer.signInAs('greta.desk')).accessToken)).status).toBe(200);
      const development = await runCli('token', ['--role', 'staff'], { JWT_SECRET: '' });
      expect((await http.get('/doctors', development.stdout.trim())).status).toBe(401);
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  });

  it('starts a worker (RUN_HTTP=false) without contacting the issuer, which serves no authenticated route', async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const worker = await startAppProcess({ AUTH_ISSUER_URL: unreachable, AUTH_AUDIENCE: 'https://api.clinic.test', RUN_HTTP: 'false', SEED_DEMO_DATA: 'false', DATABASE_URL: database.url });
    try {
      expect((await fetch(`${worker.baseUrl}/health`)).status).toBe(200);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });
});

describe('npm run token with the development tokens', () => {
  it('puts the display name given with --name into the token', async () => {
    const named = await runCli('token', ['--role', 'staff', '--name', '  Greta Desk '], { JWT_SECRET: '' });
    expect(named.code).toBe(0);
    expect(verifyAccessToken(named.stdout.trim(), DEVELOPMENT_JWT_SECRET)).toMatchObject({ role: 'staff', name: 'Greta Desk' });
    const unnamed = await runCli('token', ['--role', 'staff'], { JWT_SECRET: '' });
    expect(verifyAccessToken(unnamed.stdout.trim(), DEVELOPMENT_JWT_SECRET).name).toBeNull();
  });

  it.each([
    [['--role', 'staff', '--name', ''], '--name must not be empty'],
    [['--role', 'staff', '--name', 'Greta\nDesk'], '--name must be a single line'],
    [['--role', 'staff', '--name', 'x'.repeat(201)], '--name must be at most 200 characters'],
  ])('token %j is a usage error', async (args, message) => {
    const wrong = await runCli('token', args, { JWT_SECRET: '' });
    expect({ code: wrong.code, stdout: wrong.stdout }).toEqual({ code: 2, stdout: '' });
    expect(wrong.stderr).toContain(message);
  });

  it('prints no token while AUTH_ISSUER_URL is set, since the API would refuse it', async () => {
    const refused = await runCli('token', ['--role', 'staff'], { AUTH_ISSUER_URL: 'https://id.clinic.example/realms/clinic', AUTH_AUDIENCE: 'clinic-api' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('AUTH_ISSUER_URL is set (https://id.clinic.example/realms/clinic): the API accepts only that issuer');
  });
});
