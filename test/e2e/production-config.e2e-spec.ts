import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { PUBLISHED_JWT_SECRETS } from '../../src/config/app-config';
import { AppProcess, MAIN, PROJECT_ROOT, startAppProcess } from '../support/app-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Runs the built app to its end (a refused configuration ends it at once) and gathers its output. */
function runAppToExit(env: Record<string, string>): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The app kept running with a configuration it should refuse:\n${output}`));
    }, 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', output });
    });
  });
}

/** The local addresses listening on a TCP port, read from the kernel's socket tables. */
function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue;
      const [hexAddress, hexPort] = local.split(':');
      if (parseInt(hexPort, 16) !== port) continue;
      addresses.push(hexAddress.length === 8 ? (hexAddress.match(/../g) ?? []).reverse().map((byte) => parseInt(byte, 16)).join('.') : `[${hexAddress}]`);
    }
  }
  return addresses;
}

/** An address of this machine that is not the loopback, if it has one. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address;

async function answersOn(address: string, port: number): Promise<boolean> {
  try {
    return (await fetch(`http://${address}:${port}/health/live`, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

const port = (app: AppProcess) => Number(new URL(app.baseUrl).port);

describe('Production configuration and the listen address', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it.each(PUBLISHED_JWT_SECRETS.map((secret) => [secret]))('production refuses to start with the published JWT secret %s', async (secret) => {
    const { code, output } = await runAppToExit({ NODE_ENV: 'production', JWT_SECRET: secret, DATABASE_URL: database.url });
    expect(code).not.toBe(0);
    expect(output).toContain('JWT_SECRET is a value published in this repository');
    expect(output).not.toContain('Listening on');
  });

  it('production refuses to start without a JWT secret, and with an invalid HOST', async () => {
    const missing = await runAppToExit({ NODE_ENV: 'production', JWT_SECRET: '', DATABASE_URL: database.url });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('JWT_SECRET is required when NODE_ENV=production');
    const badHost = await runAppToExit({ HOST: 'http://0.0.0.0', DATABASE_URL: database.url });
    expect(badHost.code).not.toBe(0);
    expect(badHost.output).toContain('HOST must be an IP address or a host name, got "http://0.0.0.0"');
  });

  it('outside production the API listens on the loopback address only, since the development secret is public', async () => {
    const app = await startAppProcess({ NODE_ENV: 'development', HOST: '', JWT_SECRET: '', DATABASE_URL: database.url });
    try {
      expect(listeningAddresses(port(app))).toEqual(['127.0.0.1']);
      if (externalAddress) expect(await answersOn(externalAddress, port(app))).toBe(false);
      expect(await answersOn('127.0.0.1', port(app))).toBe(true);
    } finally {
      app.child.kill('SIGKILL');
    }
  }, 60_000);

  it('HOST=0.0.0.0 opens it to every interface; production listens there by default', async () => {
    const opened = await startAppProcess({ NODE_ENV: 'development', HOST: '0.0.0.0', DATABASE_URL: database.url });
    try {
      expect(listeningAddresses(port(opened))).toEqual(['0.0.0.0']);
      if (externalAddress) expect(await answersOn(externalAddress, port(opened))).toBe(true);
    } finally {
      opened.child.kill('SIGKILL');
    }
    const production = await startAppProcess({ NODE_ENV: 'production', HOST: '', JWT_SECRET: randomBytes(32).toString('base64'), DATABASE_URL: database.url });
    try {
      expect(listeningAddresses(port(production))).toEqual(['0.0.0.0']);
    } finally {
      production.child.kill('SIGKILL');
    }
  }, 90_000);
});
