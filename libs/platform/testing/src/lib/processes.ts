import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';
import { stackEnv } from './stack-env';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  logPath: string;
  /** Resolves with the exit code (or the signal's name) once the process ends. */
  exited: Promise<number | string>;
}

/** Starts a built service process (dist/) against the local stack, logging to .stack/logs/e2e/. */
export function spawnService(service: string, kind: 'api' | 'worker', env: Record<string, string> = {}): ServiceProcess {
  const entry = join(repoRoot(), 'dist', 'apps', service, 'src', kind === 'api' ? 'main.js' : 'worker.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const logDir = join(repoRoot(), '.stack', 'logs', 'e2e');
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, `${service}-${kind}.log`);
  const fd = openSync(logPath, 'w');
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { env: { ...process.env, ...stackEnv(), ...env }, stdio: ['ignore', fd, fd] });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { name: `${service}-${kind}`, child, logPath, exited };
}

/** Polls a URL until it answers with the expected status. */
export async function waitForHttp(url: string, { status = 200, timeoutMs = 60_000 } = {}): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status === status) return res;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}
