import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROBLEM_TYPES, problemTypeOf } from './problem-types';

const SRC = join(__dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

interface Emitted {
  code: string;
  status?: number;
  where: string;
}

/**
 * Every problem code the sources can emit, found where problems are made: `new Problem(<status>,
 * '<code>'`, `problemType('<code>')` and the `code` of each DomainError subclass. A problem made
 * any other way (a code that is not a literal) is listed as unscannable, so that it cannot hide.
 */
function emittedCodes(): { emitted: Emitted[]; unscannable: string[] } {
  const emitted: Emitted[] = [];
  const unscannable: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const where = relative(SRC, file);
    for (const call of text.matchAll(/new Problem\(([^)]*)/g)) {
      const literal = /^\s*(\d{3}),\s*'([a-z0-9-]+)'/.exec(call[1]);
      if (literal) emitted.push({ status: Number(literal[1]), code: literal[2], where });
      else unscannable.push(`${where}: new Problem(${call[1].slice(0, 40)}`);
    }
    for (const call of text.matchAll(/problemType\(([^)]*)\)/g)) {
      const literal = /^'([a-z0-9-]+)'$/.exec(call[1].trim());
      if (literal) emitted.push({ code: literal[1], where });
      // The filter and the page forward codes made elsewhere (a Problem's, a DomainError's, the catalogue's).
      else if (!['error.code', 'type.code'].includes(call[1].trim())) unscannable.push(`${where}: problemType(${call[1]})`);
    }
    for (const declaration of text.matchAll(/class \w+ extends DomainError \{[^}]*?readonly code = '([a-z0-9-]+)'/g)) {
      emitted.push({ code: declaration[1], where });
    }
  }
  return { emitted, unscannable };
}

describe('The catalogue of problem types', () => {
  const { emitted, unscannable } = emittedCodes();

  it('has an entry, with the same status, for every problem code the code base can emit', () => {
    expect(unscannable).toEqual([]);
    expect(emitted.length).toBeGreaterThan(20);
    const missing = emitted.filter(({ code }) => problemTypeOf(code) === undefined).map(({ code, where }) => `${code} (${where})`);
    expect(missing).toEqual([]);
    const otherStatus = emitted
      .filter(({ code, status }) => status !== undefined && problemTypeOf(code)?.status !== status)
      .map(({ code, status, where }) => `${code}: ${status} in ${where}, ${problemTypeOf(code)?.status} in the catalogue`);
    expect(otherStatus).toEqual([]);
  });

  it('lists only codes that something emits, each once, each explained', () => {
    const codes = PROBLEM_TYPES.map((type) => type.code);
    expect(new Set(codes).size).toBe(codes.length);
    const emittedSet = new Set(emitted.map(({ code }) => code));
    expect(codes.filter((code) => !emittedSet.has(code))).toEqual([]);
    for (const type of PROBLEM_TYPES) {
      expect(type.code).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(type.meaning.length).toBeGreaterThan(20);
      expect(type.whatToDo.length).toBeGreaterThan(10);
    }
  });
});
