/**
 * The Content-Security-Policy of the dashboard's page: its code and styles only from this app
 * (no inline script, no inline style), its requests to this app, its websocket and, when it
 * signs in with an identity provider, that provider's token endpoint (`connectOrigins`).
 */
export function dashboardSecurityPolicy(connectOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // 'self' covers the page's own websocket (ws: or wss: to this origin, CSP Level 3), and no other host's.
    ['connect-src', "'self'", ...connectOrigins].join(' '),
    "form-action 'self'",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
