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

/** The provider's `error` (RFC 6749 section 4.1.2.1) in the page's words: never its `error_description`, which the link carries as text. */
function providerRefusal(error) {
  if (error === 'access_denied') return 'The sign-in was cancelled or refused at the provider.';
  if (/^(login|interaction|consent|account_selection)_required$/.test(error)) return 'The provider asks to sign in again.';
  return 'The sign-in was refused by the provider: sign in again.';
}

/**
 * config: GET /dashboard/config. begin() tells events.opened(search) the query string the page
 * shows (on a return from the provider, the one it left, without the code and state), then
 * events.signedIn() once a token is there or events.signedOut(message) when there is none (again).
 */
export function createSession(config, events) {
  // since: when this tab got the token (a token kept from before a reload counts from the reload).
  // refreshedOnRefusal: the token was fetched because the one before it was refused (refused too, the user signs in again);
  // refreshing: the one refresh under way, which every refused request waits for.
  // idToken: the provider's ID token of this sign-in, in memory only, as the hint of the sign-out at the provider.
  var current = { token: sessionStorage.getItem(TOKEN_KEY), since: Date.now(), refreshToken: null, idToken: null, timer: null, refreshedOnRefusal: false, refreshing: null };

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
    current.refreshedOnRefusal = false;
    if (refreshToken !== undefined) current.refreshToken = refreshToken || null;
    sessionStorage.setItem(TOKEN_KEY, token);
    schedule();
  }

  function signOut(message) {
    clearTimeout(current.timer);
    current.token = null;
    current.refreshToken = null;
    current.idToken = null;
    sessionStorage.removeItem(TOKEN_KEY);
    events.signedOut(message || '');
  }

  function tokenRequest(fields) {
    var form = new URLSearchParams(Object.assign({ client_id: config.clientId }, fields));
    return fetch(config.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok || !body.access_token) throw new Error(body.error_description || body.error || ('The provider answered ' + response.status));
        if (body.id_token) current.idToken = body.id_token;
        keep(body.access_token, body.refresh_token);
        return body.access_token;
      });
    });
  }
  /** One refresh at a time: whoever asks meanwhile shares it. */
  function refresh() {
    current.refreshing = current.refreshing || tokenRequest({ grant_type: 'refresh_token', refresh_token: current.refreshToken }).finally(function () { current.refreshing = null; });
    return current.refreshing;
  }

  /**
   * The API or the websocket refused `token`: answers whether the caller may try once more with
   * the current token. A token older than the current one: yes, at once. The current one: one
   * refresh, shared by every request it refused (and not when that token is itself the fruit of
   * a refresh after a refusal: then the user signs in again, with the API's words).
   */
  function refused(token, message) {
    if (current.refreshing) return current.refreshing.then(function () { return true; }, function () { return false; });
    if (!current.token) return Promise.resolve(false);
    if (token && token !== current.token) return Promise.resolve(true);
    var why = message ? 'The token was refused: ' + message : 'The token was refused.';
    if (!current.refreshToken || current.refreshedOnRefusal) {
      signOut(why);
      return Promise.resolve(false);
    }
    return refresh().then(function () {
      current.refreshedOnRefusal = true;
      return true;
    }, function () {
      signOut('The session expired: sign in again.');
      return false;
    });
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

  /**
   * Back from the provider: first the state, then the outcome. A return this tab is not waiting
   * for (no sign-in pending, another state: a link anyone could craft) is ignored, whatever it
   * says: the tab keeps its token, shows none of its text, and asks for nothing. Only then is
   * the code exchanged for tokens, or the provider's `error` told in the page's own words.
   */
  function finishRedirect(params) {
    var pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    if (!pending || pending.state !== params.get('state')) {
      return Promise.resolve({ search: '', message: current.token ? '' : 'The sign-in could not be completed: sign in again.' });
    }
    sessionStorage.removeItem(PENDING_KEY);
    var search = pending.search;
    if (params.get('error')) return Promise.resolve({ search: search, message: providerRefusal(params.get('error')) });
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
    /** The API or the websocket refused `token` (with the API's `message`): resolves true when the caller may try again once. */
    refused: refused,
    signOut: function (message) { signOut(message); },
    /**
     * The user's "Sign out": this tab forgets its tokens and, when the provider offers an
     * end_session_endpoint, the provider's session ends too (RP-initiated logout), back to
     * /dashboard; the next person at a shared desk then signs in as themselves.
     */
    signOutEverywhere: function () {
      var idToken = current.idToken;
      signOut('');
      if (config.mode !== 'oidc' || !config.endSessionEndpoint) return;
      var url = new URL(config.endSessionEndpoint);
      var params = { client_id: config.clientId, post_logout_redirect_uri: redirectUri() };
      if (idToken) params.id_token_hint = idToken;
      url.search = new URLSearchParams(params).toString();
      location.assign(url.toString());
    },
    /** Who is signed in, as the token names them. */
    user: function () {
      var claims = claimsOf(current.token || '');
      return claims.name || claims.preferred_username || claims.sub || '';
    },
  };
}
