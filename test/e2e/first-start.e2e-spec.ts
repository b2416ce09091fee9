import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../support/app-process';

/**
 * A stand-in for npm, run by the script as `npm_execpath`: it records each call and does what
 * the real one leaves behind (npm's record of the install, a build's output).
 */
const FAKE_NPM = `
const { appendFileSync, mkdirSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_NPM_CALLS, args.join(' ') + '\\n');
if (args[0] === 'install' && !process.env.FAKE_NPM_INSTALL_CHANGES_NOTHING) {
  mkdirSync('node_modules', { recursive: true });
  writeFileSync('node_modules/.package-lock.json', '{}');
}
if (args[0] === 'run' && args[1] === 'build') {
  if (process.env.FAKE_NPM_BUILD_FAILS) process.exit(2);
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/main.js', '');
}
`;

/** A project as a clone has it: package files, sources, the start script; nothing installed or built. */
function freshClone(): string {
  const root = mkdtempSync(join(tmpdir(), 'clinic-first-start-'));
  for (const file of ['scripts/prepare-start.js']) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, file), join(root, file));
  }
  writeFileSync(join(root, 'package.json'), '{"name":"clinic"}');
  writeFileSync(join(root, 'package-lock.json'), '{}');
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  writeFileSync(join(root, 'tsconfig.build.json'), '{}');
  mkdirSync(join(root, 'src', 'appointments'), { recursive: true });
  writeFileSync(join(root, 'src', 'main.ts'), '');
  writeFileSync(join(root, 'src', 'appointments', 'booking.ts'), '');
  writeFileSync(join(root, 'fake-npm.js'), FAKE_NPM);
  return root;
}

function setModified(path: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, when, when);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) setModified(join(path, entry), secondsAgo);
}

/**
 * The project a while after a start: sources as they were checked out, then the install and
 * the build (so that an edit made now is clearly later than both).
 */
function aWhileLater(root: string): void {
  setModified(root, 30);
  setModified(join(root, 'node_modules', '.package-lock.json'), 20);
  setModified(join(root, 'dist'), 10);
}

/** An edit or a pull: the file's modification time is now. */
function touch(path: string): void {
  const now = new Date();
  utimesSync(path, now, now);
}

function npmStart(root: string, env: Record<string, string> = {}) {
  const calls = join(root, 'npm-calls.log');
  writeFileSync(calls, '');
  const result = spawnSync(process.execPath, ['scripts/prepare-start.js'], {
    cwd: root,
    env: { PATH: process.env.PATH, npm_execpath: join(root, 'fake-npm.js'), FAKE_NPM_CALLS: calls, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr, npm: readFileSync(calls, 'utf8').split('\n').filter(Boolean) };
}

describe('npm start on a fresh clone and after', () => {
  it('given the project, when npm start runs, then it prepares (install, build) only what is out of date and then starts the app', () => {
    const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe('node scripts/prepare-start.js && node dist/main.js');
  });

  let root: string;
  beforeEach(() => {
    root = freshClone();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('given a fresh clone, when npm start runs twice, then it installs and builds once, and the second time goes straight to the app', () => {
    const first = npmStart(root);
    expect(first).toMatchObject({ status: 0, npm: ['install --no-audit --no-fund', 'run build --silent'] });
    expect(first.output).toContain('installing the dependencies (nothing is installed yet)');
    expect(first.output).toContain('building (there is no build yet)');

    aWhileLater(root);
    const second = npmStart(root);
    expect(second).toMatchObject({ status: 0, npm: [] });
    expect(second.output).toContain('dependencies and build are up to date');
  });

  it('given a pull that changed a source file, when npm start runs, then it builds and does not install', () => {
    npmStart(root);
    aWhileLater(root);
    touch(join(root, 'src', 'appointments', 'booking.ts'));
    const result = npmStart(root);
    expect(result).toMatchObject({ status: 0, npm: ['run build --silent'] });
    expect(result.output).toContain(`building (${join('src', 'appointments', 'booking.ts')} changed since the last build)`);
  });

  it('given a pull that deleted a source file, when npm start runs, then it builds', () => {
    npmStart(root);
    aWhileLater(root);
    unlinkSync(join(root, 'src', 'appointments', 'booking.ts'));
    expect(npmStart(root).npm).toEqual(['run build --silent']);
  });

  it('given a pull that changed package-lock.json, when npm start runs, then it installs and builds against the new dependencies', () => {
    npmStart(root);
    aWhileLater(root);
    touch(join(root, 'package-lock.json'));
    const result = npmStart(root);
    expect(result.npm).toEqual(['install --no-audit --no-fund', 'run build --silent']);
    expect(result.output).toContain('package-lock.json changed since the last install');
  });

  it('given package.json changed but npm had nothing to install, when npm start runs twice, then only the first installs', () => {
    npmStart(root);
    aWhileLater(root);
    touch(join(root, 'package.json'));
    expect(npmStart(root, { FAKE_NPM_INSTALL_CHANGES_NOTHING: '1' }).npm[0]).toBe('install --no-audit --no-fund');
    expect(npmStart(root).npm).toEqual([]);
  });

  it('given a build that failed, when npm start runs again, then it stops with the failure and builds again next time', () => {
    npmStart(root);
    aWhileLater(root);
    touch(join(root, 'src', 'main.ts'));
    const failed = npmStart(root, { FAKE_NPM_BUILD_FAILS: '1' });
    expect(failed).toMatchObject({ status: 2, npm: ['run build --silent'] });
    expect(npmStart(root)).toMatchObject({ status: 0, npm: ['run build --silent'] });
  });

  it('given the build output was removed, when npm start runs, then it builds', () => {
    npmStart(root);
    rmSync(join(root, 'dist'), { recursive: true });
    expect(npmStart(root).npm).toEqual(['run build --silent']);
    expect(existsSync(join(root, 'dist', 'main.js'))).toBe(true);
  });
});
