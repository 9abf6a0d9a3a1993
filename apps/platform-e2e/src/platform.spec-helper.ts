import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';
import type { ServiceName } from '@linkages/shared-contracts';

export interface ServicePorts {
  name: ServiceName;
  title: string;
  port: number;
  healthPort: number;
}

export interface RunningPlatform {
  services: ServicePorts[];
  url(service: ServicePorts['name'], path: string): string;
  /** Everything `npm start` printed so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  process: ChildProcess;
}

/** The services' ports under `LINKAGES_PORT_OFFSET=offset`. */
export function servicePorts(offset: number): ServicePorts[] {
  return [
    { name: 'referrals', title: 'Referrals', port: 3001 + offset, healthPort: 3101 + offset },
    { name: 'calworks', title: 'CalWORKs', port: 3002 + offset, healthPort: 3102 + offset },
    { name: 'child-welfare', title: 'Child Welfare Services', port: 3003 + offset, healthPort: 3103 + offset },
    { name: 'notifications', title: 'Notifications', port: 3004 + offset, healthPort: 3104 + offset },
  ];
}

/**
 * `npm start` itself (tools/start.mjs, minus the npm install and build that `npm test` already did), with every
 * service port shifted by `offset` so a developer's running `npm start` (and other suites) do not collide.
 */
export async function startPlatform(offset: number, env: Record<string, string> = {}): Promise<RunningPlatform> {
  const services = servicePorts(offset);
  const child = spawn(process.execPath, [join(repoRoot(), 'tools', 'start.mjs'), '--no-install', '--no-build'], {
    // No demo families (tools/demo.mjs): each suite seeds what it checks.
    env: { ...process.env, LINKAGES_PORT_OFFSET: String(offset), LOG_LEVEL: 'warn', LINKAGES_DEMO: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 150_000;
  while (!output.includes('Linkages is up') && child.exitCode === null && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250));
  if (!output.includes('Linkages is up')) {
    child.kill('SIGKILL');
    throw new Error(`npm start did not come up:\n${output}`);
  }
  return {
    services,
    url: (service, path) => `http://127.0.0.1:${services.find((s) => s.name === service)!.port}${path}`,
    output: () => output,
    stop: (signal = 'SIGINT') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    process: child,
  };
}

/**
 * JSON calls to the running platform as a demo user (its bearer token from `tokens`; a write carries a fresh
 * Idempotency-Key). `ok` throws with the answer on anything but 2xx. `platform` is read at each call (suites start it
 * in beforeAll).
 */
export function platformClient(platform: () => RunningPlatform, tokens: Record<string, string>) {
  const call = async <T>(service: ServiceName, method: string, path: string, user: string, body?: unknown) => {
    const res = await fetch(platform().url(service, path), {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, text, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const ok = async <T = Record<string, unknown>>(service: ServiceName, method: string, path: string, user: string, body?: unknown) => {
    const r = await call<T>(service, method, path, user, body);
    if (r.status >= 300) throw new Error(`${service} ${method} ${path} → ${r.status} ${r.text}`);
    return r.body;
  };
  return { call, ok };
}

/** The work e-mail of a demo user in the local organisation (infra/local/organisation.json), where Mailpit receives it. */
export const organisationEmailOf = (username: string): string => {
  const org = JSON.parse(readFileSync(join(repoRoot(), 'infra', 'local', 'organisation.json'), 'utf8')) as {
    people: { username?: string; email?: string }[];
  };
  const email = org.people.find((p) => p.username === username)?.email;
  if (!email) throw new Error(`infra/local/organisation.json has no e-mail for ${username}`);
  return email;
};
