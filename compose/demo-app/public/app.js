// Demo portal app of the Einlass compose setup: a public OIDC client with the authorization code flow and PKCE
// (S256). No library: the page builds the authorization request, redeems the code at the token endpoint with fetch
// and shows the ID token's email, acr and amr.
//
// The pending sign-in (state, nonce, PKCE verifier) is kept in localStorage under its state, not in sessionStorage:
// a person who opens the emailed link in another tab finishes the sign-in in that tab, and its redirect back here
// must find the verifier. The ID token is kept there too, so every tab of the app shows the same sign-in.
//
// The ID token comes straight from Keycloak's token endpoint (not through the browser's URL), so this demo checks
// iss, aud, azp, exp and nonce but not the signature. A real app verifies the signature (or lets its OIDC library
// do it) and keeps tokens out of reach of page scripts, e.g. in a backend session.
'use strict';

(function () {
  const PENDING = 'einlass-demo-pending:';
  const SESSION = 'einlass-demo-session';
  const PENDING_MAX_AGE_MS = 30 * 60 * 1000;
  const CLIENT_LABELS = {
    'portal-app': 'portal-app (password or emailed link)',
    'portal-passwordless': 'portal-passwordless (emailed link only)',
    'acme-portal': 'acme-portal (ACME branding)'
  };

  const $ = (id) => document.getElementById(id);

  function show(section) {
    $('signed-out').hidden = section !== 'signed-out';
    $('signed-in').hidden = section !== 'signed-in';
  }

  function status(text) {
    $('status').textContent = text;
  }

  function fail(text) {
    $('error').textContent = text;
    $('error').hidden = false;
  }

  function base64Url(bytes) {
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString() {
    return base64Url(crypto.getRandomValues(new Uint8Array(32)));
  }

  async function s256(text) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return base64Url(new Uint8Array(digest));
  }

  function decodeJwtPayload(jwt) {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(part + '='.repeat((4 - (part.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function endpoints(config) {
    const base = config.issuer + '/protocol/openid-connect';
    const app = config.appUrl.replace(/\/+$/, '');
    return {
      authorization: base + '/auth',
      token: base + '/token',
      logout: base + '/logout',
      securityPage: config.issuer + '/einlass/account',
      redirectUri: app + '/callback',
      postLogoutRedirectUri: app + '/'
    };
  }

  async function signIn(config, clientId) {
    const ep = endpoints(config);
    const pending = {
      clientId, state: randomString(), nonce: randomString(), verifier: randomString(), created: Date.now()
    };
    localStorage.setItem(PENDING + pending.state, JSON.stringify(pending));
    const url = new URL(ep.authorization);
    url.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: ep.redirectUri,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await s256(pending.verifier),
      code_challenge_method: 'S256'
    }).toString();
    location.assign(url.toString());
  }

  async function redeem(config, params) {
    const ep = endpoints(config);
    const state = params.get('state') || '';
    const pending = JSON.parse(localStorage.getItem(PENDING + state) || 'null');
    localStorage.removeItem(PENDING + state);
    if (params.get('error') && currentSession()) {
      // Typically temporarily_unavailable / authentication_expired: this tab's sign-in was finished in another
      // tab (the emailed link's), which is signed in already.
      return;
    }
    if (params.get('error')) {
      throw new Error('Keycloak answered ' + params.get('error') +
        (params.get('error_description') ? ': ' + params.get('error_description') : ''));
    }
    if (!pending || pending.state !== state) {
      if (currentSession()) return; // finished in another tab already (the link's tab or the waiting page's)
      throw new Error('This answer does not belong to a sign-in started here (unknown state). Sign in again.');
    }
    if (params.get('iss') && params.get('iss') !== config.issuer) {
      throw new Error('Unexpected issuer ' + params.get('iss'));
    }
    const response = await fetch(ep.token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: pending.clientId,
        code: params.get('code') || '',
        redirect_uri: ep.redirectUri,
        code_verifier: pending.verifier
      })
    });
    const tokens = await response.json();
    if (!response.ok) {
      throw new Error('Token request failed: ' + (tokens.error || response.status) +
        (tokens.error_description ? ': ' + tokens.error_description : ''));
    }
    const claims = decodeJwtPayload(tokens.id_token);
    const audiences = [].concat(claims.aud);
    if (claims.iss !== config.issuer) throw new Error('ID token from another issuer: ' + claims.iss);
    if (!audiences.includes(pending.clientId)) throw new Error('ID token for another client');
    if (claims.azp && claims.azp !== pending.clientId) throw new Error('ID token for another party');
    if (claims.nonce !== pending.nonce) throw new Error('ID token with the wrong nonce');
    if (claims.exp * 1000 < Date.now()) throw new Error('ID token expired');
    localStorage.setItem(SESSION, JSON.stringify({ clientId: pending.clientId, idToken: tokens.id_token }));
  }

  // The stored sign-in while its ID token is unexpired, else null.
  function currentSession() {
    const session = JSON.parse(localStorage.getItem(SESSION) || 'null');
    if (session && decodeJwtPayload(session.idToken).exp * 1000 > Date.now()) return session;
    localStorage.removeItem(SESSION);
    return null;
  }

  function forgetStalePending() {
    Object.keys(localStorage).filter((key) => key.startsWith(PENDING)).forEach((key) => {
      const pending = JSON.parse(localStorage.getItem(key) || 'null');
      if (!pending || !(Date.now() - pending.created < PENDING_MAX_AGE_MS)) localStorage.removeItem(key);
    });
  }

  function renderSignedIn(config, session) {
    const ep = endpoints(config);
    const claims = decodeJwtPayload(session.idToken);
    const name = [claims.given_name, claims.family_name].filter(Boolean).join(' ');
    $('claim-email').textContent = claims.email || '(no email claim)';
    $('claim-name').textContent = name || '(none)';
    $('claim-acr').textContent = claims.acr === undefined ? '(no acr claim)' : String(claims.acr);
    $('claim-amr').textContent = claims.amr === undefined ? '(no amr claim)' : JSON.stringify(claims.amr);
    $('claim-client').textContent = CLIENT_LABELS[session.clientId] || session.clientId;
    $('claim-auth-time').textContent = claims.auth_time
      ? new Date(claims.auth_time * 1000).toLocaleString() : '(unknown)';
    $('claims').textContent = JSON.stringify(claims, null, 2);
    $('security-page').href = ep.securityPage;
    $('sign-out').onclick = () => {
      localStorage.removeItem(SESSION);
      const url = new URL(ep.logout);
      url.search = new URLSearchParams({
        client_id: session.clientId,
        id_token_hint: session.idToken,
        post_logout_redirect_uri: ep.postLogoutRedirectUri
      }).toString();
      location.assign(url.toString());
    };
    status('Signed in as ' + (claims.email || claims.sub) + '.');
    show('signed-in');
  }

  function renderSignedOut(config) {
    document.querySelectorAll('button[data-client]').forEach((button) => {
      button.onclick = () => {
        signIn(config, button.dataset.client).catch((e) => fail(e.message));
      };
    });
    status('Not signed in.');
    show('signed-out');
  }

  async function main() {
    const config = await (await fetch('/config.json', { cache: 'no-store' })).json();
    const app = new URL(config.appUrl);
    if (location.origin !== app.origin) {
      // The redirect URIs and this tab's storage belong to the configured app URL: continue there.
      location.replace(app.origin + location.pathname + location.search);
      return;
    }
    forgetStalePending();
    if (location.pathname === '/callback') {
      const params = new URLSearchParams(location.search);
      history.replaceState(null, '', '/');
      try {
        status('Completing the sign-in…');
        await redeem(config, params);
      } catch (e) {
        fail(e.message);
      }
    }
    const session = currentSession();
    if (session) {
      renderSignedIn(config, session);
    } else {
      renderSignedOut(config);
    }
  }

  main().catch((e) => {
    status('');
    fail('The demo app could not start: ' + e.message);
  });
})();
