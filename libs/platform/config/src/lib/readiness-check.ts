/** One dependency a process needs: resolves with details when it is usable, rejects otherwise. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<Record<string, unknown>>;
}

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs: number;
  details?: Record<string, unknown>;
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  service: string;
  checks: Record<string, CheckResult>;
}
