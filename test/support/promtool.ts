import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where .ci/run unpacks promtool from Debian's prometheus package (no service is installed). */
const UNPACKED_PROMTOOL = '/opt/promtool/usr/bin/promtool';

/** promtool: PROMTOOL_PATH, else the unpacked package, else one on PATH; missing is an error. */
export function findPromtool(): string {
  const candidates = [process.env.PROMTOOL_PATH, UNPACKED_PROMTOOL].filter((path): path is string => path !== undefined && path !== '');
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  if (spawnSync('promtool', ['--version']).status === 0) return 'promtool';
  throw new Error(
    `No promtool at ${candidates.join(' or ')} nor on PATH: ` +
      '`apt-get download prometheus && dpkg-deb -x prometheus_*.deb /opt/promtool` (as .ci/run does), or set PROMTOOL_PATH',
  );
}

/** `promtool check metrics` on a scrape: its complaints, one per line (none when the scrape is clean). */
export function lintMetrics(promtool: string, scrape: string): { status: number | null; problems: string[] } {
  const result = spawnSync(promtool, ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
  if (result.error) throw result.error;
  const problems = `${result.stdout}${result.stderr}`.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return { status: result.status, problems };
}
