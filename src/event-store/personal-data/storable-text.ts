/**
 * PostgreSQL cannot store U+0000 in `text` nor in `jsonb`. Sealed personal data hides whatever
 * text it holds inside its ciphertext, so a value sealed before the edge refused such
 * characters (or sealed by another writer) can still hold one. Every consumer of opened data
 * (read tables, outboxes, stored responses) writes to PostgreSQL, so opened text is handed out
 * with U+0000 as U+FFFD: one unreadable value never stops a subscription.
 */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}
