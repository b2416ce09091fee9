import fc from 'fast-check';
import { hostileText } from './hostile-text';

/**
 * A request body built byte for byte from a route's valid body: the whole document replaced,
 * one field's value replaced by raw JSON text, or the valid body sent with another media type.
 * It prints as what was done (`title = [x3000 ]x3000`), not as the 100 kB it may weigh, so a
 * shrunk counterexample stays readable.
 */
export class RawBody {
  constructor(
    readonly description: string,
    private readonly make: (valid: Record<string, unknown>) => string | Uint8Array,
    readonly contentType = 'application/json',
  ) {}

  build(valid: Record<string, unknown>): string | Uint8Array {
    return this.make(valid);
  }

  [fc.toStringMethod](): string {
    return `RawBody(${this.description}${this.contentType === 'application/json' ? '' : `, ${this.contentType}`})`;
  }
}

/** Stands for the replaced value while the rest of the body is serialized. */
const PLACEHOLDER = '\u0001value\u0001';

/** `valid` serialized with `field`'s value replaced by raw JSON text (which may be no valid JSON). */
export function withRawField(valid: Record<string, unknown>, field: string, json: string): string {
  return JSON.stringify({ ...valid, [field]: PLACEHOLDER }).replace(JSON.stringify(PLACEHOLDER), () => json);
}

/** `valid` serialized with one more member appended as raw text. */
const withMember = (valid: Record<string, unknown>, member: string) => {
  const json = JSON.stringify(valid);
  return `${json.slice(0, -1)}${json === '{}' ? '' : ','}${member}}`;
};

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

/** Depths around what recursive parsers, validators and jsonb (limit about 6,000 levels) survive. */
const depth = fc.constantFrom(64, 1000, 3000, 10_000, 50_000);

/** JSON text for one value that no field accepts, or only just. */
const hostileValueText: fc.Arbitrary<{ describe: string; json: string }> = fc.oneof(
  depth.map((n) => ({ describe: `[x${n} ]x${n}`, json: '['.repeat(n) + ']'.repeat(n) })),
  depth.map((n) => ({ describe: `{"a":x${n} 1 }x${n}`, json: '{"a":'.repeat(n) + '1' + '}'.repeat(n) })),
  fc.integer({ min: 90_000, max: 110_000 }).map((n) => ({ describe: `"a" x${n}`, json: `"${'a'.repeat(n)}"` })),
  fc.constantFrom('1e400', '-1e400', '1e309', '-0', '9007199254740993', '123456789012345678901234567890', '0.1e-400', 'true', 'null', '[]', '{}', '[1]', '{"sealed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}', '{"__proto__":{"x":1}}', '"\\u0000"', '"\\ud800"', '"\\udc00\\ud800"')
    .map((json) => ({ describe: json, json })),
  hostileText.map((text) => ({ describe: JSON.stringify(text), json: JSON.stringify(text) })),
);

/** Bytes inside a JSON string that are not UTF-8: a lone continuation, an overlong NUL, an encoded surrogate. */
const invalidUtf8 = fc.constantFrom([0xff], [0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]);

/** Whole documents that are not the object a route expects. */
const hostileDocument: fc.Arbitrary<RawBody> = fc.oneof(
  depth.map((n) => new RawBody(`[x${n} ]x${n}`, () => '['.repeat(n) + ']'.repeat(n))),
  depth.map((n) => new RawBody(`{"a":x${n} 1 }x${n}`, () => '{"a":'.repeat(n) + '1' + '}'.repeat(n))),
  fc.constantFrom('', 'null', 'true', '1', '"text"', '[]', '{', '{"a":', '{}x', '\ufeff{}', '{"a":1,}', '// c\n{}', "{'a':1}", 'NaN').map((text) => new RawBody(JSON.stringify(text), () => text)),
  fc.integer({ min: 50_000, max: 52_000 }).map((n) => new RawBody(`[0,x${n}]`, () => `[${'0,'.repeat(n)}0]`)),
  fc.integer({ min: 10_000, max: 13_000 }).map((n) => new RawBody(`{"k0":1..."k${n}":1}`, () => `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`)),
);

/** The valid body with one field's value replaced by raw JSON text. */
function fieldReplaced(fields: readonly string[]): fc.Arbitrary<RawBody> {
  return fc.tuple(fc.constantFrom(...fields), hostileValueText).map(
    ([field, value]) =>
      new RawBody(`${field} = ${value.describe.length > 120 ? `${value.describe.slice(0, 120)}...` : value.describe}`, (valid) => {
        return withRawField(valid, field, value.json);
      }),
  );
}

/** The valid body with invalid UTF-8 bytes inside one string field. */
function fieldWithInvalidUtf8(fields: readonly string[]): fc.Arbitrary<RawBody> {
  return fc.tuple(fc.constantFrom(...fields), invalidUtf8).map(
    ([field, bytes]) =>
      new RawBody(`${field} = "a" + bytes ${bytes.map((b) => b.toString(16)).join(' ')} + "b"`, (valid) => {
        const [before, after] = JSON.stringify({ ...valid, [field]: PLACEHOLDER }).split(JSON.stringify(PLACEHOLDER));
        return concat(utf8(`${before}"a`), Uint8Array.from(bytes), utf8(`b"${after}`));
      }),
  );
}

/** The valid body plus a field no route declares, prototype keys included. */
const extraField = fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'version', 'status', '', '\u0000').map(
  (name) => new RawBody(`extra field ${JSON.stringify(name)}`, (valid) => withMember(valid, `${JSON.stringify(name)}:{"polluted":true}`)),
);

/** The valid body with a field given twice (which one wins is up to the parser). */
function duplicateField(fields: readonly string[]): fc.Arbitrary<RawBody> {
  return fc.tuple(fc.constantFrom(...fields), hostileValueText.filter((value) => value.json.length < 200)).map(
    ([field, value]) => new RawBody(`${field} given twice, then ${value.describe}`, (valid) => withMember(valid, `${JSON.stringify(field)}:${value.json}`)),
  );
}

/** The valid body under media types it is not. */
const otherMediaType = fc
  .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/xml', 'multipart/form-data; boundary=x', 'application/merge-patch+json')
  .map((type) => new RawBody('the valid body', (valid) => JSON.stringify(valid), type));

/** Every hostile body for a route whose valid body is given at send time, `fields` being its fields. */
export function hostileBody(fields: readonly string[]): fc.Arbitrary<RawBody> {
  const byField = fields.length > 0 ? [fieldReplaced(fields), fieldWithInvalidUtf8(fields), duplicateField(fields)] : [];
  return fc.oneof(hostileDocument, extraField, otherMediaType, ...byField);
}
