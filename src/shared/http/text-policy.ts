/**
 * Which characters a client may send in a text value. One policy for every string that enters
 * through the HTTP edge (body fields at any depth, query and path parameters, cursor contents):
 *
 * - never: C0 control characters (U+0000 to U+001F) other than the line breaks and TAB of free
 *   text, DEL and the C1 controls (U+007F to U+009F), lone UTF-16 surrogates (a JSON body can
 *   carry an escaped `"\ud800"`, which parses into a string that has no UTF-8 form), and the
 *   noncharacters U+FFFE and U+FFFF;
 * - free text (a title, a reason, a comment) may span lines: TAB, LF and CR are allowed;
 * - everything else (names, emails, ids, timezones, dates, cursors) is single-line: no TAB, LF
 *   or CR, and no LINE SEPARATOR or PARAGRAPH SEPARATOR either.
 *
 * PostgreSQL cannot store U+0000 in text or jsonb and no lone surrogate in UTF-8, and control
 * characters only ever reach this API by mistake or in an attack, so such a value is refused
 * with a 400 naming the field instead of failing somewhere downstream.
 */
export type TextKind = 'free-text' | 'single-line';

const LINE_BREAKS_AND_TAB = new Set([0x09, 0x0a, 0x0d]);
const LINE_SEPARATORS = new Set([0x2028, 0x2029]);

function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `value` breaks the policy for its kind of text, or undefined when it does not. */
export function textProblem(value: string, kind: TextKind): string | undefined {
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = index + 1 < value.length ? value.charCodeAt(index + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return `contains a lone surrogate (${codePointName(unit)}), which is not a character`;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return `contains a lone surrogate (${codePointName(unit)}), which is not a character`;
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) {
      if (kind === 'free-text' && LINE_BREAKS_AND_TAB.has(unit)) continue;
      return kind === 'single-line' && LINE_BREAKS_AND_TAB.has(unit)
        ? `must be a single line (it contains ${codePointName(unit)})`
        : `contains the control character ${codePointName(unit)}`;
    }
    if (unit === 0xfffe || unit === 0xffff) return `contains the noncharacter ${codePointName(unit)}`;
    if (kind === 'single-line' && LINE_SEPARATORS.has(unit)) return `must be a single line (it contains ${codePointName(unit)})`;
  }
  return undefined;
}
