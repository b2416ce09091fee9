/**
 * `If-Match` (RFC 9110, section 13.1.1) against ETags of the form `"<version>"`.
 *
 * - `*` matches any current representation: the request only needs the resource to exist.
 * - Otherwise the header is a comma-separated list of entity tags and matches when one of them
 *   matches the current ETag by strong comparison: a weak tag (`W/"3"`) never matches.
 *
 * Entity tags are `"..."` (optionally `W/`-prefixed); this API only ever hands out decimal
 * versions, so a tag that cannot be one (`"abc"`), an unquoted value or any other text is
 * malformed: a 400, not a 412.
 */
export type IfMatch =
  | { kind: 'any' }
  /** The versions any of which satisfies the precondition (empty: only weak tags, nothing can). */
  | { kind: 'versions'; versions: number[] };

const LIST_ELEMENT = /^[ \t]*(?:(W\/)?"([^"]*)")?[ \t]*(?:,|$)/;
const VERSION_TAG = /^\d{1,16}$/;
const CANONICAL_VERSION = /^[1-9]\d*$/;

/** Reads an If-Match value; undefined when it is malformed. */
export function parseIfMatch(header: string): IfMatch | undefined {
  if (header.trim() === '*') return { kind: 'any' };
  const versions = new Set<number>();
  let tags = 0;
  let rest = header;
  while (rest.length > 0) {
    const element = LIST_ELEMENT.exec(rest);
    if (!element || element[0].length === 0) return undefined;
    rest = rest.slice(element[0].length);
    if (element[2] === undefined) {
      // An empty list element (`"1", , "2"`), which RFC 9110 asks recipients to accept.
      continue;
    }
    const [, weak, opaque] = element;
    if (!VERSION_TAG.test(opaque)) return undefined;
    tags++;
    // Strong comparison is character by character: "03" is not the ETag "3" of version 3.
    if (!weak && CANONICAL_VERSION.test(opaque)) versions.add(Number(opaque));
  }
  if (tags === 0) return undefined;
  return { kind: 'versions', versions: [...versions].sort((a, b) => a - b) };
}
