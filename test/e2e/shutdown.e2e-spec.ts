import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startAppProcess } from '../support/app-process';

/** Lines at warn (40) or above: what an operator is asked to look at. */
function warningsIn(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .filter((line) => (JSON.parse(line) as { level: number }).level >= 40);
}

describe('Shutdown of a real process on the embedded database', () => {
  it('given the app on its own embedded PostgreSQL, when it gets SIGTERM, then it exits 0 with no warning, the database stopped last', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clinic-shutdown-'));
    // Run as root, PostgreSQL runs as its own user, which must reach the data directory.
    chmodSync(dataDir, 0o755);
    const app = await startAppProcess({
      DATABASE_URL: '',
      EMBEDDED_POSTGRES_DIR: join(dataDir, 'postgres'),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
    try {
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);

      const output = app.output();
      expect(warningsIn(output)).toEqual([]);
      const messages = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages.slice(messages.indexOf('SIGTERM received: shutting down'))).toEqual(
        expect.arrayContaining(['Subscriptions stopped, checkpoints saved', 'Shut down cleanly']),
      );
      expect(messages[messages.length - 1]).toBe('Shut down cleanly');
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      app.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
