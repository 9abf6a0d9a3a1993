import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { repoRoot } from '@linkages/platform-config';
import { waitFor } from '@linkages/platform-testing';
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

/**
 * The services' ports under `LINKAGES_PORT_OFFSET=offset`. Suites pick offsets of at most 28_000 (each its own:
 * 10_000 services, 12_000 child welfare, 14_000 console, 16_000 OpenAPI, 18_000 notifications, 20_000 security,
 * 22_000 CalWORKs, 24_000 Linkages), so every port, the console's 4200 + offset included, stays below 32768: under
 * Linux's ephemeral range (32768–60999), where an outgoing connection's local port can hold a service's port and make
 * its listen fail with EADDRINUSE (seen once at 48002).
 */
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

/** A family member as `POST /families` takes it (invented names only). */
export interface SeedMember {
  role: 'parent' | 'child';
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

/**
 * The missed clock most suites start from: a CWS family, then an immediate-response referral received and screened
 * in two days ago, so its 24-hour clock is overdue the moment it opens. `post` writes to child-welfare as a CWS user;
 * `query` reads PostgreSQL; `beforeReferral` runs between the family and the referral (an assignment, say).
 * Resolves with the ids once the clock is tracked.
 */
export async function seedLateImmediateReferral(
  post: (path: string, body: unknown) => Promise<{ id: string }>,
  query: <T>(sql: string, params: unknown[]) => Promise<T[]>,
  options: { members: SeedMember[]; calworksCaseNumber?: string; reason: string; beforeReferral?: (familyId: string) => Promise<void> },
): Promise<{ familyId: string; referralId: string; deadlineId: string }> {
  const family = (await post('/families', {
    ...(options.calworksCaseNumber ? { calworksCaseNumber: options.calworksCaseNumber } : {}),
    members: options.members,
  })) as { id: string; members: { personId: string; role: string }[] };
  await options.beforeReferral?.(family.id);
  const twoDaysAgo = DateTime.now().setZone('America/Los_Angeles').minus({ days: 2 });
  const referral = await post('/referrals', {
    familyId: family.id,
    receivedAt: twoDaysAgo.toISO(),
    allegations: [{ type: 'physical-abuse', childId: family.members.find((m) => m.role === 'child')!.personId }],
  });
  await post(`/referrals/${referral.id}/screening`, {
    decision: 'accepted',
    responsePriority: 'immediate',
    reason: options.reason,
    povertyOnly: false,
    decidedAt: twoDaysAgo.plus({ minutes: 30 }).toISO(),
  });
  const clock = await waitFor(
    async () =>
      (
        await query<{ deadline_id: string }>(
          `SELECT deadline_id FROM child_welfare.tracked_deadlines WHERE subject_id = $1 AND purpose = 'er-response'`,
          [referral.id],
        )
      )[0],
    { timeoutMs: 60_000, what: 'the ER response clock' },
  );
  return { familyId: family.id, referralId: referral.id, deadlineId: clock.deadline_id };
}
