/**
 * `If-Match` (RFC 9110, section 13.1.1) against ETags of the form `"<version>"`.
 *
 * - `*` matches any current representation: the request only needs the resource to exist.
 * - Otherwise the header is a comma-separated list of entity tags and matches when one of them
 *   matches the current ETag by strong comparison: a weak tag (`W/"3"`) never matches.
 *
 * An entity tag is `"..."` (optionally `W/`-prefixed) around any visible characters but `"`
 * (RFC 9110 `etagc`). A well-formed tag that is not one of this API's (`"abc"`, `"a,b"`) simply
 * never matches: a 412. Only what is not a list of entity tags (an unquoted `3`, stray text,
 * control characters) is malformed: a 400.
 */
export type IfMatch =
  | { kind: 'any' }
  /** The versions any of which satisfies the precondition (empty: only weak tags, nothing can). */
  | { kind: 'versions'; versions: number[] };

const LIST_ELEMENT = /^[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|$)/;
/** Versions are positive integers of at most 16 digits (within Number's exact range). */
const CANONICAL_VERSION = /^[1-9]\d{0,15}$/;

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
    // Both groups are absent from an empty list element (`"1", , "2"`), which RFC 9110 asks
    // recipients to accept.
    const groups: ReadonlyArray<string | undefined> = element;
    const [, weak, opaque] = groups;
    if (opaque === undefined) continue;
    tags++;
    // Strong comparison is character by character: "03" is not the ETag "3" of version 3.
    if (!weak && CANONICAL_VERSION.test(opaque)) versions.add(Number(opaque));
  }
  if (tags === 0) return undefined;
  return { kind: 'versions', versions: [...versions].sort((a, b) => a - b) };
}
