import type { z } from 'zod';

/** Thrown at boot when the environment does not satisfy a service's configuration schema. */
export class ConfigValidationError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid configuration for ${service}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Set these environment variables (see .env.example), or run `npm run stack -- up` and start services with `npm start`.',
    );
    this.name = 'ConfigValidationError';
  }
}

export type Env = Record<string, string | undefined>;

/** Parses the environment with a zod schema; fails fast with every problem named, never with a partial config. */
export function loadConfig<S extends z.ZodType>(service: string, schema: S, env: Env = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigValidationError(
      service,
      result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  return result.data;
}

const urlCredentials = /(\/\/[^:/@]+:)[^@]*@/;

/** A copy of the configuration that is safe to log: secret values masked, passwords removed from URLs. */
export function redactConfig<T extends Record<string, unknown>>(config: T, secretKeys: readonly string[]): Record<keyof T, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === 'string' && urlCredentials.test(value)) out[key] = value.replace(urlCredentials, '$1***@');
    else out[key] = secretKeys.includes(key) ? '***' : value;
  }
  return out as Record<keyof T, unknown>;
}
