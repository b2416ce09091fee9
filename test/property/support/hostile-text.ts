import fc from 'fast-check';

/**
 * Free text a client may send, weighted toward what breaks storage and delivery: every Unicode
 * code point, the C0/C1 controls with NUL first, lone UTF-16 surrogates (legal in a JS string
 * and in JSON text as "\ud800", illegal in UTF-8 and in PostgreSQL), and text shaped like the
 * store's own encodings. fast-check's `unit: 'binary'` never yields a lone surrogate, so they
 * are generated here explicitly.
 */

/** A lone UTF-16 surrogate (high or low half without its partner). */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));

/** A C0 or C1 control character, NUL the most likely. */
export const controlCharacter = fc.oneof(
  { weight: 3, arbitrary: fc.constant('\u0000') },
  { weight: 3, arbitrary: fc.integer({ min: 0x01, max: 0x1f }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0x9f }).map((code) => String.fromCharCode(code)) },
);

/** Legal but awkward characters: BOM, zero-width and bidi marks, separators, non-characters, quotes. */
const awkwardCharacter = fc.constantFrom(
  '\ufeff', '\u200b', '\u200d', '\u202e', '\u2028', '\u2029', '\ufffe', '\uffff', '\ufffd', '\u{10ffff}', '\u{1f600}',
  'e\u0301', '\u00ad', '\\', '"', "'", '%', '&', '=', '?', '#', '/', '<', '>',
);

const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: anyCodePoint },
  { weight: 2, arbitrary: controlCharacter },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: awkwardCharacter },
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', ' ', '1') },
);

/** Short strings of any units above. */
export const anyText = fc.string({ unit: hostileUnit, minLength: 0, maxLength: 24 });

const base64Of = (text: string, encoding: 'base64' | 'base64url') => Buffer.from(text, 'utf8').toString(encoding);

/**
 * Text that looks like what the store writes or reads back: the old sealed prefix `pd1:` with
 * or without valid base64, the redaction marker, JSON text (including a sealed-looking object),
 * base64url JSON (the shape of a cursor), escapes written out, SQL, templates, header injection.
 */
export const storeShapedText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('pd1:', 'pd1:hello', 'pd1:AAAA', 'pd1:!!!', '[erased]', 'null', 'true', '{}', '[]', '""', '\\u0000', '\\ud800', '\\\\u0000'),
  fc.base64String({ maxLength: 64 }).map((base64) => `pd1:${base64}`),
  fc.base64String({ minLength: 40, maxLength: 80 }).map((base64) => `{"sealed":"${base64}"}`),
  fc.json({ maxDepth: 2 }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => base64Of(JSON.stringify(value), 'base64url')),
  fc.constantFrom(
    "'; drop table events; --",
    '$1',
    '%s%s%n',
    '${title}',
    '{{title}}',
    '<script>alert(1)</script>',
    'Subject: x\r\nBcc: victim@example.com',
    '=?utf-8?q?=00?=',
    '\r\n.\r\n',
  ),
);

/** A repeated unit at a length limit of the API (200, 500, 1000) or just past it. */
export const textAtLengthLimit = fc
  .tuple(fc.constantFrom('a', 'é', '\u{1f600}', '\u0000', '\ud800', ' '), fc.constantFrom(199, 200, 201, 499, 500, 501, 999, 1000, 1001))
  .map(([unit, count]) => unit.repeat(count));

/** Every kind of hostile free text, including store shapes mixed with hostile units. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: anyText },
  { weight: 3, arbitrary: storeShapedText },
  { weight: 2, arbitrary: fc.tuple(fc.option(storeShapedText, { nil: '' }), anyText, fc.option(storeShapedText, { nil: '' })).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: textAtLengthLimit },
);

/** Text for a query value or path segment, percent-encoded by the caller. */
export const hostileQueryText = fc.oneof(hostileText, fc.constantFrom('', ' ', '+', '%', '%zz', '%00', '%FF', '%C0%80', '%ED%A0%80'));

/**
 * Numbers as text, at and past every range a layer may hold them in: int32, uint32, double's
 * safe integers, int64 (PostgreSQL bigint), past double's range, and numbers in other notations.
 */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0', '1', '-1', '-0', '+1', '01', '1.0', '1.5', '1e3', '1E0', '0x10', '0b1', '0o7', '1_000', ' 1', '1 ', '',
    '2147483647', '2147483648', '-2147483648', '-2147483649', '4294967295', '4294967296',
    '9007199254740991', '9007199254740992', '9007199254740993', '9223372036854775807', '9223372036854775808',
    '-9223372036854775809', '18446744073709551616', '9'.repeat(40), '1e308', '1e309', '-1e309', '5e-324',
    'NaN', 'Infinity', '-Infinity', 'null', 'true', '[]', '{}', '1,2', '\u0661', '\uff11',
  ),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.integer().map(String),
  fc.double().map(String),
);
