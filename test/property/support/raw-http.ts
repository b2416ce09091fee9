/** What came back, kept raw: the tier must judge answers that are not JSON at all. */
export interface RawReply {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: any;
}

export interface RawRequest {
  method: string;
  /** Path and query exactly as they go on the wire (already percent-encoded). */
  target: string;
  token?: string;
  /** Bytes of the body as sent: a string (sent as UTF-8) or raw bytes, never re-serialized. */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends a request byte for byte: the body is not passed through JSON.stringify and the target
 * is not re-encoded, so generated input reaches the server as generated.
 */
export async function send(baseUrl: string, request: RawRequest): Promise<RawReply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${request.target}`, { method: request.method, headers, body: request.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, contentType: response.headers.get('content-type') ?? '', text, json: parsed(text) };
}

/**
 * Percent-encodes every UTF-16 code unit's bytes for a query or path: well-formed text as
 * UTF-8, a lone surrogate as the three bytes its code unit would take (WTF-8), which no UTF-8
 * decoder accepts. encodeURIComponent cannot do this: it throws on a lone surrogate.
 */
export function percentEncode(text: string): string {
  let encoded = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      encoded += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      encoded += encodeURIComponent(text[i]);
    }
  }
  return encoded;
}

/** A query string from already-encoded name/value pairs (a name may repeat). */
export function queryString(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([name, value]) => `${name}=${value}`).join('&')}`;
}
