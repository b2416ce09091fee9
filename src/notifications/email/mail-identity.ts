/** `Name <address>` (or a bare address) as its parts. */
export function parseMailbox(value: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  if (match) return { name: match[1].replace(/^"|"$/g, '') || match[2], email: match[2] };
  return { name: value.trim(), email: value.trim() };
}
