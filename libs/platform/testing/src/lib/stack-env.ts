import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';

export interface StackEnv {
  DATABASE_URL: string;
  KAFKA_BROKERS: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TEST_SERVER_PATH: string;
  TEMPORAL_ENCRYPTION_KEYS: string;
  FIELD_ENCRYPTION_KEYS: string;
  BLIND_INDEX_KEY: string;
  MATCH_KEY: string;
  AUTH_ISSUER: string;
  AUTH_JWKS_URL: string;
  AUTH_AUDIENCE: string;
}

const keys: (keyof StackEnv)[] = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TEST_SERVER_PATH',
  'TEMPORAL_ENCRYPTION_KEYS',
  'FIELD_ENCRYPTION_KEYS',
  'BLIND_INDEX_KEY',
  'MATCH_KEY',
  'AUTH_ISSUER',
  'AUTH_JWKS_URL',
  'AUTH_AUDIENCE',
];

export const stackDir = () => process.env['LINKAGES_STACK_DIR'] ?? join(repoRoot(), '.stack');

/** Connection settings of the running local stack (written by `npm run stack -- up`); the environment overrides them. */
export function stackEnv(): StackEnv {
  const file = join(stackDir(), 'stack.env');
  const fromFile: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (m?.[1] && m[2] !== undefined) fromFile[m[1]] = m[2];
    }
  }
  const env = {} as StackEnv;
  const missing: string[] = [];
  for (const key of keys) {
    const value = process.env[key] ?? fromFile[key];
    if (value) env[key] = value;
    else missing.push(key);
  }
  if (missing.length > 0) {
    throw new Error(
      `The local stack is not up (${missing.join(', ')} unknown). Run \`npm run stack -- up\`, or \`npm test\`, which starts it.`,
    );
  }
  return env;
}

/** A short unique suffix for names (schemas, topics, task queues) so test runs never share state. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
