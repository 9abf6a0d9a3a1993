import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { devToken, stackEnv, waitFor } from '@linkages/platform-testing';
import { platformClient, startPlatform, type RunningPlatform } from './platform.spec-helper';

// Issue 13 against the running services (`npm start`): child welfare records a family and CalWORKs an Assistance
// Unit holding the same mother (each agency's own ids, typed with the usual differences); their match keys cross
// Kafka to referrals, which forms one shared Linkages family. Child welfare removes the child: referrals opens the
// coordination tasks of a removal in an aided family with their clocks, and the shared family, its coordination, its
// plan and its timeline answer over HTTP with every date explained.
const offset = 24_000;
const zone = 'America/Los_Angeles';

interface Clock {
  ruleId: string;
  status?: string;
  dueAt?: string | null;
  explanation?: string | null;
}

describe('Linkages coordination over the running services: one shared family, a removal, its coordination', () => {
  let platform: RunningPlatform;
  let db: Client;
  const tokens: Record<string, string> = {};

  const { call, ok } = platformClient(() => platform, tokens);

  beforeAll(async () => {
    platform = await startPlatform(offset);
    for (const u of ['cws-worker', 'cws-supervisor', 'calworks-worker', 'liaison', 'la-calworks-worker']) tokens[u] = await devToken(u);
    db = new Client({ connectionString: stackEnv().DATABASE_URL });
    await db.connect();
  }, 200_000);

  afterAll(async () => {
    await db?.end();
    await platform?.stop('SIGINT');
  });

  it('a CWS family and a CalWORKs AU with the same mother → one shared family; a removal → coordination tasks with explained clocks; family, coordination, plan and timeline answer', async () => {
    // Names of letters only (names are normalized to letters), a birth date and an SSN of this run: earlier runs'
    // records on the same stack never match these.
    const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
    const caseNumber = `CW-E2E-${letters(10)}`;
    const ssn = `${randomInt(100, 666)}-${String(randomInt(1, 100)).padStart(2, '0')}-${String(randomInt(1, 10_000)).padStart(4, '0')}`;
    const dob = `19${randomInt(60, 99)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;
    const childDob = `20${randomInt(10, 24)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;
    const last = `Links${letters(8)}`;
    const second = `Lo${letters(6)}`;

    // Child welfare knows her as Guadalupe with both surnames; CalWORKs as Lupe, hyphenated, with her SSN.
    const cwsFamily = await ok<{ id: string; members: { personId: string; role: string }[] }>(
      'child-welfare',
      'POST',
      '/families',
      'cws-worker',
      {
        calworksCaseNumber: caseNumber,
        members: [
          { role: 'parent', firstName: 'Guadalupe', lastName: `${last} ${second}`, dateOfBirth: dob, ssn },
          { role: 'child', firstName: 'Sofia', lastName: last, dateOfBirth: childDob },
        ],
      },
    );
    const childId = cwsFamily.members.find((m) => m.role === 'child')!.personId;
    const au = await ok<{ id: string }>('calworks', 'POST', '/assistance-units', 'calworks-worker', {
      caseNumber,
      aidedStatus: 'aided',
      aidedFrom: '2026-01-01',
      members: [
        { role: 'applicant', firstName: 'Lupe', lastName: `${last}-${second}`, dateOfBirth: dob, ssn, needy: true, aided: true },
        { role: 'child', firstName: 'Sofía', lastName: `${last}-${second}`, dateOfBirth: childDob, needy: true, aided: true },
      ],
    });

    // Referrals forms one shared family from the two agencies' match keys (its own id; neither agency's).
    const familyId = await waitFor(
      async () => {
        const rows = (
          await db.query<{ family_id: string }>(
            `SELECT DISTINCT family_id FROM referrals.family_identities WHERE unlinked_at IS NULL AND ref_id = ANY($1::uuid[])`,
            [[cwsFamily.id, au.id]],
          )
        ).rows;
        const both = (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM referrals.family_identities WHERE unlinked_at IS NULL AND ref_id = ANY($1::uuid[])`,
            [[cwsFamily.id, au.id]],
          )
        ).rows[0]!.n;
        return both === 2 && rows.length === 1 ? rows[0]!.family_id : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the CWS family and the AU to form one shared family' },
    );
    expect([cwsFamily.id, au.id]).not.toContain(familyId);
    const family = await ok<{ familyId: string; identities: { refKind: string; refId: string }[]; links: { status: string }[] }>(
      'referrals',
      'GET',
      `/shared-families/${familyId}`,
      'liaison',
    );
    expect(family.identities.map((i) => `${i.refKind} ${i.refId}`).sort()).toEqual([`au ${au.id}`, `cws-family ${cwsFamily.id}`].sort());
    expect(family.links.some((l) => l.status === 'linked')).toBe(true);
    expect(JSON.stringify(family)).not.toContain(ssn);
    expect((await call('referrals', 'GET', `/shared-families/${familyId}`, 'la-calworks-worker')).status).toBe(404);

    // Child welfare: hotline referral accepted, contact, the child removed (an aided family: the hand-off clock).
    const now = Date.now();
    const referral = await ok<{ id: string }>('child-welfare', 'POST', '/referrals', 'cws-worker', {
      familyId: cwsFamily.id,
      receivedAt: new Date(now - 3 * 3600_000).toISOString(),
      allegations: [{ type: 'general-neglect', childId }],
    });
    await ok('child-welfare', 'POST', `/referrals/${referral.id}/screening`, 'cws-supervisor', {
      decision: 'accepted',
      responsePriority: 'immediate',
      reason: 'Young child left alone',
      povertyOnly: false,
      decidedAt: new Date(now - 2 * 3600_000).toISOString(),
    });
    await ok('child-welfare', 'POST', `/referrals/${referral.id}/contacts`, 'cws-worker', {
      madeAt: new Date(now - 3600_000).toISOString(),
      childId,
    });
    const removedAt = new Date(now - 1800_000).toISOString();
    await ok('child-welfare', 'POST', `/referrals/${referral.id}/removals`, 'cws-worker', {
      childId,
      removedAt,
      placementType: 'relative',
    });

    // Referrals opens the removal's coordination tasks, each with its clock explained.
    type Task = { code: string; status: string; ruleId: string; dueAt: string | null; clock: Clock | null };
    const tasks = await waitFor(
      async () => {
        const r = await call<{ tasks: Task[] }>('referrals', 'GET', `/shared-families/${familyId}/coordination`, 'calworks-worker');
        return r.status === 200 && r.body.tasks.some((t) => t.code === 'worker-contacts-csw') ? r.body.tasks : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the removal’s coordination tasks' },
    );
    const contact = tasks.find((t) => t.code === 'worker-contacts-csw')!;
    expect(contact.status).toBe('open');
    expect(contact.ruleId).toBe('linkages.fr-worker-contacts-csw');
    // The task's due instant is its clock's, printed alike (county time).
    expect(contact.dueAt).toBe(contact.clock!.dueAt);
    // Three business days on the county's calendar: the end of a county day, 3 to 7 calendar days after the removal.
    const due = new Date(contact.dueAt!);
    const days = (due.getTime() - new Date(removedAt).getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(2);
    expect(days).toBeLessThan(8);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(due)).toBe(
      '23:59',
    );
    expect(contact.clock?.explanation).toMatch(/business day/i);
    expect(tasks.map((t) => t.code)).toContain('au-change');
    // The strategy the family is in, from both agencies' facts.
    const enrollment = await ok<{ current: { strategy: string } | null }>(
      'referrals',
      'GET',
      `/shared-families/${familyId}/enrollment`,
      'liaison',
    );
    expect(enrollment.current?.strategy).toMatch(/^intervention-/);

    // The plan and the timeline of the same family: the removal and the AU in one order, referrals' clocks explained.
    const plan = await call<{ familyId: string }>('referrals', 'GET', `/shared-families/${familyId}/plan`, 'cws-worker');
    expect(plan.status).toBe(200);
    expect(plan.body.familyId).toBe(familyId);
    type Timeline = { entries: { eventType: string; seq: number; occurredAt: string }[]; clocks: Clock[] };
    const timeline = await waitFor(
      async () => {
        const r = await call<Timeline>('referrals', 'GET', `/shared-families/${familyId}/timeline`, 'liaison');
        return r.status === 200 && r.body.entries.some((e) => e.eventType.endsWith('.child-removed.v1')) ? r.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the removal in the family’s timeline' },
    );
    expect(timeline.entries).toEqual([...timeline.entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.seq - b.seq));
    const timelineClock = timeline.clocks.find((c) => c.ruleId === 'linkages.fr-worker-contacts-csw');
    expect(new Date(timelineClock!.dueAt!).getTime()).toBe(due.getTime());
    expect(timelineClock?.explanation).toBeTruthy();
  }, 180_000);
});
