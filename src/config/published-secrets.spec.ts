import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PUBLISHED_JWT_SECRETS } from './app-config';

const ROOT = join(__dirname, '..', '..');
const SKIPPED = new Set(['node_modules', 'dist', 'dist-bench', '.data', '.git', 'coverage', 'test-artifacts']);
const TEXT = /\.(ts|js|json|md|ya?ml|example|sh)$|^(Dockerfile|run)$/;

function* committedTextFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name === '.env') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* committedTextFiles(path);
    else if (TEXT.test(entry.name)) yield path;
  }
}

/** `JWT_SECRET=value`, `JWT_SECRET: value` and `${JWT_SECRET:-value}`, as in env files, compose files and shell lines. */
const ASSIGNMENT = /JWT_SECRET(?::-|\s*[=:]\s*)["'`]?([A-Za-z0-9_\-+/.]{8,})/g;
/** In code, only a quoted value is a secret (`JWT_SECRET: jwtSecret` names a variable). */
const QUOTED_ASSIGNMENT = /JWT_SECRET\s*[=:]\s*["'`]([^"'`$]{8,})["'`]/g;
const CODE = /\.(ts|js)$/;

describe('PUBLISHED_JWT_SECRETS', () => {
  it('lists every JWT secret written in the repository, so that production refuses it', () => {
    const found = new Map<string, string>();
    for (const file of committedTextFiles(ROOT)) {
      for (const [, value] of readFileSync(file, 'utf8').matchAll(CODE.test(file) ? QUOTED_ASSIGNMENT : ASSIGNMENT)) {
        if (!/^\.+$/.test(value)) found.set(value, relative(ROOT, file));
      }
    }
    expect(found.size).toBeGreaterThanOrEqual(2);
    const unlisted = [...found].filter(([value]) => !PUBLISHED_JWT_SECRETS.includes(value));
    expect(unlisted).toEqual([]);
  });
});
