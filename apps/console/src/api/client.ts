import { useCallback } from 'react';
import { useAuth } from '../auth/auth';
import { useConfig } from '../app/config-context';
import type { ServiceName } from '../app/config';

/** An RFC 9457 problem a service answered with. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path?: string; message?: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `The service answered ${status}`);
  }
  /** The problem's short code (the last segment of its type URI), e.g. `escalation-not-open`. */
  get code(): string {
    return (this.problem.type ?? '').split('/').pop() ?? '';
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * JSON calls to the services' public APIs with the signed-in person's bearer token. A write carries a fresh
 * Idempotency-Key (a retried click is applied once). A 401 ends the session (the "session expired" page).
 */
export function useApi() {
  const { session, expire } = useAuth();
  const config = useConfig();
  const token = session.status === 'signed-in' ? session.accessToken : undefined;
  return useCallback(
    async <T>(service: ServiceName, path: string, options: CallOptions = {}): Promise<T> => {
      const method = options.method ?? 'GET';
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['idempotency-key'] = crypto.randomUUID();
      }
      const res = await fetch(`${config.services[service]}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const text = await res.text();
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      if (res.status === 401) expire();
      if (!res.ok) throw new ApiError(res.status, (parsed ?? {}) as Problem);
      return parsed as T;
    },
    [config, token, expire],
  );
}
