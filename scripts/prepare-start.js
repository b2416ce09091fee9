#!/usr/bin/env node
'use strict';
/**
 * What `npm start` does before it starts the application: it installs the dependencies when
 * package.json or package-lock.json changed since the last install, and builds when a source
 * (or the compiler's configuration, or the installed dependencies) changed since the last
 * successful build. A fresh clone installs and builds; a second start goes straight to the
 * application; a pull that changes the sources or the lock file rebuilds or reinstalls.
 *
 * Plain CommonJS with no dependency: it runs before anything is installed or built.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
/** npm's record of what is installed; npm writes it at the end of every install. */
const INSTALLED = join(ROOT, 'node_modules', '.package-lock.json');
/** Written by this script after a build that succeeded (a failed build leaves it as it was). */
const BUILT = join(ROOT, 'dist', '.build-stamp');
const BUILD_CONFIGURATION = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

function modifiedMs(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The first file or folder under `path` changed after `since` (a folder changes when an entry is added, renamed or deleted). */
function changedSince(path, since) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return undefined;
  if (stats.mtimeMs > since) return path;
  if (!stats.isDirectory()) return undefined;
  for (const entry of readdirSync(path)) {
    const changed = changedSince(join(path, entry), since);
    if (changed) return changed;
  }
  return undefined;
}

/** Why the dependencies must be installed, or undefined when they are up to date. */
function installReason() {
  const installed = modifiedMs(INSTALLED);
  if (installed === undefined) return 'nothing is installed yet';
  const changed = ['package.json', 'package-lock.json'].find((file) => (modifiedMs(join(ROOT, file)) ?? 0) > installed);
  return changed && `${changed} changed since the last install`;
}

/** Why the application must be built, or undefined when the build is up to date. */
function buildReason() {
  const built = modifiedMs(BUILT);
  if (built === undefined || !existsSync(join(ROOT, 'dist', 'main.js'))) return 'there is no build yet';
  for (const input of [INSTALLED, ...BUILD_CONFIGURATION.map((file) => join(ROOT, file)), join(ROOT, 'src')]) {
    const changed = changedSince(input, built);
    if (changed) return `${relative(ROOT, changed)} changed since the last build`;
  }
  return undefined;
}

/** Runs npm with `args` (the npm that runs this script when there is one), and stops on failure. */
function npm(args) {
  const viaNpm = process.env.npm_execpath;
  const result = viaNpm && /\.[cm]?js$/.test(viaNpm)
    ? spawnSync(process.execPath, [viaNpm, ...args], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  const install = installReason();
  if (install) {
    console.log(`npm start: installing the dependencies (${install})`);
    npm(['install', '--no-audit', '--no-fund']);
    // npm leaves its record untouched when nothing needed to change: mark the install as done.
    if (existsSync(INSTALLED)) {
      const now = new Date();
      utimesSync(INSTALLED, now, now);
    }
  }
  const build = buildReason();
  if (build) {
    console.log(`npm start: building (${build})`);
    // Taken before the build, so that a source saved during it counts as a change next time.
    const startedAt = new Date();
    npm(['run', 'build', '--silent']);
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    writeFileSync(BUILT, `${startedAt.toISOString()}\n`);
    utimesSync(BUILT, startedAt, startedAt);
  }
  if (!install && !build) console.log('npm start: dependencies and build are up to date');
}

main();
