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
    .transform((v) => v.split(',').map((b) => b.trim()).filter(Boolean))
    .pipe(z.array(hostPort).min(1, 'needs at least one broker')),
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** AES-256-GCM keys for Temporal payloads: `id:base64key[,id:base64key…]`, the last one encrypts. */
  TEMPORAL_ENCRYPTION_KEYS: z
    .string({ error: 'is required (id:base64key[,…]; `npm run stack -- up` generates a local one)' })
    .regex(/^[A-Za-z0-9._-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9._-]+:[A-Za-z0-9+/=]+)*$/, 'must be id:base64key[,id:base64key…]'),
  /** Bearer token the codec server accepts (operators' tool or the Temporal UI); absent: the codec server is off. */
  CODEC_SERVER_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** The Temporal Web UI's origin, allowed to call the codec server (CORS). */
  TEMPORAL_UI_ORIGIN: z.string().url().default('http://127.0.0.1:8233'),
  /** Listen address; loopback unless deployed behind something that needs otherwise. */
  HOST: z.string().min(1).default('127.0.0.1'),
});

export const secretConfigKeys = ['DATABASE_URL', 'TEMPORAL_ENCRYPTION_KEYS', 'CODEC_SERVER_TOKEN'] as const;

const port = z.coerce.number().int().min(1).max(65535);

/** A service's schema: the platform settings plus its own ports, defaulted from its descriptor. */
export function serviceConfigSchema(defaults: { port: number; workerHealthPort: number }) {
  return platformConfigSchema.extend({
    PORT: port.default(defaults.port),
    WORKER_HEALTH_PORT: port.default(defaults.workerHealthPort),
  });
}

export type ServiceConfig = z.output<ReturnType<typeof serviceConfigSchema>>;
