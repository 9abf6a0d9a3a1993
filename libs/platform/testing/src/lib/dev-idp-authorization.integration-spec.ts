import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { waitForHttp } from './wait-for-http';

// The development identity provider's authorization code flow with PKCE (infra/local/dev-idp.mjs), against IdPs this
// suite starts itself (own port, own stack directory), so the running stack's IdP on 8900 is never touched.
const script = resolve(__dirname, '..', '..', '..', '..', '..', 'infra', 'local', 'dev-idp.mjs');
const usersFile = resolve(__dirname, '..', '..', '..', '..', '..', 'infra', 'local', 'demo-users.json');
const CLIENT_ID = 'linkages-console';
const REDIRECT_URI = 'http://127.0.0.1:4200/callback';
const CONSOLE_ORIGIN = 'http://127.0.0.1:4200';

interface Idp {
  url: string;
  child: ChildProcess;
  output: () => string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok, ko) => server.once('error', ko).listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

async function startIdp(stackDir: string, env: Record<string, string> = {}): Promise<Idp> {
  const port = await freePort();
  const inherited = { ...process.env };
  for (const key of Object.keys(inherited)) if (key.startsWith('IDP_')) delete inherited[key];
  const child = spawn(process.execPath, [script], {
    env: { ...inherited, IDP_PORT: String(port), LINKAGES_STACK_DIR: stackDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health`, { timeoutMs: 15_000 });
  } catch (error) {
    child.kill('SIGTERM');
    throw new Error(`the dev IdP did not start: ${String(error)}\n${output}`);
  }
  return { url, child, output: () => output };
}

async function stopIdp(idp: Idp | undefined): Promise<void> {
  if (!idp || idp.child.exitCode !== null) return;
  const exited = new Promise((ok) => idp.child.once('exit', ok));
  idp.child.kill('SIGTERM');
  await exited;
}

const base64url = (buf: Buffer) => buf.toString('base64url');

function pkce() {
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  return { verifier, challenge };
}

function authorizeParams(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile',
    state: base64url(randomBytes(12)),
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    nonce: base64url(randomBytes(12)),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
}

const get = (url: string, init: RequestInit = {}) => fetch(url, { redirect: 'manual', ...init });

/** Submits the sign-in form as a browser would: the page's hidden fields plus the chosen user's button. */
async function chooseUser(idp: Idp, params: Record<string, string>, username: string): Promise<Response> {
  return fetch(`${idp.url}/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...params, username }).toString(),
  });
}

/** GET /authorize then POST the form; returns the code from the redirect (and checks state and iss). */
async function obtainCode(idp: Idp, params: Record<string, string>, username = 'cws-supervisor'): Promise<string> {
  const page = await get(`${idp.url}/authorize?${new URLSearchParams(params)}`);
  expect(page.status).toBe(200);
  const res = await chooseUser(idp, params, username);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(params.redirect_uri);
  expect(location.searchParams.get('state')).toBe(params.state);
  expect(location.searchParams.get('iss')).toBe(idp.url);
  const code = location.searchParams.get('code');
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return code!;
}

function exchange(idp: Idp, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${idp.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, ...fields }).toString(),
  });
}

describe('development identity provider: authorization code flow with PKCE', () => {
  let stackDir: string;
  let idp: Idp | undefined;
  let shortLived: Idp | undefined;

  beforeAll(async () => {
    stackDir = mkdtempSync(join(tmpdir(), 'dev-idp-authz-'));
    idp = await startIdp(stackDir);
    shortLived = await startIdp(stackDir, { IDP_CODE_TTL_SECONDS: '1' });
  }, 40_000);

  afterAll(async () => {
    await stopIdp(idp);
    await stopIdp(shortLived);
    if (stackDir) rmSync(stackDir, { recursive: true, force: true });
  });

  it('publishes the authorization endpoint, the code grant, S256 only and the end-session endpoint in discovery', async () => {
    const discovery = (await (await fetch(`${idp!.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;

    expect(discovery).toMatchObject({
      issuer: idp!.url,
      authorization_endpoint: `${idp!.url}/authorize`,
      token_endpoint: `${idp!.url}/token`,
      end_session_endpoint: `${idp!.url}/logout`,
      jwks_uri: `${idp!.url}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'urn:linkages:params:oauth:grant-type:demo-user']),
    );
  });

  it('answers the authorization request with an HTML form listing every demo user as a button, and no script', async () => {
    const params = authorizeParams();
    const res = await get(`${idp!.url}/authorize?${new URLSearchParams(params)}`);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toMatch(/<form method="post" action="\/authorize">/);
    expect(html).toMatch(/<legend[^>]*>Demo users<\/legend>/);
    expect(html).not.toMatch(/<script/i);
    const { users } = JSON.parse(readFileSync(usersFile, 'utf8')) as { users: { username: string; name: string }[] };
    const buttons = [...html.matchAll(/<button type="submit" name="username" value="([^"]+)">/g)].map((m) => m[1]);
    expect(buttons).toEqual(users.map((u) => u.username));
    for (const u of users) expect(html).toContain(u.name);
    for (const [key, value] of Object.entries(params)) expect(html).toContain(`<input type="hidden" name="${key}" value="${value}">`);
  });

  it('runs the full code flow: the access token verifies against the JWKS like any other, the ID token carries the nonce', async () => {
    const { verifier, challenge } = pkce();
    const params = authorizeParams({ code_challenge: challenge });
    const code = await obtainCode(idp!, params, 'cws-supervisor');

    const res = await exchange(idp!, { code, code_verifier: verifier });
    const body = (await res.json()) as Record<string, unknown>;

    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, access_token: expect.any(String), id_token: expect.any(String) });
    const jwks = createRemoteJWKSet(new URL(`${idp!.url}/.well-known/jwks.json`));
    const { payload: access } = await jwtVerify(body.access_token as string, jwks, {
      issuer: idp!.url,
      audience: 'linkages-api',
      algorithms: ['RS256'],
    });
    const { payload: id } = await jwtVerify(body.id_token as string, jwks, {
      issuer: idp!.url,
      audience: CLIENT_ID,
      algorithms: ['RS256'],
    });
    const { users } = JSON.parse(readFileSync(usersFile, 'utf8')) as { users: Record<string, unknown>[] };
    const user = users.find((u) => u.username === 'cws-supervisor')!;
    expect(access).toMatchObject({
      sub: 'demo:cws-supervisor',
      preferred_username: 'cws-supervisor',
      name: user.name,
      agency: user.agency,
      county: user.county,
      roles: user.roles,
    });
    expect(access.exp! - access.iat!).toBe(900);
    expect(id).toMatchObject({ sub: 'demo:cws-supervisor', preferred_username: 'cws-supervisor', nonce: params.nonce, aud: CLIENT_ID });
  });

  it('refuses a wrong code_verifier with invalid_grant, and the code is spent', async () => {
    const { verifier, challenge } = pkce();
    const code = await obtainCode(idp!, authorizeParams({ code_challenge: challenge }));

    const wrong = await exchange(idp!, { code, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const retry = await exchange(idp!, { code, code_verifier: verifier });
    expect(retry.status).toBe(400);
    expect(await retry.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code used a second time with invalid_grant', async () => {
    const { verifier, challenge } = pkce();
    const code = await obtainCode(idp!, authorizeParams({ code_challenge: challenge }));

    expect((await exchange(idp!, { code, code_verifier: verifier })).status).toBe(200);
    const again = await exchange(idp!, { code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code redeemed with another redirect_uri than it was issued for', async () => {
    const { verifier, challenge } = pkce();
    const code = await obtainCode(idp!, authorizeParams({ code_challenge: challenge }));

    const res = await exchange(idp!, { code, code_verifier: verifier, redirect_uri: 'http://localhost:4200/callback' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an expired code with invalid_grant (IDP_CODE_TTL_SECONDS=1)', async () => {
    const { verifier, challenge } = pkce();
    const code = await obtainCode(shortLived!, authorizeParams({ code_challenge: challenge }));
    await new Promise((r) => setTimeout(r, 1_200));

    const res = await exchange(shortLived!, { code, code_verifier: verifier });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
  });

  it('answers an unknown redirect_uri or client with a 400 page and redirects nowhere', async () => {
    for (const overrides of [
      { redirect_uri: 'http://127.0.0.1:4200/elsewhere' },
      { redirect_uri: 'http://localhost:4300/callback' },
      { client_id: 'someone-else' },
      { redirect_uri: undefined },
    ]) {
      const params = authorizeParams(overrides);
      const res = await get(`${idp!.url}/authorize?${new URLSearchParams(params)}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toMatch(/<h1>Sign-in request refused<\/h1>/);

      const posted = await chooseUser(idp!, params, 'cws-worker');
      expect(posted.status).toBe(400);
      expect(posted.headers.get('location')).toBeNull();
    }
  });

  it('sends errors after the redirect URI is trusted back to it per RFC 6749 4.1.2.1: plain PKCE, no PKCE, wrong response type', async () => {
    const cases: [Record<string, string | undefined>, string][] = [
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge_method: undefined }, 'invalid_request'],
      [{ code_challenge: undefined }, 'invalid_request'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ scope: 'profile' }, 'invalid_scope'],
    ];
    for (const [overrides, error] of cases) {
      const params = authorizeParams(overrides);
      for (const res of [await get(`${idp!.url}/authorize?${new URLSearchParams(params)}`), await chooseUser(idp!, params, 'cws-worker')]) {
        expect(res.status).toBe(302);
        const location = new URL(res.headers.get('location')!);
        expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
        expect(location.searchParams.get('error')).toBe(error);
        expect(location.searchParams.get('state')).toBe(params.state);
        expect(location.searchParams.get('code')).toBeNull();
      }
    }
    const stateless = await get(`${idp!.url}/authorize?${new URLSearchParams(authorizeParams({ state: undefined }))}`);
    expect(stateless.status).toBe(302);
    expect(new URL(stateless.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('matches a registered loopback IP redirect URI on any port (RFC 8252 7.3), and nothing else loosely', async () => {
    const shifted = 'http://127.0.0.1:39200/callback';
    const code = await obtainCode(idp!, authorizeParams({ redirect_uri: shifted }));
    expect(code).toBeTruthy();
    for (const redirect_uri of [
      'http://localhost:39200/callback',
      'http://127.0.0.1:39200/other',
      'http://127.0.0.1:39200/callback#x',
      'http://user@127.0.0.1:39200/callback',
    ]) {
      const res = await get(`${idp!.url}/authorize?${new URLSearchParams(authorizeParams({ redirect_uri }))}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('refuses a form posted from another site', async () => {
    const res = await fetch(`${idp!.url}/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: new URLSearchParams({ ...authorizeParams(), username: 'admin' }).toString(),
    });

    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
  });

  it('allows CORS on discovery, the JWKS and /token for the console origin only', async () => {
    const paths = ['/.well-known/openid-configuration', '/.well-known/jwks.json'];
    for (const path of paths) {
      const ok = await fetch(`${idp!.url}${path}`, { headers: { origin: CONSOLE_ORIGIN } });
      expect(ok.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
      expect(ok.headers.get('vary')).toMatch(/Origin/);
      // A loopback IP literal on another port is the console run on a shifted port (RFC 8252 7.3); a host name is exact.
      const shifted = await fetch(`${idp!.url}${path}`, { headers: { origin: 'http://127.0.0.1:39200' } });
      expect(shifted.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:39200');
      for (const origin of ['http://localhost:5173', 'http://127.0.0.2:4200', 'https://127.0.0.1:4200']) {
        const other = await fetch(`${idp!.url}${path}`, { headers: { origin } });
        expect(other.status).toBe(200);
        expect(other.headers.get('access-control-allow-origin')).toBeNull();
      }
    }
    const token = await exchange(idp!, { code: 'nope', code_verifier: pkce().verifier }, { origin: 'http://localhost:4200' });
    expect(token.status).toBe(400);
    expect(token.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    const foreign = await exchange(idp!, { code: 'nope', code_verifier: pkce().verifier }, { origin: 'http://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await fetch(`${idp!.url}/token`, {
      method: 'OPTIONS',
      headers: { origin: CONSOLE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    const foreignPreflight = await fetch(`${idp!.url}/token`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('ends the session by redirecting to an allow-listed post_logout_redirect_uri only', async () => {
    const ok = await get(`${idp!.url}/logout?${new URLSearchParams({ post_logout_redirect_uri: `${CONSOLE_ORIGIN}/`, state: 's1' })}`);
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${CONSOLE_ORIGIN}/?state=s1`);

    const refused = await get(`${idp!.url}/logout?${new URLSearchParams({ post_logout_redirect_uri: 'http://evil.example/' })}`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();

    const plain = await get(`${idp!.url}/logout`);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toMatch(/signed out/);
  });

  it('keeps the demo-user grant working on the same /token endpoint', async () => {
    const res = await fetch(`${idp!.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=ops',
    });
    const body = (await res.json()) as { access_token: string };

    expect(res.status).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${idp!.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(body.access_token, jwks, { issuer: idp!.url, audience: 'linkages-api' });
    expect(payload).toMatchObject({ sub: 'demo:ops', roles: ['ops'] });
  });
});
