// Development OpenID Connect identity provider (infra/local/dev-idp.mjs): a small Node server on loopback that signs
// short-lived RS256 JWTs for the demo users, so services validate real tokens locally. Development only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackError, assertPortFree, host, isAlive, readPid, repoRoot, stackDir, startDetached, stopDetached, waitUntil } from '../lib.mjs';

const script = join(repoRoot, 'infra', 'local', 'dev-idp.mjs');
const usersFile = join(repoRoot, 'infra', 'local', 'demo-users.json');
const keyFile = join(stackDir, 'secrets', 'idp-signing-key.json');

export const port = Number(process.env.LINKAGES_IDP_PORT ?? process.env.IDP_PORT ?? 8900);
const localIssuer = `http://${host}:${port}`;
const audience = () => process.env.AUTH_AUDIENCE ?? 'linkages-api';

/** An issuer of your own (AUTH_ISSUER pointing elsewhere): the stack then neither starts nor stops the dev IdP. */
export const external = () => Boolean(process.env.AUTH_ISSUER) && process.env.AUTH_ISSUER.replace(/\/+$/, '') !== localIssuer;
const issuer = () => (external() ? process.env.AUTH_ISSUER.replace(/\/+$/, '') : localIssuer);

/** Connection settings services use to validate tokens; AUTH_* in the environment win. */
export function env() {
  return {
    AUTH_ISSUER: process.env.AUTH_ISSUER ?? localIssuer,
    AUTH_JWKS_URL: process.env.AUTH_JWKS_URL ?? `${issuer()}/.well-known/jwks.json`,
    AUTH_AUDIENCE: audience(),
  };
}

export async function install() {
  if (external()) return 'external (AUTH_ISSUER)';
  if (!existsSync(script)) throw new StackError(`The development identity provider is missing: ${script}`);
  try {
    const { users } = JSON.parse(readFileSync(usersFile, 'utf8'));
    if (!Array.isArray(users) || users.length === 0) throw new Error('no users');
  } catch (error) {
    throw new StackError(`${usersFile} is unreadable: ${error.message}`);
  }
  return existsSync(keyFile) ? 'ready (signing key kept)' : 'ready (signing key generated on first start)';
}

export async function start() {
  if (external()) return;
  if ((await health().catch(() => ({ ok: false }))).ok) return;
  if (!isAlive(readPid('idp'))) {
    await assertPortFree('The development identity provider', port);
    startDetached('idp', process.execPath, [script], {
      env: { ...process.env, IDP_PORT: String(port), IDP_ISSUER: localIssuer, IDP_AUDIENCE: audience(), LINKAGES_STACK_DIR: stackDir },
    });
  }
  await waitUntil('idp', async () => (await health()).ok, { timeoutMs: 30_000 });
}

export const stop = () => (external() ? Promise.resolve(false) : stopDetached('idp', 5_000));

/** Healthy when discovery names the expected issuer and the JWKS serves a key. */
export async function health() {
  const started = Date.now();
  const get = async (url) => {
    let res;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    } catch (error) {
      throw new Error(`${url}: not answering (${error.cause?.code ?? error.message})`);
    }
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return res.json();
  };
  const discovery = await get(`${issuer()}/.well-known/openid-configuration`);
  if (discovery.issuer !== issuer())
    return { ok: false, detail: `discovery names issuer ${discovery.issuer}, expected ${issuer()}`, where: issuer() };
  const jwks = await get(discovery.jwks_uri ?? env().AUTH_JWKS_URL);
  const kids = (jwks.keys ?? []).map((k) => k.kid);
  if (kids.length === 0) return { ok: false, detail: 'JWKS has no keys', where: issuer() };
  return { ok: true, detail: `key ${kids.map((k) => String(k).slice(0, 8)).join(', ')}, ${Date.now() - started} ms`, where: issuer() };
}
