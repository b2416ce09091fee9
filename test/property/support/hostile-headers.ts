import fc from 'fast-check';
import { numberText } from './hostile-text';

/**
 * Header values a client can put on the wire: HTTP carries bytes 0x20-0x7E, tab and obs-text
 * (0x80-0xFF) in a field value; fetch refuses the rest (NUL, CR, LF, anything above 0xFF)
 * before sending, and trims leading and trailing whitespace.
 */
const headerUnit = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t') },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)) },
);

export const headerText = fc.oneof(
  fc.string({ unit: headerUnit, minLength: 1, maxLength: 40 }),
  fc.constantFrom('x'.repeat(128), 'x'.repeat(129), 'x'.repeat(255), 'x'.repeat(256), 'a'.repeat(4000), '../../etc/passwd', '${jndi:ldap://x}', '" or 1=1 --'),
);

const onTheWire = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);

/** An X-Min-Position value: positions in every notation, within and past every range. */
export const minPositionHeader = numberText.filter(onTheWire);

/** If-Match values around the appointment's ETag `"1"`: weak, other versions, lists, malformed. */
export const ifMatchValue = fc.oneof(
  fc.constantFrom(
    '"1"', 'W/"1"', 'w/"1"', '"2"', '"0"', '"01"', '"1 "', '"-1"', '"1e0"', '"2147483648"', '"99999999999999999999"', '*', '"*"',
    '"1", "2"', '"2", "1"', '"2", W/"1"', 'W/"1", "1"', '"2","3"', '1', '"1', '1"', '""', 'W/""', '"', 'W/', '"\\"1"', ', "1"', '"1",', '"a,b"', '"1" "2"',
  ),
  fc.nat({ max: 3 }).map((n) => `"${n}"`),
  headerText,
);

/** The entity tags of an If-Match value per RFC 9110 (`*` or a list), or null if malformed. */
export function parseIfMatch(value: string): '*' | Array<{ weak: boolean; opaque: string }> | null {
  if (value === '*') return '*';
  const tags: Array<{ weak: boolean; opaque: string }> = [];
  let i = 0;
  const skipSeparators = () => {
    while (i < value.length && /[ \t,]/.test(value[i])) i++;
  };
  skipSeparators();
  while (i < value.length) {
    const weak = value.startsWith('W/', i);
    if (weak) i += 2;
    if (value[i] !== '"') return null;
    const close = value.indexOf('"', i + 1);
    if (close < 0) return null;
    const opaque = value.slice(i + 1, close);
    if (!/^[!#-~\x80-\xff]*$/.test(opaque)) return null;
    tags.push({ weak, opaque });
    i = close + 1;
    // Between two tags there must be a comma (after optional whitespace).
    let j = i;
    while (j < value.length && /[ \t]/.test(value[j])) j++;
    if (j < value.length && value[j] !== ',') return null;
    skipSeparators();
  }
  return tags.length > 0 ? tags : null;
}

/** How an If-Match value must be answered for a resource whose current ETag is `"<version>"` (strong comparison). */
export function ifMatchVerdict(value: string, version: number): 'matches' | 'stale' | 'malformed' {
  const tags = parseIfMatch(value.replace(/^[ \t]+|[ \t]+$/g, ''));
  if (tags === null) return 'malformed';
  if (tags === '*') return 'matches';
  return tags.some((tag) => !tag.weak && tag.opaque === String(version)) ? 'matches' : 'stale';
}

/** Idempotency keys: sane ones, and ones no store should keep. */
export const idempotencyKey = fc.oneof(fc.uuid(), headerText);

/** X-Correlation-Id values: sane ones (echoed), and ones that must be replaced. */
export const correlationId = fc.oneof(fc.constantFrom('req-1', 'a.b:c-d_e'), headerText);

/** What the service may echo as a correlation id: its own safe shape, never the raw header. */
export const SAFE_CORRELATION_ID = /^[\w.:-]{1,128}$/;
