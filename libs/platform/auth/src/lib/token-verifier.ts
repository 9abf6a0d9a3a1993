import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ZodError } from 'zod';
import { principalFromClaims, type Principal } from '@linkages/platform-access';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Asymmetric algorithms only (the config schema refuses HS* and none). */
  algorithms: string[];
  clockToleranceSeconds: number;
}

/** Why a token was refused: short, safe to return to the client and to log (never the token itself). */
export class AuthenticationError extends Error {
  constructor(
    readonly reason:
      | 'missing'
      | 'malformed'
      | 'expired'
      | 'not-yet-valid'
      | 'bad-signature'
      | 'unknown-key'
      | 'wrong-issuer'
      | 'wrong-audience'
      | 'bad-algorithm'
      | 'bad-claims'
      | 'issuer-unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * Verifies OIDC access tokens (JWS compact) against the issuer's JWKS with jose: signature by a key of the set
 * (selected by `kid`; unknown kids trigger at most one refetch per cooldown), `alg` in the allow-list (so `none`
 * and HS256-with-the-public-key are refused before any key is used), `iss`, `aud`, `exp`/`nbf` with a small clock
 * tolerance, and Linkages' own claims (agency, county, roles) parsed strictly.
 */
export function createTokenVerifier(options: TokenVerifierOptions, keys?: JWTVerifyGetKey): TokenVerifier {
  const keySet =
    keys ?? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  return {
    async verify(token: string): Promise<Principal> {
      if (!token || token.length > 8192 || token.split('.').length !== 3)
        throw new AuthenticationError('malformed', 'The bearer token is not a signed JWT');
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: options.algorithms,
          clockTolerance: options.clockToleranceSeconds,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        return principalFromClaims(payload);
      } catch (error) {
        throw toAuthenticationError(error);
      }
    },
  };
}

function toAuthenticationError(error: unknown): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  if (error instanceof ZodError)
    return new AuthenticationError('bad-claims', 'The token lacks valid Linkages claims (agency, county, roles)');
  if (error instanceof errors.JWTExpired) return new AuthenticationError('expired', 'The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new AuthenticationError('wrong-issuer', 'The token was issued by an issuer this API does not trust');
    if (error.claim === 'aud') return new AuthenticationError('wrong-audience', 'The token is not meant for this API (audience)');
    if (error.claim === 'nbf' || error.claim === 'iat') return new AuthenticationError('not-yet-valid', 'The token is not valid yet');
    return new AuthenticationError('bad-claims', `The token's ${error.claim} claim is missing or invalid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return new AuthenticationError('bad-algorithm', 'The token is signed with an algorithm this API does not accept');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return new AuthenticationError('unknown-key', 'The token is signed with a key the issuer does not publish');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AuthenticationError('bad-signature', 'The token signature is invalid');
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return new AuthenticationError('issuer-unavailable', 'The identity provider’s keys could not be loaded');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSEError)
    return new AuthenticationError('malformed', 'The bearer token is not a valid JWT');
  // Network failures reaching the JWKS surface as plain errors.
  return new AuthenticationError('issuer-unavailable', 'The identity provider’s keys could not be loaded');
}

/** The service API's TokenVerifier (provided by authProviders). */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
