export interface HttpResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small fetch wrapper for tests: JSON in, JSON (or problem+json) out. */
export class HttpClient {
  constructor(private readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  get<T = any>(path: string, token?: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { token, headers });
  }

  post<T = any>(path: string, token: string | undefined, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { token, body, headers });
  }
}
