#!/usr/bin/env node
// Development OpenID Connect identity provider: issues short-lived RS256 JWTs for the demo users of
// infra/local/demo-users.json so services validate real tokens locally. DEVELOPMENT ONLY: it listens on loopback,
// asks for no password and signs whatever demo user is named. `npm run stack -- up` runs it (tools/stack/components/idp.mjs).
//
//   GET  /.well-known/openid-configuration   discovery document
//   GET  /.well-known/jwks.json              the public signing key
//   POST /token                              username=<demo user>[&audience=…] (form or JSON) → { access_token, … }
//                                            or grant_type=authorization_code&code&redirect_uri&client_id&code_verifier
//                                            → { access_token, id_token, token_type, expires_in }
//   GET  /authorize                          authorization code flow with PKCE (S256 only) for the web console
//                                            (client_id linkages-console): a page to pick a demo user
//   POST /authorize                          the page's form → 302 <redirect_uri>?code=…&state=…
//   GET  /logout                             end session: 302 to an allow-listed post_logout_redirect_uri (stateless)
//   GET  /users                              the demo users
//   GET  /health                             { status: 'ok' }
//
// Environment: IDP_PORT (8900), IDP_ISSUER (http://127.0.0.1:<port>), IDP_AUDIENCE (linkages-api), LINKAGES_STACK_DIR,
// IDP_CONSOLE_REDIRECT_URIS (comma separated; http://127.0.0.1:4200/callback,http://localhost:4200/callback),
// IDP_CONSOLE_POST_LOGOUT_REDIRECT_URIS (comma separated; default: each redirect URI's origin followed by '/'),
// IDP_CODE_TTL_SECONDS (60: an authorization code's lifetime). The console origins (those of the redirect URIs) get
// CORS on discovery, the JWKS and /token; no other origin does. A registered URI on a loopback IP literal
// (127.0.0.1, [::1]) matches on any port (RFC 8252 7.3), so a console on a shifted port signs in too.
// The RSA-2048 signing key is generated on first start into <stack dir>/secrets/idp-signing-key.json (mode 0600).
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const stackDir = process.env.LINKAGES_STACK_DIR ?? join(repoRoot, '.stack');
const keyFile = join(stackDir, 'secrets', 'idp-signing-key.json');
const usersFile = join(here, 'demo-users.json');

const HOST = '127.0.0.1';
const ALG = 'RS256';
const TOKEN_TTL_SECONDS = 900;
const MAX_BODY_BYTES = 16 * 1024;
const GRANT_TYPE = 'urn:linkages:params:oauth:grant-type:demo-user';
const AUTHORIZATION_CODE = 'authorization_code';
const MAX_OUTSTANDING_CODES = 10_000;
const CONSOLE_CLIENT_ID = 'linkages-console';
const DEFAULT_REDIRECT_URIS = 'http://127.0.0.1:4200/callback,http://localhost:4200/callback';
// RFC 7636 4.1/4.2: a verifier is 43-128 unreserved characters; an S256 challenge is 43 base64url characters.
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
const S256_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'nonce',
];

function log(level, msg, fields = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

function fail(message) {
  log('error', message);
  process.exit(1);
}

/** A comma-separated list of absolute http(s) URLs without a fragment (RFC 6749 3.1.2), compared exactly. */
function parseUriList(name, raw) {
  const uris = raw
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  for (const uri of uris) {
    let url;
    try {
      url = new URL(uri);
    } catch {
      fail(`${name}: '${uri}' is not an absolute URL`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hash !== '')
      fail(`${name}: '${uri}' must be http(s) without a fragment`);
  }
  return uris;
}

function parseTtl(raw) {
  const ttl = Number(raw);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 600) fail(`IDP_CODE_TTL_SECONDS must be a whole number of seconds (1-600), got '${raw}'`);
  return ttl;
}

function parsePort(raw) {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`IDP_PORT must be a port number (0-65535), got '${raw}'`);
  return port;
}

/** The demo users, checked for shape so a typo in the file fails at start, not at the first token. */
function loadUsers() {
  const parsed = JSON.parse(readFileSync(usersFile, 'utf8'));
  const users = new Map();
  for (const u of parsed.users ?? []) {
    const ok =
      typeof u?.username === 'string' &&
      u.username !== '' &&
      typeof u.name === 'string' &&
      typeof u.agency === 'string' &&
      typeof u.county === 'string' &&
      Array.isArray(u.roles) &&
      u.roles.every((r) => typeof r === 'string');
    if (!ok) throw new Error(`${usersFile}: malformed user ${JSON.stringify(u)}`);
    if (users.has(u.username)) throw new Error(`${usersFile}: duplicate username '${u.username}'`);
    users.set(u.username, { username: u.username, name: u.name, agency: u.agency, county: u.county, roles: [...u.roles] });
  }
  if (users.size === 0) throw new Error(`${usersFile}: no users`);
  return users;
}

/** Loads the persisted private JWK, or generates one (first start). Never overwrites an existing key file. */
async function loadOrCreateSigningKey() {
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  if (!existsSync(keyFile)) {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = await exportJWK(privateKey);
    jwk.kid = await calculateJwkThumbprint(jwk);
    jwk.alg = ALG;
    jwk.use = 'sig';
    // Write to a temporary file, then link it into place: two IdPs starting at once never see a half-written key,
    // and the second keeps the first one's key instead of replacing it.
    const tmp = `${keyFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
    try {
      linkSync(tmp, keyFile);
      log('info', 'generated a new signing key', { kid: jwk.kid, file: keyFile });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  if ((statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
  let jwk;
  try {
    jwk = JSON.parse(readFileSync(keyFile, 'utf8'));
  } catch (error) {
    throw new Error(`${keyFile} is not valid JSON (${error.message}); delete it to generate a new key`);
  }
  if (jwk?.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string' || typeof jwk.d !== 'string') {
    throw new Error(`${keyFile} is not an RSA private JWK; delete it to generate a new key`);
  }
  if (Buffer.from(jwk.n, 'base64url').length * 8 < 2048)
    throw new Error(`${keyFile}: RSA key shorter than 2048 bits; delete it to generate a new key`);
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e });
  const privateKey = await importJWK({ ...jwk, alg: ALG }, ALG);
  return { privateKey, kid, publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: ALG, use: 'sig' } };
}

class BadRequest extends Error {
  constructor(description, status = 400, code = 'invalid_request') {
    super(description);
    this.status = status;
    this.code = code;
  }
}

/** A refusal the authorization endpoint shows as a page: the redirect URI is not trusted (yet), so nothing is redirected. */
class PageError extends Error {
  constructor(description, status = 400) {
    super(description);
    this.status = status;
  }
}

function send(res, status, body, headers = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

const sendError = (res, status, description, headers = {}, code = 'invalid_request') =>
  send(res, status, { error: code, error_description: description }, { 'cache-control': 'no-store', ...headers });

const escapeHtml = (value) =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const PAGE_STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:40rem;padding:0 1rem;color:#1a1a1a;background:#fff;line-height:1.5}
h1{font-size:1.5rem}ul{list-style:none;padding:0}li{margin:.5rem 0}
button{font:inherit;width:100%;text-align:left;padding:.75rem 1rem;border:2px solid #1f4e79;border-radius:.375rem;background:#fff;color:#1a1a1a;cursor:pointer}
button:hover{background:#eef4fa}button:focus-visible{outline:3px solid #b3541e;outline-offset:2px}
.who{display:block;font-weight:600}.what{display:block;color:#3d3d3d;font-size:.9rem}
.cancel{width:auto;border-color:#595959;margin-top:1rem}fieldset{border:0;padding:0;margin:0}legend{font-weight:600}`;

/** An HTML page with headers that keep it out of frames and caches; formAction adds origins a form may post or redirect to. */
function sendPage(res, status, title, body, { formAction = [] } = {}) {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formAction.join(' ')}; frame-ancestors 'none'; base-uri 'none'`.replace(
        /\s+;/g,
        ';',
      ),
  });
  res.end(html);
}

const sendErrorPage = (res, status, description) =>
  sendPage(
    res,
    status,
    'Sign-in request refused',
    `<h1>Sign-in request refused</h1>
<p>The development identity provider cannot handle this sign-in request:</p>
<p role="alert">${escapeHtml(description)}</p>
<p>Nothing was sent back to the application, because the request did not prove where to send the answer.</p>`,
  );

function redirect(res, location) {
  res.writeHead(302, { location, 'cache-control': 'no-store', 'content-length': 0, 'referrer-policy': 'no-referrer' });
  res.end();
}

/** S256: BASE64URL(SHA-256(ASCII(code_verifier))), compared in constant time. */
function verifierMatches(verifier, challenge) {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/** Reads at most MAX_BODY_BYTES; past that it stops reading (without destroying the socket, so the 413 still goes out). */
function readBody(req) {
  const tooLarge = () => new BadRequest(`request body larger than ${MAX_BODY_BYTES} bytes`, 413);
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolvePromise, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** Query or form parameters; a parameter given twice is refused (RFC 6749 3.1, 3.2). */
function singleValued(searchParams, ErrorClass = BadRequest) {
  const params = {};
  for (const [key, value] of searchParams) {
    if (Object.hasOwn(params, key)) throw new ErrorClass(`parameter '${key}' given more than once`);
    params[key] = value;
  }
  return params;
}

/** The token request's parameters, from a form or a JSON object; a parameter given twice is refused (RFC 6749 3.2). */
async function tokenParams(req) {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') {
    throw new BadRequest('Content-Type must be application/x-www-form-urlencoded or application/json');
  }
  const raw = await readBody(req);
  if (type === 'application/json') {
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new BadRequest('body is not valid JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('body must be a JSON object');
    return body;
  }
  return singleValued(new URLSearchParams(raw));
}

const main = async () => {
  const users = loadUsers();
  const port = parsePort(process.env.IDP_PORT ?? 8900);
  const defaultAudience = process.env.IDP_AUDIENCE || 'linkages-api';
  const redirectUris = new Set(parseUriList('IDP_CONSOLE_REDIRECT_URIS', process.env.IDP_CONSOLE_REDIRECT_URIS || DEFAULT_REDIRECT_URIS));
  const consoleOrigins = new Set([...redirectUris].map((u) => new URL(u).origin));
  const postLogoutRedirectUris = new Set(
    parseUriList(
      'IDP_CONSOLE_POST_LOGOUT_REDIRECT_URIS',
      process.env.IDP_CONSOLE_POST_LOGOUT_REDIRECT_URIS || [...consoleOrigins].map((o) => `${o}/`).join(','),
    ),
  );
  // RFC 8252 7.3: a native or development client on a loopback IP literal may listen on any port, so a registered
  // http://127.0.0.1/… or http://[::1]/… URI matches the same scheme, host and path on every port (the console run by
  // an end-to-end suite on a shifted port). Host names (localhost) and every other URI match exactly.
  const loopbackIp = (u) => u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === '[::1]');
  const withoutPort = (u) => `${u.protocol}//${u.hostname}${u.pathname}${u.search}`;
  const registered = (set) => {
    const loopback = new Set(
      [...set]
        .map((s) => new URL(s))
        .filter(loopbackIp)
        .map(withoutPort),
    );
    return (candidate) => {
      if (set.has(candidate)) return true;
      let u;
      try {
        u = new URL(candidate);
      } catch {
        return false;
      }
      return loopbackIp(u) && u.href === candidate && !u.username && !u.password && !u.hash && loopback.has(withoutPort(u));
    };
  };
  const isRedirectUri = registered(redirectUris);
  const isPostLogoutRedirectUri = registered(postLogoutRedirectUris);
  const loopbackConsoleHosts = new Set(
    [...redirectUris]
      .map((s) => new URL(s))
      .filter(loopbackIp)
      .map((u) => u.hostname),
  );
  const isConsoleOrigin = (origin) => {
    if (consoleOrigins.has(origin)) return true;
    try {
      const u = new URL(origin);
      return loopbackIp(u) && u.origin === origin && loopbackConsoleHosts.has(u.hostname);
    } catch {
      return false;
    }
  };
  const codeTtlSeconds = parseTtl(process.env.IDP_CODE_TTL_SECONDS ?? 60);
  const { privateKey, kid, publicJwk } = await loadOrCreateSigningKey();
  let issuer; // set once listening (IDP_PORT=0 picks a free port)
  /** Issued authorization codes (in memory: a restart forgets them), each used at most once. */
  const codes = new Map();

  /** The access token every service accepts: the same claims and audience whichever grant asked for it. */
  async function signAccessToken(user, audience) {
    const jti = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({
      name: user.name,
      preferred_username: user.username,
      agency: user.agency,
      county: user.county,
      roles: user.roles,
    })
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(`demo:${user.username}`)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + TOKEN_TTL_SECONDS)
      .setJti(jti)
      .sign(privateKey);
    return { accessToken, jti };
  }

  async function issueToken(req, res) {
    const params = await tokenParams(req);
    if (params.grant_type === AUTHORIZATION_CODE) return exchangeCode(params, res);
    const { username, audience = defaultAudience, grant_type: grantType } = params;
    if (typeof username !== 'string' || username === '') throw new BadRequest("'username' is required");
    if (typeof audience !== 'string' || audience === '' || audience.length > 256)
      throw new BadRequest("'audience' must be a non-empty string");
    if (grantType !== undefined && grantType !== GRANT_TYPE)
      throw new BadRequest(`unsupported grant_type (only ${GRANT_TYPE} or ${AUTHORIZATION_CODE})`, 400, 'unsupported_grant_type');
    const user = users.get(username);
    if (!user) throw new BadRequest(`'${username.slice(0, 64)}' is not a demo user (GET /users lists them)`);
    const { accessToken, jti } = await signAccessToken(user, audience);
    log('info', 'token issued', { username: user.username, jti, aud: audience });
    send(
      res,
      200,
      { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }

  /** RFC 6749 4.1.3 with RFC 7636 4.5-4.6: the code is spent by the first attempt, whether or not it succeeds. */
  async function exchangeCode(params, res) {
    const { code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier } = params;
    for (const [name, value] of Object.entries({ code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier })) {
      if (typeof value !== 'string' || value === '') throw new BadRequest(`'${name}' is required`);
    }
    if (clientId !== CONSOLE_CLIENT_ID) throw new BadRequest(`unknown client '${clientId.slice(0, 64)}'`, 400, 'invalid_client');
    if (!VERIFIER_PATTERN.test(verifier)) throw new BadRequest("'code_verifier' must be 43-128 unreserved characters (RFC 7636 4.1)");
    const grant = codes.get(code);
    codes.delete(code);
    if (!grant) throw new BadRequest('the authorization code is unknown or was already used', 400, 'invalid_grant');
    if (grant.expiresAt <= Date.now()) throw new BadRequest('the authorization code has expired', 400, 'invalid_grant');
    if (grant.clientId !== clientId) throw new BadRequest('the authorization code was issued to another client', 400, 'invalid_grant');
    if (grant.redirectUri !== redirectUri)
      throw new BadRequest("'redirect_uri' differs from the authorization request's", 400, 'invalid_grant');
    if (!verifierMatches(verifier, grant.codeChallenge))
      throw new BadRequest('the code_verifier does not match the code_challenge', 400, 'invalid_grant');
    const user = users.get(grant.username);
    if (!user) throw new BadRequest('the demo user is gone', 400, 'invalid_grant');
    const { accessToken, jti } = await signAccessToken(user, defaultAudience);
    const now = Math.floor(Date.now() / 1000);
    const idClaims = { name: user.name, preferred_username: user.username, auth_time: grant.authTime, azp: clientId };
    if (grant.nonce !== undefined) idClaims.nonce = grant.nonce;
    const idToken = await new SignJWT(idClaims)
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(`demo:${user.username}`)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_TTL_SECONDS)
      .sign(privateKey);
    log('info', 'token issued', { username: user.username, jti, aud: defaultAudience, grant: AUTHORIZATION_CODE, client: clientId });
    send(
      res,
      200,
      { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS, scope: grant.scope },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }

  /**
   * Validates an authorization request (RFC 6749 4.1.1, RFC 7636 4.3). Until client_id and redirect_uri are known good a
   * PageError is thrown (a page, no redirect, RFC 6749 4.1.2.1); after that the error goes back to the redirect URI.
   */
  function validateAuthorizeRequest(params) {
    const { client_id: clientId, redirect_uri: redirectUri } = params;
    if (typeof clientId !== 'string' || clientId === '') throw new PageError("'client_id' is required");
    if (clientId !== CONSOLE_CLIENT_ID) throw new PageError(`unknown client '${clientId.slice(0, 64)}'`);
    if (typeof redirectUri !== 'string' || redirectUri === '') throw new PageError("'redirect_uri' is required");
    if (!isRedirectUri(redirectUri))
      throw new PageError(`'${redirectUri.slice(0, 200)}' is not a registered redirect URI of ${CONSOLE_CLIENT_ID}`);
    const state = typeof params.state === 'string' && params.state !== '' ? params.state : undefined;
    const refuse = (error, description) => ({ error: { error, error_description: description }, redirectUri, state });
    if (params.response_type !== 'code') return refuse('unsupported_response_type', "only response_type 'code' is supported");
    if (state === undefined) return refuse('invalid_request', "'state' is required");
    if (state.length > 512) return refuse('invalid_request', "'state' is longer than 512 characters");
    const scopes = String(params.scope ?? '')
      .split(' ')
      .filter(Boolean);
    if (!scopes.includes('openid')) return refuse('invalid_scope', "'scope' must include 'openid'");
    if (typeof params.code_challenge !== 'string' || params.code_challenge === '')
      return refuse('invalid_request', "'code_challenge' is required (PKCE)");
    if (params.code_challenge_method !== 'S256') return refuse('invalid_request', "only code_challenge_method 'S256' is supported");
    if (!S256_CHALLENGE_PATTERN.test(params.code_challenge))
      return refuse('invalid_request', "'code_challenge' is not a base64url SHA-256 hash");
    if (params.nonce !== undefined && (params.nonce === '' || params.nonce.length > 512))
      return refuse('invalid_request', "'nonce' must be 1-512 characters");
    return {
      redirectUri,
      state,
      request: {
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: scopes.join(' '),
        state,
        code_challenge: params.code_challenge,
        code_challenge_method: 'S256',
        ...(params.nonce !== undefined ? { nonce: params.nonce } : {}),
      },
    };
  }

  function redirectWith(res, redirectUri, fields) {
    const target = new URL(redirectUri);
    for (const [key, value] of Object.entries({ ...fields, iss: issuer })) if (value !== undefined) target.searchParams.set(key, value);
    redirect(res, target.href);
  }

  function authorizePage(res, request) {
    const hidden = Object.entries(request)
      .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
      .join('\n');
    const choices = [...users.values()]
      .map(
        (u) => `<li><button type="submit" name="username" value="${escapeHtml(u.username)}">
<span class="who">${escapeHtml(u.name)}</span>
<span class="what">${escapeHtml(u.username)} · ${escapeHtml(u.agency)} · ${escapeHtml(u.roles.join(', '))} · county ${escapeHtml(u.county)}</span>
</button></li>`,
      )
      .join('\n');
    sendPage(
      res,
      200,
      'Sign in: Linkages development identity provider',
      `<h1>Sign in to the Linkages console</h1>
<p>Development identity provider: no passwords. Choose the demo user to sign in as.</p>
<form method="post" action="/authorize">
${hidden}
<fieldset>
<legend id="users-legend">Demo users</legend>
<ul aria-labelledby="users-legend">
${choices}
</ul>
</fieldset>
<button type="submit" name="decision" value="cancel" class="cancel">Cancel and return to the application</button>
</form>`,
      { formAction: [new URL(request.redirect_uri).origin] },
    );
  }

  function startAuthorization(req, res, url) {
    const checked = validateAuthorizeRequest(singleValued(url.searchParams, PageError));
    if (checked.error) return redirectWith(res, checked.redirectUri, { ...checked.error, state: checked.state });
    authorizePage(res, checked.request);
  }

  /** The page's form: the parameters come back in hidden fields and are validated again, as if they were new. */
  async function completeAuthorization(req, res) {
    // Loopback development only, but still: a form posted from another site (Origin or Sec-Fetch-Site say so) is refused.
    const origin = req.headers.origin;
    if (
      (origin !== undefined && origin !== 'null' && origin !== `http://${req.headers.host}`) ||
      req.headers['sec-fetch-site'] === 'cross-site'
    ) {
      throw new PageError('the sign-in form was posted from another site', 403);
    }
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw new PageError('Content-Type must be application/x-www-form-urlencoded');
    const form = singleValued(new URLSearchParams(await readBody(req)), PageError);
    const checked = validateAuthorizeRequest(form);
    if (checked.error) return redirectWith(res, checked.redirectUri, { ...checked.error, state: checked.state });
    if (form.decision === 'cancel') {
      return redirectWith(res, checked.redirectUri, {
        error: 'access_denied',
        error_description: 'the user cancelled the sign-in',
        state: checked.state,
      });
    }
    const user = users.get(form.username ?? '');
    if (!user)
      return redirectWith(res, checked.redirectUri, {
        error: 'access_denied',
        error_description: 'no demo user was chosen',
        state: checked.state,
      });
    const now = Date.now();
    for (const [key, grant] of codes) if (grant.expiresAt <= now) codes.delete(key);
    if (codes.size >= MAX_OUTSTANDING_CODES) {
      return redirectWith(res, checked.redirectUri, {
        error: 'temporarily_unavailable',
        error_description: 'too many unredeemed authorization codes; try again in a minute',
        state: checked.state,
      });
    }
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      clientId: checked.request.client_id,
      redirectUri: checked.request.redirect_uri,
      codeChallenge: checked.request.code_challenge,
      nonce: checked.request.nonce,
      scope: checked.request.scope,
      username: user.username,
      authTime: Math.floor(now / 1000),
      expiresAt: now + codeTtlSeconds * 1000,
    });
    log('info', 'authorization code issued', { username: user.username, client: checked.request.client_id });
    redirectWith(res, checked.redirectUri, { code, state: checked.state });
  }

  /** RP-initiated logout: nothing to forget here (no session), so it only sends the browser back, if allowed. */
  function endSession(req, res, url) {
    const params = singleValued(url.searchParams, PageError);
    const target = params.post_logout_redirect_uri;
    if (target === undefined || target === '') {
      return sendPage(res, 200, 'Signed out', '<h1>You are signed out</h1>\n<p>You can close this window.</p>');
    }
    if (!isPostLogoutRedirectUri(target)) throw new PageError(`'${target.slice(0, 200)}' is not a registered post-logout redirect URI`);
    const location = new URL(target);
    if (typeof params.state === 'string' && params.state !== '') location.searchParams.set('state', params.state);
    redirect(res, location.href);
  }

  const routes = {
    'GET /.well-known/openid-configuration': (_req, res) =>
      send(res, 200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        token_endpoint: `${issuer}/token`,
        authorization_endpoint: `${issuer}/authorize`,
        end_session_endpoint: `${issuer}/logout`,
        id_token_signing_alg_values_supported: [ALG],
        grant_types_supported: [GRANT_TYPE, AUTHORIZATION_CODE],
        response_types_supported: ['code'],
        response_modes_supported: ['query'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'profile'],
        subject_types_supported: ['public'],
        token_endpoint_auth_methods_supported: ['none'],
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'name', 'preferred_username'],
        authorization_response_iss_parameter_supported: true,
      }),
    'GET /.well-known/jwks.json': (_req, res) => send(res, 200, { keys: [publicJwk] }),
    'POST /token': issueToken,
    'GET /authorize': startAuthorization,
    'POST /authorize': completeAuthorization,
    'GET /logout': endSession,
    'GET /users': (_req, res) => send(res, 200, { users: [...users.values()] }),
    'GET /health': (_req, res) => send(res, 200, { status: 'ok' }),
  };
  /** The console reads these from the browser; only its origins (those of the redirect URIs) may. */
  const corsPaths = new Set(['/.well-known/openid-configuration', '/.well-known/jwks.json', '/token']);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (corsPaths.has(path)) {
      res.setHeader('vary', 'Origin');
      const origin = req.headers.origin;
      if (typeof origin === 'string' && isConsoleOrigin(origin)) res.setHeader('access-control-allow-origin', origin);
      if (req.method === 'OPTIONS') {
        if (res.hasHeader('access-control-allow-origin')) {
          res.setHeader('access-control-allow-methods', path === '/token' ? 'POST' : 'GET');
          res.setHeader('access-control-allow-headers', 'content-type');
          res.setHeader('access-control-max-age', '600');
        }
        res.writeHead(204, { 'content-length': 0 });
        return res.end();
      }
    }
    const handler = routes[`${req.method} ${path}`];
    try {
      if (!handler) return send(res, 404, { error: 'not_found', error_description: `${req.method} ${path} does not exist` });
      await handler(req, res, url);
    } catch (error) {
      if (res.headersSent) return res.destroy();
      if (error instanceof PageError) return sendErrorPage(res, error.status, error.message);
      if (error instanceof BadRequest) {
        // Past the size limit, stop reading: answer, then close the connection. The authorization endpoint answers pages.
        if (path === '/authorize') return sendErrorPage(res, error.status, error.message);
        return sendError(res, error.status, error.message, error.status === 413 ? { connection: 'close' } : {}, error.code);
      }
      log('error', 'request failed', { method: req.method, path, error: String(error?.stack ?? error) });
      send(res, 500, { error: 'server_error', error_description: 'internal error' });
    }
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolvePromise);
  }).catch((error) =>
    fail(error.code === 'EADDRINUSE' ? `${HOST}:${port} is already in use` : `cannot listen on ${HOST}:${port}: ${error.message}`),
  );
  const actualPort = server.address().port;
  issuer = (process.env.IDP_ISSUER || `http://${HOST}:${actualPort}`).replace(/\/+$/, '');
  log('info', 'development identity provider listening (development only: no passwords, loopback only)', {
    url: `http://${HOST}:${actualPort}`,
    issuer,
    kid,
    users: users.size,
  });

  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal });
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, 2000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
};

main().catch((error) => fail(`development identity provider failed to start: ${error?.message ?? error}`));
