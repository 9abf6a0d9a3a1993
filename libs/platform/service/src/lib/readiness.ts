import { Inject, Injectable } from '@nestjs/common';
import type { CheckResult, ReadinessCheck, ReadinessReport } from '@linkages/platform-config';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

const checkTimeoutMs = 3000;

/** Runs every registered dependency check in parallel, each bounded by a timeout. */
@Injectable()
export class ReadinessService {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  async report(service: string): Promise<ReadinessReport> {
    const entries = await Promise.all(this.checks.map(async (c) => [c.name, await runCheck(c)] as const));
    const checks = Object.fromEntries(entries);
    return { status: entries.every(([, r]) => r.status === 'up') ? 'ready' : 'not-ready', service, checks };
  }
}

async function runCheck(check: ReadinessCheck): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
    });
    const details = await Promise.race([check.check(), timeout]);
    return { status: 'up', latencyMs: Date.now() - started, details };
  } catch (error) {
    // The reason is for operators; it names the failure, not connection strings or credentials.
    return {
      status: 'down',
      latencyMs: Date.now() - started,
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
