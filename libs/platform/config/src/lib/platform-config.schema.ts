import { z } from 'zod';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port');

/** Settings every service process needs, whatever its domain. */
export const platformConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  DATABASE_URL: z
    .string({ error: 'is required (a postgres:// connection URL)' })
    .refine((v) => /^postgres(ql)?:\/\/\S+$/.test(v), 'must be a postgres:// connection URL'),
  KAFKA_BROKERS: z
    .string({ error: 'is required (comma-separated host:port list)' })
    .transform((v) =>
      v
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(z.array(hostPort).min(1, 'needs at least one broker')),
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** AES-256-GCM keys for Temporal payloads: `id:base64key[,id:base64key…]`, the last one encrypts. */
  TEMPORAL_ENCRYPTION_KEYS: z
    .string({ error: 'is required (id:base64key[,…]; `npm run stack -- up` generates a local one)' })
    .regex(/^[A-Za-z0-9._-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9._-]+:[A-Za-z0-9+/=]+)*$/, 'must be id:base64key[,id:base64key…]'),
  /** AES-256-GCM keys for personal data at rest (SSN, date of birth): `id:base64key[,…]`, the last one encrypts. */
  FIELD_ENCRYPTION_KEYS: z
    .string({ error: 'is required (id:base64key[,…]; `npm run stack -- up` generates a local one)' })
    .regex(/^[A-Za-z0-9._-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9._-]+:[A-Za-z0-9+/=]+)*$/, 'must be id:base64key[,id:base64key…]'),
  /** HMAC-SHA256 key (base64, 32 bytes) for blind indexes: match an SSN without decrypting or storing it in clear. */
  BLIND_INDEX_KEY: z
    .string({ error: 'is required (base64, 32 bytes; `npm run stack -- up` generates a local one)' })
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
  /**
   * HMAC-SHA256 key (base64, 32 bytes) for privacy-preserving match keys (issue 13): the tokens and Bloom filters the
   * agencies publish so Linkages can match people without plaintext. Separate from BLIND_INDEX_KEY; the same value in
   * every service that publishes or matches keys, rotated on its own.
   */
  MATCH_KEY: z
    .string({ error: 'is required (base64, 32 bytes; `npm run stack -- up` generates a local one)' })
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
  /** OpenID Connect issuer whose tokens the APIs accept (the `iss` claim must equal it). */
  AUTH_ISSUER: z.string({ error: 'is required (the OIDC issuer URL; `npm run stack -- up` runs a development one)' }).url(),
  /** The issuer's JSON Web Key Set. */
  AUTH_JWKS_URL: z.string({ error: 'is required (the issuer’s JWKS URL)' }).url(),
  /** The `aud` every token must carry. */
  AUTH_AUDIENCE: z.string().min(1).default('linkages-api'),
  /** Accepted signature algorithms: asymmetric only, so a public key can never be used as an HMAC secret. */
  AUTH_ALGORITHMS: z
    .string()
    .default('RS256,ES256')
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'], {
            error: 'only asymmetric algorithms are accepted (no HS*, no none)',
          }),
        )
        .min(1),
    ),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /**
   * Where a consumer group with no committed offsets starts reading (its first start; later starts resume where it
   * left off): `earliest`, the topics' retained history, so a service switched on learns what the other agencies
   * already told (Linkages finds the families both already hold); `latest`, only what arrives from now on.
   */
  CONSUMER_FIRST_START: z.enum(['earliest', 'latest']).default('earliest'),
  /**
   * E-mail over SMTP (notifications): `smtp://host:port`, `smtps://` for implicit TLS, credentials in the URL. Absent:
   * the e-mail channel reports every message as skipped ('no SMTP server configured'); the inbox still gets them.
   */
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/\S+$/.test(v), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of notification e-mails. */
  MAIL_FROM: z.string().min(3).default('Linkages <no-reply@linkages.example.org>'),
  /**
   * HMAC-SHA256 key (base64, 32 bytes) that signs the single-use acknowledgment links in notification messages
   * (notifications only; `npm run stack -- up` generates a local one).
   */
  ACK_LINK_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  /** The public origin links in messages point to (the notifications API locally). */
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3004'),
  /** Requests per minute per authenticated user (per client address before authentication). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Refused calls (no token, a bad token, a missing permission) per minute per client, counted before any token is
   * verified: per client address for anonymous and failed tokens, per user for missing permissions. Beyond it the
   * client gets 429 with Retry-After, and its repeated refusals are audited as one aggregated record per minute.
   */
  AUTH_REFUSALS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** The web console's origin (apps/console), allowed to call the APIs from the browser (CORS); no other origin is. */
  CONSOLE_ORIGIN: z.string().url().default('http://127.0.0.1:4200'),
  /** The Temporal Web UI's origin, allowed to call the codec server (CORS). */
  TEMPORAL_UI_ORIGIN: z.string().url().default('http://127.0.0.1:8233'),
  /**
   * How many workflow runs the worker keeps cached; by default sized from the heap (platform-temporal worker-cache.ts,
   * docs/performance.md). Runs beyond it are evicted and replay when their next timer or message arrives.
   */
  TEMPORAL_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).optional(),
  /** Listen address; loopback unless deployed behind something that needs otherwise. */
  HOST: z.string().min(1).default('127.0.0.1'),
});

export const secretConfigKeys = [
  'DATABASE_URL',
  'TEMPORAL_ENCRYPTION_KEYS',
  'FIELD_ENCRYPTION_KEYS',
  'BLIND_INDEX_KEY',
  'MATCH_KEY',
  'SMTP_URL',
  'ACK_LINK_KEY',
] as const;

const port = z.coerce.number().int().min(1).max(65535);

/** A service's schema: the platform settings plus its own ports, defaulted from its descriptor. */
export function serviceConfigSchema(defaults: { port: number; workerHealthPort: number }) {
  return platformConfigSchema.extend({
    PORT: port.default(defaults.port),
    WORKER_HEALTH_PORT: port.default(defaults.workerHealthPort),
  });
}

export type ServiceConfig = z.output<ReturnType<typeof serviceConfigSchema>>;
