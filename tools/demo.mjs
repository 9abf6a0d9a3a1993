// The live demo `npm start` seeds once per stack (npm start -- --demo seeds again, --no-demo never): fictional
// child-welfare families whose clocks are already running, through the services' public APIs as the demo users, so
// the console's queue, deadline pages, escalations (in Mailpit too) and reports have something to show within a minute.
// Every name and date of birth is invented.
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot, stackDir } from './stack/lib.mjs';

const marker = join(stackDir, 'demo-seeded.json');
export const demoSeeded = () => existsSync(marker);

async function tokenOf(issuer, audience, username) {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, audience }),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`the development IdP refused a token for ${username}: ${res.status}`);
  return (await res.json()).access_token;
}

// The services' own staff-id derivation (from the build: one implementation, not a copy).
const { staffIdOf } = createRequire(import.meta.url)(join(repoRoot, 'dist/libs/platform/access/src/index.js'));

/**
 * Seeds the demo. `urls`: the services' base URLs; `issuer`/`audience`: the IdP. Resolves with what it created (ids
 * only); throws with the service's answer when a call is refused.
 */
export async function seedDemo({ urls, issuer, audience }) {
  const tokens = {};
  for (const u of ['cws-worker', 'cws-supervisor']) tokens[u] = await tokenOf(issuer, audience, u);
  const call = async (service, method, path, user, body) => {
    const res = await fetch(`${urls[service]}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${service} ${method} ${path} → ${res.status} ${text.slice(0, 400)}`);
    return text ? JSON.parse(text) : undefined;
  };
  const hoursAgo = (h) => new Date(Date.now() - h * 3_600_000).toISOString();
  const cases = [
    // Overdue for a day: the ladder tells the supervisor, who carries the family, at once.
    { last: 'Marlowe', parent: 'Tamsin', child: 'Ivo', receivedHoursAgo: 48, priority: 'immediate', assignee: 'cws-supervisor' },
    // Overdue for two hours: the worker was told; the supervisor is next.
    { last: 'Quenby', parent: 'Rosalind', child: 'Emrys', receivedHoursAgo: 26, priority: 'immediate', assignee: 'cws-worker' },
    // A 10-day response in its last days: due soon, reminded.
    { last: 'Haverill', parent: 'Odile', child: 'Fenwick', receivedHoursAgo: 9 * 24, priority: '10-day', assignee: 'cws-worker' },
  ];
  const created = [];
  for (const c of cases) {
    const family = await call('child-welfare', 'POST', '/families', 'cws-worker', {
      calworksCaseNumber: `DEMO-${randomUUID().slice(0, 8)}`,
      members: [
        { role: 'parent', firstName: c.parent, lastName: c.last, dateOfBirth: '1990-04-12' },
        { role: 'child', firstName: c.child, lastName: c.last, dateOfBirth: '2018-09-23' },
      ],
    });
    await call('notifications', 'PUT', '/assignments', 'cws-supervisor', {
      ownerService: 'child-welfare',
      familyId: family.id,
      staffId: staffIdOf(`demo:${c.assignee}`),
      reason: 'Demo: the family’s carrying worker',
    });
    const childId = family.members.find((m) => m.role === 'child').personId;
    const receivedAt = hoursAgo(c.receivedHoursAgo);
    const referral = await call('child-welfare', 'POST', '/referrals', 'cws-worker', {
      familyId: family.id,
      receivedAt,
      allegations: [{ type: 'physical-abuse', childId }],
    });
    await call('child-welfare', 'POST', `/referrals/${referral.id}/screening`, 'cws-worker', {
      decision: 'accepted',
      responsePriority: c.priority,
      reason: 'Demo: reported by the child’s school',
      povertyOnly: false,
      decidedAt: new Date(Date.parse(receivedAt) + 30 * 60_000).toISOString(),
    });
    created.push({ familyId: family.id, referralId: referral.id, priority: c.priority });
  }
  writeFileSync(marker, JSON.stringify({ seededAt: new Date().toISOString(), created }, null, 2));
  return created;
}
