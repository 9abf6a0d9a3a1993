import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { demoUsers, devToken } from './dev-token';
import { stackEnv } from './stack-env';

// Against the development identity provider the local stack runs (Jest's global setup starts the stack).
describe('devToken (development identity provider)', () => {
  const env = stackEnv();
  const jwks = createRemoteJWKSet(new URL(env.AUTH_JWKS_URL));

  it('issues an RS256 JWT for a demo user that verifies against the JWKS, with the user’s claims', async () => {
    const token = await devToken('cws-worker');

    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      algorithms: ['RS256'],
    });

    const user = demoUsers().find((u) => u.username === 'cws-worker')!;
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    expect(payload).toMatchObject({
      sub: 'demo:cws-worker',
      preferred_username: 'cws-worker',
      name: user.name,
      agency: user.agency,
      county: user.county,
      roles: user.roles,
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the requested audience in the token, and a token for another audience fails the services’ check', async () => {
    const token = await devToken('admin', 'another-api');

    await expect(jwtVerify(token, jwks, { issuer: env.AUTH_ISSUER, audience: 'another-api' })).resolves.toBeDefined();
    await expect(jwtVerify(token, jwks, { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE })).rejects.toThrow(/aud/);
  });

  it('gives each token its own jti and signs with the key the JWKS publishes', async () => {
    const [a, b] = await Promise.all([devToken('liaison'), devToken('liaison')]);
    const { keys } = (await (await fetch(env.AUTH_JWKS_URL)).json()) as { keys: { kid: string; d?: string }[] };

    expect(keys.map((k) => k.kid)).toContain(decodeProtectedHeader(a).kid);
    expect(keys.every((k) => k.d === undefined)).toBe(true);
    const { payload: pa } = await jwtVerify(a, jwks, { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE });
    const { payload: pb } = await jwtVerify(b, jwks, { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE });
    expect(pa.jti).not.toBe(pb.jti);
  });

  it('refuses a user who is not a demo user', async () => {
    await expect(devToken('mallory')).rejects.toThrow(/HTTP 400 'mallory' is not a demo user/);
  });

  it('refuses a malformed token request with 400 invalid_request', async () => {
    const res = await fetch(`${env.AUTH_ISSUER}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"audience":"linkages-api"}',
    });

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: "'username' is required" });
  });

  it('publishes a discovery document naming the issuer, the JWKS and the token endpoint', async () => {
    const discovery = (await (await fetch(`${env.AUTH_ISSUER}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;

    expect(discovery).toMatchObject({
      issuer: env.AUTH_ISSUER,
      jwks_uri: env.AUTH_JWKS_URL,
      token_endpoint: `${env.AUTH_ISSUER}/token`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
});
