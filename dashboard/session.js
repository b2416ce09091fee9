/**
 * `/dashboard/assets/session.js`: who is signed in. With the clinic's identity provider
 * (`mode: "oidc"`), the authorization code flow with PKCE (S256) as a public client, back to
 * /dashboard; without one (`mode: "development"`), a pasted development token. The access token
 * lives in sessionStorage (this tab only), a refresh token only in memory; shortly before the
 * access token expires it is refreshed, or the user is asked to sign in again.
 */
var TOKEN_KEY = 'clinic.token';
var PENDING_KEY = 'clinic.signin';
/** Refresh this long before the access token expires, so that no request carries a token about to expire. */
var REFRESH_AHEAD_MS = 30000;

function base64url(bytes) {
  return btoa(String.fromCharCode.apply(null, Array.from(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}
/** The claims of a JWT, read without checking it (the API checks it): only to show who and until when. */
export function claimsOf(token) {
  try {
    var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(Array.from(atob(part), function (c) { return '%' + c.charCodeAt(0).toString(16).padStart(2, '0'); }).join('')));
  } catch {
    // Not a JWT the page can read: it shows no name and no expiry, the API still decides.
    return {};
  }
}

/**
 * config: GET /dashboard/config. begin() tells events.opened(search) the query string the page
 * shows (on a return from the provider, the one it left, without the code and state), then
 * events.signedIn() once a token is there or events.signedOut(message) when there is none (again).
 */
export function createSession(config, events) {
  // since: when this tab got the token (a token kept from before a reload counts from the reload).
  var current = { token: sessionStorage.getItem(TOKEN_KEY), since: Date.now(), refreshToken: null, timer: null };

  function redirectUri() { return location.origin + '/dashboard'; }

  // Timed by the token's lifetime (exp - iat) from when this tab got it, not by the browser's clock,
  // which may differ from the issuer's; a 401 or the websocket's session-expired ends it all the same.
  function schedule() {
    clearTimeout(current.timer);
    var claims = claimsOf(current.token);
    if (!claims.exp || !claims.iat) return;
    var due = (claims.exp - claims.iat) * 1000 - (Date.now() - current.since) - (current.refreshToken ? REFRESH_AHEAD_MS : 0);
    current.timer = setTimeout(function () {
      if (current.refreshToken) refresh().catch(function () { signOut('The session expired: sign in again.'); });
      else signOut('The session expired: sign in again.');
    }, Math.max(due, 0));
  }

  function keep(token, refreshToken) {
    current.token = token;
    current.since = Date.now();
    if (refreshToken !== undefined) current.refreshToken = refreshToken || null;
    sessionStorage.setItem(TOKEN_KEY, token);
    schedule();
  }

  function signOut(message) {
    clearTimeout(current.timer);
    current.token = null;
    current.refreshToken = null;
    sessionStorage.removeItem(TOKEN_KEY);
    events.signedOut(message || '');
  }

  function tokenRequest(fields) {
    var form = new URLSearchParams(Object.assign({ client_id: config.clientId }, fields));
    return fetch(config.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok || !body.access_token) throw new Error(body.error_description || body.error || ('The provider answered ' + response.status));
        keep(body.access_token, body.refresh_token);
        return body.access_token;
      });
    });
  }
  function refresh() {
    return tokenRequest({ grant_type: 'refresh_token', refresh_token: current.refreshToken });
  }

  /** To the provider's sign-in, to come back to this day with a code (PKCE S256, state checked on return). */
  function redirectToProvider() {
    var verifier = randomText();
    var state = randomText();
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
      sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier: verifier, state: state, search: location.search }));
      var url = new URL(config.authorizationEndpoint);
      url.search = new URLSearchParams({
        response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: config.scope,
        state: state, code_challenge: base64url(new Uint8Array(digest)), code_challenge_method: 'S256',
      }).toString();
      location.assign(url.toString());
    });
  }

  /** Back from the provider: the code exchanged for tokens, if the state is the one this tab sent. */
  function finishRedirect(params) {
    var pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    sessionStorage.removeItem(PENDING_KEY);
    var search = pending ? pending.search : '';
    if (params.get('error')) return Promise.resolve({ search: search, message: 'The sign-in was refused: ' + (params.get('error_description') || params.get('error')) });
    if (!pending || pending.state !== params.get('state')) return Promise.resolve({ search: search, message: 'The sign-in could not be completed: sign in again.' });
    return tokenRequest({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(), code_verifier: pending.verifier })
      .then(function () { return { search: search }; }, function (error) { return { search: search, message: 'The sign-in failed: ' + error.message }; });
  }

  return {
    mode: config.mode,
    begin: function () {
      var params = new URLSearchParams(location.search);
      var returning = config.mode === 'oidc' && (params.has('code') || params.has('error')) && params.has('state');
      var finished = returning ? finishRedirect(params) : Promise.resolve({ search: location.search });
      return finished.then(function (outcome) {
        if (returning) history.replaceState(null, '', '/dashboard' + outcome.search);
        events.opened(outcome.search);
        if (outcome.message) signOut(outcome.message);
        else if (current.token) { schedule(); events.signedIn(); }
        else signOut('');
      });
    },
    signInWithProvider: redirectToProvider,
    signInWithToken: function (token) { keep(token, null); events.signedIn(); },
    accessToken: function () {
      return current.token ? Promise.resolve(current.token) : Promise.reject(new Error('Not signed in'));
    },
    /** The token as it is now, for the websocket handshake. */
    currentToken: function () { return current.token; },
    /** The API or the websocket refused the token: refreshed once if possible, else sign in again. */
    refused: function (message) {
      if (current.refreshToken) return refresh().then(function () { events.signedIn(); }, function () { signOut('The session expired: sign in again.'); });
      signOut(message ? 'The token was refused: ' + message : 'The token was refused.');
      return Promise.resolve();
    },
    signOut: function (message) { signOut(message); },
    /** Who is signed in, as the token names them. */
    user: function () {
      var claims = claimsOf(current.token || '');
      return claims.name || claims.preferred_username || claims.sub || '';
    },
  };
}
