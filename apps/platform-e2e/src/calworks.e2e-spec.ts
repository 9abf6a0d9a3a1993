import { Kafka, logLevel } from 'kafkajs';
import { topics } from '@linkages/shared-contracts';
import { devToken, stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { platformClient, startPlatform, type RunningPlatform } from './platform.spec-helper';

// CalWORKs reacts to child welfare through Kafka, against the running services (`npm start`): a removal recorded in
// child welfare reaches CalWORKs' inbox, which finds the Assistance Unit by county and the case number child welfare
// recorded and starts the removal's FR process; the eligibility worker confirms the members, the temporary-absence
// month runs, child welfare's case plan recommends cash aid and the AB 135 window opens, every date explained through
// the API, every step an event on Kafka in order for the family.

interface Clock {
  purpose: string;
  ruleId: string;
  tracked: string;
  dueDate?: string | null;
  explanation?: string;
}
interface FrRemoval {
  removalId: string;
  auId: string | null;
  status: string;
  memberConfirmation: { status: string } | null;
  temporaryAbsence: { startsOn: string; endsOn: string } | null;
  recommendation: { casePlanId: string; recommendedOn: string } | null;
  window: { startsOn: string; endsOn: string; startExplanation: string[] } | null;
  clocks: Clock[];
}

describe('CalWORKs reacts to child welfare: removal → temporary absence → recommendation → AB 135 window', () => {
  let platform: RunningPlatform;
  const tokens: Record<string, string> = {};

  const { call, ok } = platformClient(() => platform, tokens);

  beforeAll(async () => {
    platform = await startPlatform(22_000);
    for (const user of ['cws-worker', 'calworks-worker', 'la-calworks-worker']) tokens[user] = await devToken(user);
  }, 200_000);
  afterAll(async () => {
    await platform?.stop('SIGINT');
  });

  it('opens the temporary absence and then the six full months, explained, with the events on Kafka in order', async () => {
    const caseNumber = `CW-${uniqueSuffix().slice(0, 10)}`;
    // CalWORKs: the family's Assistance Unit, aided since January.
    const au = await ok<{ id: string; members: { memberId: string; role: string }[] }>(
      'calworks',
      'POST',
      '/assistance-units',
      'calworks-worker',
      {
        caseNumber,
        aidedStatus: 'aided',
        aidedFrom: '2026-01-01',
        grant: { effectiveOn: '2026-01-01', cashAidStatus: 'paid', amountCents: 92_500, reason: 'approval' },
        members: [
          { role: 'applicant', firstName: 'Kafka', lastName: 'Parent', dateOfBirth: '1994-05-06', needy: true, aided: true },
          { role: 'child', firstName: 'Kafka', lastName: 'Child', dateOfBirth: '2023-03-02', needy: true, aided: true },
        ],
      },
    );
    const parentMember = au.members.find((m) => m.role === 'applicant')!.memberId;
    const childMember = au.members.find((m) => m.role === 'child')!.memberId;

    // Child welfare: the same family, known to CalWORKs by its case number; the only child removed on Mon 5 Oct 2026.
    const family = await ok<{ id: string; members: { personId: string; role: string }[] }>(
      'child-welfare',
      'POST',
      '/families',
      'cws-worker',
      {
        calworksCaseNumber: caseNumber,
        members: [
          { role: 'parent', firstName: 'Kafka', lastName: 'Parent', dateOfBirth: '1994-05-06' },
          { role: 'child', firstName: 'Kafka', lastName: 'Child', dateOfBirth: '2023-03-02' },
        ],
      },
    );
    const child = family.members.find((m) => m.role === 'child')!.personId;
    const referral = await ok<{ id: string }>('child-welfare', 'POST', '/referrals', 'cws-worker', {
      familyId: family.id,
      receivedAt: '2026-10-01T09:00:00-07:00',
      allegations: [{ type: 'physical-abuse', childId: child }],
    });
    await ok('child-welfare', 'POST', `/referrals/${referral.id}/screening`, 'cws-worker', {
      decision: 'accepted',
      responsePriority: 'immediate',
      reason: 'Injury reported by school',
      povertyOnly: false,
      decidedAt: '2026-10-01T10:00:00-07:00',
    });
    await ok('child-welfare', 'POST', `/referrals/${referral.id}/contacts`, 'cws-worker', {
      madeAt: '2026-10-01T15:00:00-07:00',
      childId: child,
    });
    const removal = await ok<{ removalId: string; caseId: string }>(
      'child-welfare',
      'POST',
      `/referrals/${referral.id}/removals`,
      'cws-worker',
      {
        childId: child,
        removedAt: '2026-10-05T10:00:00-07:00',
        placementType: 'resource-family',
      },
    );

    // CalWORKs heard of it through Kafka and started the removal's process, matched to the AU by its case number.
    let fr = await waitFor(
      async () => {
        const r = await call<FrRemoval>('calworks', 'GET', `/fr-removals/${removal.removalId}`, 'calworks-worker');
        // The confirmation task may appear first from Linkages' proposal of its members; the process opens its clock.
        return r.status === 200 &&
          r.body.memberConfirmation &&
          r.body.clocks.some((c) => c.ruleId === 'calworks.fr.removal-member-confirmation')
          ? r.body
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the removal to reach CalWORKs and its process to start' },
    );
    expect(fr.auId).toBe(au.id);
    expect(fr.memberConfirmation?.status).toBe('pending');
    expect(fr.clocks.map((c) => c.ruleId)).toContain('calworks.fr.removal-member-confirmation');
    // Another county's worker does not find it.
    expect((await call('calworks', 'GET', `/fr-removals/${removal.removalId}`, 'la-calworks-worker')).status).toBe(404);

    // The eligibility worker confirms the members: October is prorated, November is the one full month of absence.
    await ok('calworks', 'POST', `/fr-removals/${removal.removalId}/member-confirmation`, 'calworks-worker', {
      removedMemberIds: [childMember],
      parentMemberId: parentMember,
      parentWtwSanctioned: false,
      exclusions: { ssiRecipient: false, undocumentedNoncitizen: false, fleeingFelon: false, timeOnAidLimitReached: false },
    });
    fr = await waitFor(
      async () => {
        const r = await ok<FrRemoval>('calworks', 'GET', `/fr-removals/${removal.removalId}`, 'calworks-worker');
        return r.temporaryAbsence ? r : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the temporary absence' },
    );
    expect(fr.temporaryAbsence).toMatchObject({ endsOn: '2026-11-30' });

    // Child welfare's case plan recommends cash aid (no court order needed): the window follows the absence month,
    // from Tue 1 Dec 2026, six full calendar months, December to May → Mon 31 May 2027.
    const plan = await ok<{ id: string }>('child-welfare', 'POST', `/cases/${removal.caseId}/case-plans`, 'cws-worker', {
      filedOn: '2026-10-20',
      recommendsCashAid: true,
      recommendsAb429Services: true,
    });
    fr = await waitFor(
      async () => {
        const r = await ok<FrRemoval>('calworks', 'GET', `/fr-removals/${removal.removalId}`, 'calworks-worker');
        return r.window && r.clocks.some((c) => c.ruleId === 'calworks.fr.ab135-window' && c.explanation) ? r : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the AB 135 window to open' },
    );
    expect(fr.recommendation).toMatchObject({ casePlanId: plan.id, recommendedOn: '2026-10-20' });
    expect(fr.window).toMatchObject({ startsOn: '2026-12-01', endsOn: '2027-05-31' });
    const windowClock = fr.clocks.find((c) => c.ruleId === 'calworks.fr.ab135-window')!;
    expect(windowClock.dueDate).toBe('2027-05-31');
    expect(windowClock.explanation).toContain('The window closes on Mon 31 May 2027');
    expect(windowClock.explanation).toContain('6 full calendar months from the FR aid grant of Tue 1 Dec 2026');
    expect(windowClock.explanation).toContain('WIC 11203(b)');
    expect(fr.window!.startExplanation.join(' ')).toContain('the day after the one month of temporary absence');

    // On Kafka, for this family, in order: temporary absence, then the window.
    const kafka = new Kafka({ clientId: 'e2e-calworks', brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `e2e-calworks-${uniqueSuffix()}` });
    const seen: { type: string; value: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.calworksFrAidEvents.name], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.headers?.['ce_familyid']?.toString() !== family.id) return;
        seen.push({ type: message.headers['ce_type']!.toString(), value: message.value!.toString() });
      },
    });
    await waitFor(async () => (seen.some((s) => s.type.includes('fr-aid-window-opened')) ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: 'the FR events on Kafka',
    });
    await consumer.disconnect();
    const names = seen.map((s) => s.type.replace('gov.ca.linkages.calworks.', '').replace(/\.v\d+$/, ''));
    expect(names.indexOf('temporary-absence-started')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('temporary-absence-started')).toBeLessThan(names.indexOf('fr-aid-window-opened'));
    const opened = JSON.parse(seen.find((s) => s.type.includes('fr-aid-window-opened'))!.value) as Record<string, unknown>;
    expect(opened).toMatchObject({ removalId: removal.removalId, startsOn: '2026-12-01', endsOn: '2027-05-31' });
    // Ids, codes and dates only: no member's name on the topic.
    for (const s of seen) expect(s.value).not.toContain('Kafka');
  }, 240_000);
});
