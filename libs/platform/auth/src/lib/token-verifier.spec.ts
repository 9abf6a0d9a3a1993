import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { createTokenVerifier, type TokenVerifier } from './token-verifier';

// Token attacks against the real verifier, over a real HTTP JWKS endpoint (jose's remote key set).
describe('createTokenVerifier', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let trusted: { privateKey: CryptoKey; jwk: JWK };
  let issuer: string;
  const audience = 'linkages-api';
  const claims = { agency: 'cws', county: '06085', roles: ['cws.worker'], jti: 'jti-1' };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    trusted = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: 'trusted-1', alg: 'RS256', use: 'sig' } };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [trusted.jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    verifier = createTokenVerifier({
      issuer,
      audience,
      jwksUrl: `${issuer}/jwks.json`,
      algorithms: ['RS256', 'ES256'],
      clockToleranceSeconds: 5,
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (
    overrides: { claims?: Record<string, unknown>; iss?: string; aud?: string; exp?: number | string; kid?: string; key?: CryptoKey } = {},
  ) =>
    new SignJWT({ ...claims, ...overrides.claims })
      .setProtectedHeader({ alg: 'RS256', kid: overrides.kid ?? 'trusted-1', typ: 'JWT' })
      .setIssuer(overrides.iss ?? issuer)
      .setAudience(overrides.aud ?? audience)
      .setSubject('demo:cws-worker')
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? '5m')
      .sign(overrides.key ?? trusted.privateKey);

  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it('accepts a valid token and returns the principal', async () => {
    await expect(verifier.verify(await sign())).resolves.toEqual({
      subject: 'demo:cws-worker',
      roles: ['cws.worker'],
      agency: 'cws',
      county: '06085',
      tokenId: 'jti-1',
    });
  });

  it('refuses an expired token', async () => {
    await expect(verifier.verify(await sign({ exp: Math.floor(Date.now() / 1000) - 60 }))).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses the wrong audience and the wrong issuer', async () => {
    await expect(verifier.verify(await sign({ aud: 'another-api' }))).rejects.toMatchObject({ reason: 'wrong-audience' });
    await expect(verifier.verify(await sign({ iss: 'https://evil.example' }))).rejects.toMatchObject({ reason: 'wrong-issuer' });
  });

  it('refuses alg none', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'x', iss: issuer, aud: audience, iat: 1, exp: 9999999999 })}.`;
    await expect(verifier.verify(unsigned)).rejects.toMatchObject({ reason: expect.stringMatching(/bad-algorithm|malformed/) });
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const { createHmac } = await import('node:crypto');
    const header = b64({ alg: 'HS256', kid: 'trusted-1', typ: 'JWT' });
    const body = b64({
      ...claims,
      sub: 'x',
      iss: issuer,
      aud: audience,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 300,
    });
    const mac = createHmac('sha256', JSON.stringify(trusted.jwk)).update(`${header}.${body}`).digest('base64url');
    await expect(verifier.verify(`${header}.${body}.${mac}`)).rejects.toMatchObject({ reason: 'bad-algorithm' });
  });

  it('refuses a token signed by a foreign key, with a known or an unknown kid', async () => {
    const foreign = await generateKeyPair('RS256');
    await expect(verifier.verify(await sign({ key: foreign.privateKey }))).rejects.toMatchObject({ reason: 'bad-signature' });
    await expect(verifier.verify(await sign({ key: foreign.privateKey, kid: 'attacker-1' }))).rejects.toMatchObject({
      reason: 'unknown-key',
    });
  });

  it('refuses tampered claims and tokens without Linkages claims', async () => {
    const [h, , s] = (await sign()).split('.');
    const elevated = b64({
      ...claims,
      roles: ['admin'],
      agency: 'platform',
      sub: 'x',
      iss: issuer,
      aud: audience,
      iat: 1,
      exp: 9999999999,
    });
    await expect(verifier.verify(`${h}.${elevated}.${s}`)).rejects.toMatchObject({ reason: 'bad-signature' });
    await expect(verifier.verify(await sign({ claims: { roles: ['root'] } }))).rejects.toMatchObject({ reason: 'bad-claims' });
    await expect(verifier.verify(await sign({ claims: { agency: 'calworks' } }))).rejects.toMatchObject({ reason: 'bad-claims' });
    await expect(verifier.verify(await sign({ claims: { county: 'Santa Clara' } }))).rejects.toMatchObject({ reason: 'bad-claims' });
  });

  it('refuses garbage', async () => {
    await expect(verifier.verify('not-a-token')).rejects.toMatchObject({ reason: 'malformed' });
    await expect(verifier.verify('a.b.c')).rejects.toMatchObject({ reason: 'malformed' });
  });
});
