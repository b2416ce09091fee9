import 'reflect-metadata';
import { isUUID } from 'class-validator';
import { TextKind, textProblem } from './text-policy';

const FREE_TEXT = 'clinic:free-text';
const REPEATABLE = 'clinic:repeatable';

/** Marks a body field as free text (a title, a reason): it may span lines; see text-policy. */
export function FreeText(): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(FREE_TEXT, true, target, property);
}

/**
 * Marks a query parameter that may be given more than once (`?status=a&status=b`). Any other
 * parameter given twice is a 400: a repeated `limit` has no single meaning.
 */
export function Repeatable(): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(REPEATABLE, true, target, property);
}

/** Deeper than this, a JSON value is refused before anything walks it recursively. */
export const MAX_NESTING = 16;

/** At most this many problems are reported for one request. */
const MAX_PROBLEMS = 10;

/** Keys that name the prototype machinery of JavaScript objects, never a field of this API. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A path parameter with this name is an id: a UUID (every id of this API is one). */
const ID_PARAMETER = /^(?:id|[a-z][a-zA-Z]*Id)$/;

export interface InputProblem {
  /** The offending field, e.g. `title` or `workingHours.mon[0][1]`; absent for the body as a whole. */
  field?: string;
  message: string;
}

export interface InputSource {
  type: 'body' | 'query' | 'param';
  /** The parameter's name when one value is bound (`@Param('id')`), else the whole object is. */
  data?: string;
  /** The DTO class the value is bound to, whose properties may be marked FreeText or Repeatable. */
  dto?: object;
}

function marked(dto: object | undefined, key: string, marker: string): boolean {
  const prototype = (dto as { prototype?: object } | undefined)?.prototype;
  return prototype !== undefined && Reflect.getMetadata(marker, prototype, key) === true;
}

function childPath(parent: string | undefined, key: string | number): string {
  if (typeof key === 'number') return `${parent ?? ''}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

function described(field: string | undefined, message: string): InputProblem {
  return field === undefined ? { message: `The request body ${message}` } : { field, message: `${field} ${message}` };
}

/**
 * A JSON value nested deeper than MAX_NESTING, reported at its top-level field (or as the body
 * as a whole). Checked without recursion, so that no depth can exhaust the stack; everything
 * that walks a request's values recursively (class-transformer, fingerprints) runs after it.
 */
export function nestingProblem(value: unknown, field?: string): InputProblem | undefined {
  const pending: Array<{ value: unknown; depth: number; top: string | undefined }> = [{ value, depth: 0, top: field }];
  let item;
  while ((item = pending.pop()) !== undefined) {
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_NESTING) return described(item.top, `is nested more than ${MAX_NESTING} levels deep`);
    if (Array.isArray(item.value)) {
      for (const child of item.value) pending.push({ value: child, depth: item.depth + 1, top: item.top });
    } else {
      for (const [key, child] of Object.entries(item.value)) pending.push({ value: child, depth: item.depth + 1, top: item.top ?? key });
    }
  }
  return undefined;
}

/**
 * What breaks the edge's input policy in a request's body, query or path parameter: strings
 * outside the text policy (at any depth, object keys included), nesting deeper than
 * MAX_NESTING, prototype keys, repeated query parameters, path ids that are not UUIDs, and a
 * body that is not an object where a DTO expects one. The walks are iterative, so no input can
 * exhaust the stack.
 */
export function inputProblems(value: unknown, source: InputSource): InputProblem[] {
  const problems: InputProblem[] = [];
  const rootPath = source.data;
  if (source.type === 'param' && rootPath !== undefined && ID_PARAMETER.test(rootPath) && typeof value === 'string' && !isUUID(value)) {
    return [{ field: rootPath, message: `${rootPath} must be a UUID` }];
  }

  if (source.type === 'body' && source.dto !== undefined && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    return [{ message: 'The request body must be a JSON object' }];
  }

  const tooDeep = nestingProblem(value, rootPath);
  if (tooDeep) return [tooDeep];

  const pending: Array<{ value: unknown; path: string | undefined; kind: TextKind; root?: true }> = [
    { value, path: rootPath, kind: 'single-line', root: true },
  ];
  let item;
  while (problems.length < MAX_PROBLEMS && (item = pending.pop()) !== undefined) {
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value, item.kind);
      if (problem) problems.push(described(item.path, problem));
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    const atRoot = item.root === true && rootPath === undefined;
    if (Array.isArray(item.value)) {
      for (let index = item.value.length - 1; index >= 0; index--) {
        pending.push({ value: item.value[index], path: childPath(item.path, index), kind: 'single-line' });
      }
      continue;
    }
    const keys = Object.keys(item.value);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index];
      const path = childPath(item.path, key);
      const keyProblem = textProblem(key, 'single-line');
      if (keyProblem) {
        problems.push({ field: item.path, message: `${item.path ?? 'The request'} has a property name that ${keyProblem}` });
        continue;
      }
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ field: path, message: `property ${path} is not allowed` });
        continue;
      }
      const child = (item.value as Record<string, unknown>)[key];
      if (atRoot && source.type === 'query' && Array.isArray(child) && !marked(source.dto, key, REPEATABLE)) {
        problems.push({ field: key, message: `${key} must be given once` });
        continue;
      }
      const kind: TextKind = atRoot && source.type === 'body' && marked(source.dto, key, FREE_TEXT) ? 'free-text' : 'single-line';
      pending.push({ value: child, path, kind });
    }
  }
  return problems;
}
