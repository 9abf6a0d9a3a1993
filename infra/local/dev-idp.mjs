#!/usr/bin/env node
// Development OpenID Connect identity provider: issues short-lived RS256 JWTs for the demo users of
// infra/local/demo-users.json so services validate real tokens locally. DEVELOPMENT ONLY: it listens on loopback,
// asks for no password and signs whatever demo user is named. `npm run stack -- up` runs it (tools/stack/components/idp.mjs).
//
//   GET  /.well-known/openid-configuration   discovery document
//   GET  /.well-known/jwks.json              the public signing key
//   POST /token                              username=<demo user>[&audience=…] (form or JSON) → { access_token, … }
//   GET  /users                              the demo users
//   GET  /health                             { status: 'ok' }
//
// Environment: IDP_PORT (8900), IDP_ISSUER (http://127.0.0.1:<port>), IDP_AUDIENCE (linkages-api), LINKAGES_STACK_DIR.
// The RSA-2048 signing key is generated on first start into <stack dir>/secrets/idp-signing-key.json (mode 0600).
import { randomUUID } from 'node:crypto';
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

function log(level, msg, fields = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

function fail(message) {
  log('error', message);
  process.exit(1);
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

const sendError = (res, status, description, headers = {}) =>
  send(res, status, { error: 'invalid_request', error_description: description }, { 'cache-control': 'no-store', ...headers });

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
  const form = new URLSearchParams(raw);
  const params = {};
  for (const [key, value] of form) {
    if (key in params) throw new BadRequest(`parameter '${key}' given more than once`);
    params[key] = value;
  }
  return params;
}

const main = async () => {
  const users = loadUsers();
  const port = parsePort(process.env.IDP_PORT ?? 8900);
  const defaultAudience = process.env.IDP_AUDIENCE || 'linkages-api';
  const { privateKey, kid, publicJwk } = await loadOrCreateSigningKey();
  let issuer; // set once listening (IDP_PORT=0 picks a free port)

  async function issueToken(req, res) {
    const params = await tokenParams(req);
    const { username, audience = defaultAudience, grant_type: grantType } = params;
    if (typeof username !== 'string' || username === '') throw new BadRequest("'username' is required");
    if (typeof audience !== 'string' || audience === '' || audience.length > 256)
      throw new BadRequest("'audience' must be a non-empty string");
    if (grantType !== undefined && grantType !== GRANT_TYPE) throw new BadRequest(`unsupported grant_type (only ${GRANT_TYPE})`);
    const user = users.get(username);
    if (!user) throw new BadRequest(`'${username.slice(0, 64)}' is not a demo user (GET /users lists them)`);
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
    log('info', 'token issued', { username: user.username, jti, aud: audience });
    send(
      res,
      200,
      { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }

  const routes = {
    'GET /.well-known/openid-configuration': (_req, res) =>
      send(res, 200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        token_endpoint: `${issuer}/token`,
        id_token_signing_alg_values_supported: [ALG],
        grant_types_supported: [GRANT_TYPE],
      }),
    'GET /.well-known/jwks.json': (_req, res) => send(res, 200, { keys: [publicJwk] }),
    'POST /token': issueToken,
    'GET /users': (_req, res) => send(res, 200, { users: [...users.values()] }),
    'GET /health': (_req, res) => send(res, 200, { status: 'ok' }),
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = routes[`${req.method} ${path}`];
    try {
      if (!handler) return send(res, 404, { error: 'not_found', error_description: `${req.method} ${path} does not exist` });
      await handler(req, res);
    } catch (error) {
      if (res.headersSent) return res.destroy();
      if (error instanceof BadRequest) {
        // Past the size limit, stop reading: answer, then close the connection.
        return sendError(res, error.status, error.message, error.status === 413 ? { connection: 'close' } : {});
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
