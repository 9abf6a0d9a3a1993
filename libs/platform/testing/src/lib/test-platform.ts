import type { Provider } from '@nestjs/common';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@linkages/platform-config';
import {
  BLIND_INDEX,
  BlindIndex,
  FIELD_CIPHER,
  FieldCipher,
  MATCH_KEYS,
  MatchKeys,
  PersonalData,
  parseKeyring,
} from '@linkages/platform-crypto';
import { LOGGER, createLogger, type Logger, type LoggerOptions } from '@linkages/platform-logging';
import { stackEnv, type StackEnv } from './stack-env';

/** The ciphers a service holds, from the stack's keys, made as platformProviders makes them from the service config. */
export interface StackCrypto {
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  matchKeys: MatchKeys;
  personalData: PersonalData;
}

export function stackCrypto(env: StackEnv = stackEnv()): StackCrypto {
  const cipher = new FieldCipher(parseKeyring(env.FIELD_ENCRYPTION_KEYS, 'FIELD_ENCRYPTION_KEYS'));
  const blindIndex = BlindIndex.fromBase64(env.BLIND_INDEX_KEY);
  return { cipher, blindIndex, matchKeys: MatchKeys.fromBase64(env.MATCH_KEY), personalData: new PersonalData(cipher, blindIndex) };
}

/**
 * The options of `createTokenVerifier` (@linkages/platform-auth) for the stack's development identity provider: its
 * issuer, audience and JWKS, RS256, 30 s of clock tolerance.
 */
export function stackTokenVerifierOptions(env: StackEnv = stackEnv()) {
  return {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    jwksUrl: env.AUTH_JWKS_URL,
    algorithms: ['RS256'],
    clockToleranceSeconds: 30,
  };
}

export interface TestPlatformOptions {
  identity: ServiceIdentity;
  /** The options of the service's logger (its service is the identity's name)... */
  log?: Omit<LoggerOptions, 'service'>;
  /** ...or a logger the harness holds itself. */
  logger?: Logger;
  /** The stack's MATCH_KEY when left out. */
  matchKeys?: MatchKeys;
  env?: StackEnv;
}

/**
 * The part of platformProviders (libs/platform/service) an API harness provides itself: the service's identity, its
 * logger and its ciphers from the stack's keys. `testPlatformExports` are their tokens. The audit log, the token
 * verifier and the auth guard stay in the harness: the specs of @linkages/platform-audit (which -auth imports) use
 * this lib, so importing them here would make a project cycle.
 */
export function testPlatformProviders(o: TestPlatformOptions): Provider[] {
  const crypto = stackCrypto(o.env);
  return [
    { provide: SERVICE_IDENTITY, useValue: o.identity },
    { provide: LOGGER, useValue: o.logger ?? createLogger({ ...o.log, service: o.identity.name }) },
    { provide: FIELD_CIPHER, useValue: crypto.cipher },
    { provide: BLIND_INDEX, useValue: crypto.blindIndex },
    { provide: MATCH_KEYS, useValue: o.matchKeys ?? crypto.matchKeys },
    PersonalData,
  ];
}

export const testPlatformExports = [SERVICE_IDENTITY, LOGGER, FIELD_CIPHER, BLIND_INDEX, MATCH_KEYS, PersonalData];
