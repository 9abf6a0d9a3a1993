import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { waitFor } from '@linkages/platform-testing';
import {
  aidedStatusRecordedEvent,
  caseOpenedEvent,
  childRemovedEvent,
  familyLinkedEvent,
  memberMatchKeysEvent,
  personMatchKeysEvent,
  referralAcceptedEvent,
  removalMembersConfirmedEvent,
  wtwPlanSignedEvent,
} from '@linkages/shared-contracts';
import { coordinationProcessId } from '../coordination/coordination-event.handlers';
import { startCoordinationApi, type CoordinationApi } from './coordination-api.spec-helper';

// Issue 13 end to end below HTTP: child welfare and CalWORKs publish what they know of one family on Kafka, each
// under its own ids and with the noise real records carry (accents, a second surname hyphenated in one agency, a
// nickname, an SSN only CalWORKs holds, a child's day and month swapped), and referrals alone turns it into one
// shared Linkages family. The API is read as the agencies' staff would read it.
const SC = '06085';

/** The same mother and daughter as each agency typed them. */
const cwsPeople = {
  parent: { firstName: 'Guadalupe', lastName: 'Hernández López', dateOfBirth: '1991-04-05', ssn: '219 09 9999' },
  child: { firstName: 'Sofia', lastName: 'Hernández', dateOfBirth: '2019-06-07' },
};
/** A mother each agency holds in its own family, found only by matching (after each told its facts). */
const mergedMother = { firstName: 'Marisol', lastName: 'Quintero', dateOfBirth: '1988-02-14', ssn: '321-54-9876' };
const calworksPeople = {
  applicant: { firstName: 'Lupe', lastName: 'Hernandez-Lopez', dateOfBirth: '1991-04-05', ssn: '219-09-9999' },
  child: { firstName: 'Sofía', lastName: 'Hernandez-Lopez', dateOfBirth: '2019-07-06' },
};

let h: CoordinationApi;

describe('Linkages coordination from both agencies’ events on Kafka (inbox, matching, time-skipping server, API)', () => {
  beforeAll(async () => {
    h = await startCoordinationApi();
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  });

  const cwsFamilyId = randomUUID();
  const cwsParentId = randomUUID();
  const cwsChildId = randomUUID();
  const auId = randomUUID();
  const applicantId = randomUUID();
  const auChildId = randomUUID();
  const caseNumber = `CW${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;
  const participantId = randomUUID();
  const planId = randomUUID();
  const wtwActivityId = randomUUID();
  let familyId: string;
  let courtOrderedId: string;
  const referralId = randomUUID();
  const caseId = randomUUID();
  const removalId = randomUUID();

  it('match keys from child welfare and CalWORKs for the same mother and child → one shared family (the mothers linked automatically)', async () => {
    const recordedAt = new Date().toISOString();
    const published = [
      await h.publish(
        personMatchKeysEvent,
        {
          personId: cwsParentId,
          familyId: cwsFamilyId,
          role: 'parent',
          ageBand: '20-plus',
          keys: h.matchKeys.forPerson(cwsPeople.parent),
          withdrawn: false,
          recordedAt,
        },
        SC,
        'child-welfare',
      ),
      await h.publish(
        personMatchKeysEvent,
        {
          personId: cwsChildId,
          familyId: cwsFamilyId,
          role: 'child',
          ageBand: 'child',
          keys: h.matchKeys.forPerson(cwsPeople.child),
          withdrawn: false,
          recordedAt,
        },
        SC,
        'child-welfare',
      ),
      await h.publish(
        memberMatchKeysEvent,
        {
          memberId: applicantId,
          auId,
          familyId: auId,
          caseNumber,
          role: 'applicant',
          aided: true,
          ageBand: '20-plus',
          keys: h.matchKeys.forPerson(calworksPeople.applicant),
          withdrawn: false,
          recordedAt,
        },
        SC,
        'calworks',
      ),
      await h.publish(
        memberMatchKeysEvent,
        {
          memberId: auChildId,
          auId,
          familyId: auId,
          caseNumber,
          role: 'child',
          aided: true,
          ageBand: 'child',
          keys: h.matchKeys.forPerson(calworksPeople.child),
          withdrawn: false,
          recordedAt,
        },
        SC,
        'calworks',
      ),
    ];
    for (const e of published) await h.processed(e.id);

    // The mothers match on SSN (typed two ways), date of birth, nickname and the second surname: linked automatically,
    // and with an adult linked in both, the CWS family and the AU are one shared family (with the AU's case number).
    const identities = await h.query<{ family_id: string; ref_kind: string; calworks_case_number: string | null }>(
      `SELECT family_id, ref_kind, calworks_case_number FROM referrals.family_identities WHERE unlinked_at IS NULL AND ref_id = ANY($1)`,
      [[cwsFamilyId, auId]],
    );
    expect(identities).toHaveLength(2);
    expect(new Set(identities.map((i) => i.family_id)).size).toBe(1);
    familyId = identities[0]!.family_id;
    expect(identities.find((i) => i.ref_kind === 'au')?.calworks_case_number).toBe(caseNumber);

    // The daughters agree on the first name only up to an accent, on one surname and on a birth date with day and
    // month swapped, and neither agency holds her SSN: whether the model links them or asks, the answer is theirs
    // (the frozen model decides); an open review is exactly that pair, and the liaison links it.
    const queue = await h.get('/match-reviews', 'liaison');
    expect(queue.status).toBe(200);
    const { reviews, nextCursor } = queue.body as unknown as {
      reviews: { reviewId: string; kind: string; a: { refId: string }; b: { refId: string } }[];
      nextCursor: string | null;
    };
    expect(nextCursor).toBeNull(); // one page: this run's county database holds only this family's reviews
    expect(reviews.map((r) => [r.kind, [r.a.refId, r.b.refId].sort().join(' ')])).toEqual(
      reviews.length === 0 ? [] : [['cross-agency', [cwsChildId, auChildId].sort().join(' ')]],
    );
    expect((await h.get('/match-reviews', 'calworks-worker')).status).toBe(403);
    for (const review of reviews) {
      const decided = await h.post(`/match-reviews/${review.reviewId}/decision`, { decision: 'link', reason: 'same-person' }, 'liaison');
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({ status: 'linked', familyId });
    }

    const read = await h.get(`/shared-families/${familyId}`, 'cws-worker');
    expect(read.status).toBe(200);
    const family = read.body as unknown as {
      familyId: string;
      identities: { refKind: string; refId: string }[];
      links: {
        status: string;
        decidedBy: string;
        a: { refId: string };
        b: { refId: string };
        evidence: { levels: Record<string, string> };
      }[];
    };
    expect(family.familyId).toBe(familyId);
    expect(family.identities.map((i) => `${i.refKind} ${i.refId}`).sort()).toEqual([`au ${auId}`, `cws-family ${cwsFamilyId}`].sort());
    const linkOf = (id: string) => family.links.find((l) => [l.a.refId, l.b.refId].includes(id));
    expect(family.links).toHaveLength(2);
    expect([linkOf(cwsParentId)?.b.refId, linkOf(cwsParentId)?.a.refId]).toContain(applicantId);
    expect([linkOf(cwsChildId)?.b.refId, linkOf(cwsChildId)?.a.refId]).toContain(auChildId);
    expect(family.links.every((l) => l.status === 'linked')).toBe(true);
    expect(linkOf(cwsParentId)?.decidedBy).toBe('auto');
    expect(linkOf(cwsChildId)?.decidedBy).toBe(reviews.length === 0 ? 'auto' : 'liaison');
    // The evidence the liaison saw: levels only.
    expect(linkOf(cwsParentId)?.evidence.levels).toMatchObject({ ssn: 'exact', dob: 'exact', first: 'nickname' });
    expect(linkOf(cwsChildId)?.evidence.levels).toMatchObject({ ssn: 'null', dob: 'swapped' });
    expect(await h.query(`SELECT 1 FROM referrals.match_reviews WHERE status = 'open'`)).toEqual([]);
    // Referrals told the agencies once, under the Linkages id; another county's caller does not find the family.
    expect((await h.events(familyId)).filter(([type]) => type === 'family-linked').length).toBeGreaterThan(0);
    expect((await h.get(`/shared-families/${familyId}`, 'la-calworks-worker')).status).toBe(404);
  }, 60_000);

  it('child welfare accepts a referral on the aided family, removes the daughter and opens an FR case → the FR strategy and the removal’s coordination tasks with explained clocks', async () => {
    interface Task {
      taskId: string;
      code: string;
      status: string;
      ruleId: string;
      subjectType: string;
      subjectId: string;
      dueAt: string | null;
      outcome: string | null;
      clock: { explanation?: string; dueAt?: string | null } | null;
    }
    // CalWORKs: the AU is aided. Child welfare (its own topic, its own family id): the referral accepted, the child
    // removed on Tuesday 24 November 2026, two days before Thanksgiving, and then the FR case opened (the case-opened
    // fact arrives after the removal, as it can).
    const facts = [
      await h.publish(
        aidedStatusRecordedEvent,
        { auId, familyId: auId, caseNumber, status: 'aided', effectiveOn: '2026-01-01' },
        SC,
        'calworks',
      ),
      await h.publish(
        referralAcceptedEvent,
        {
          referralId,
          familyId: cwsFamilyId,
          acceptedAt: '2026-11-23T10:00:00-08:00',
          responsePriority: 'immediate',
          path: 'investigation',
          knownToCalworks: true,
          calworksCaseNumber: caseNumber,
        },
        SC,
        'child-welfare',
      ),
      await h.publish(
        childRemovedEvent,
        {
          removalId,
          familyId: cwsFamilyId,
          childId: cwsChildId,
          caseId,
          removedAt: '2026-11-24T10:00:00-08:00',
          allChildrenRemoved: true,
          calworksCaseNumber: caseNumber,
        },
        SC,
        'child-welfare',
      ),
      await h.publish(
        caseOpenedEvent,
        { caseId, familyId: cwsFamilyId, caseType: 'family-reunification', openedOn: '2026-11-24', calworksCaseNumber: caseNumber },
        SC,
        'child-welfare',
      ),
    ];
    for (const e of facts) await h.processed(e.id);

    const coordination = await waitFor(
      async () => {
        const r = await h.get(`/shared-families/${familyId}/coordination`, 'calworks-worker');
        const tasks = (r.body as unknown as { tasks?: Task[] }).tasks ?? [];
        const codes = tasks.map((t) => t.code);
        return r.status === 200 && ['worker-contacts-csw', 'au-change', 'joint-case-planning-meeting'].every((c) => codes.includes(c))
          ? tasks
          : undefined;
      },
      { timeoutMs: 30_000, what: 'the removal’s coordination tasks' },
    );
    const task = (code: string) => coordination.find((t) => t.code === code)!;
    // The FR / WTW worker contacts the CSW within 3 business days of the removal: Wednesday 25 (1), Thanksgiving and
    // the day after skipped, the weekend, Monday 30 (2), Tuesday 1 December (3), end of the county's day.
    const contact = task('worker-contacts-csw');
    expect(contact).toMatchObject({ ruleId: 'linkages.fr-worker-contacts-csw', subjectType: 'removal', subjectId: removalId });
    expect(new Date(contact.dueAt!).toISOString()).toBe(new Date('2026-12-01T23:59:59.999-08:00').toISOString());
    expect(contact.clock?.explanation).toMatch(/Thanksgiving/);
    expect(contact.clock?.explanation).toMatch(/Day after Thanksgiving/);
    // The AU change follows the removal within one business day (Wednesday 25 November).
    const auChange = task('au-change');
    expect(auChange.ruleId).toBe('linkages.au-change-after-removal');
    expect(new Date(auChange.dueAt!).toISOString()).toBe(new Date('2026-11-25T23:59:59.999-08:00').toISOString());
    // The joint case-planning meeting hangs off the FR case.
    const meeting = task('joint-case-planning-meeting');
    expect(meeting).toMatchObject({ ruleId: 'linkages.joint-case-planning-meeting', subjectType: 'cws-case', subjectId: caseId });
    expect(meeting.clock?.explanation).toBeTruthy();
    // One removal, one hand-off clock (a redelivered or reordered fact opens none twice).
    expect(coordination.filter((t) => t.code === 'worker-contacts-csw')).toHaveLength(1);

    // The strategy: an FR case on an aided family.
    const enrollment = await h.get(`/shared-families/${familyId}/enrollment`, 'liaison');
    expect(enrollment.status).toBe(200);
    expect(enrollment.body).toMatchObject({ current: { strategy: 'intervention-fr' } });
    const events = (await h.events(familyId)).map(([type]) => type);
    expect(events).toContain('strategy-enrolled');
    expect(events).toContain('coordination-task-changed');

    // CalWORKs confirms the AU members the removal concerns: the AU change is met by that fact.
    const confirmed = await h.publish(
      removalMembersConfirmedEvent,
      { removalId, auId, familyId: cwsFamilyId, confirmedAt: new Date().toISOString(), removedMemberCount: 1, memberIds: [auChildId] },
      SC,
      'calworks',
    );
    await h.processed(confirmed.id);
    await waitFor(
      async () => {
        const r = await h.get(`/shared-families/${familyId}/coordination`, 'liaison');
        return (r.body as unknown as { tasks: Task[] }).tasks.find((t) => t.code === 'au-change')?.status === 'done' || undefined;
      },
      { timeoutMs: 30_000, what: 'the AU change met by removal-members-confirmed' },
    );
    // The worker records the contact; a second outcome on the closed task is refused with nothing changed.
    const outcome = await h.post(
      `/shared-families/${familyId}/coordination/tasks/${contact.taskId}/outcome`,
      { outcome: 'done' },
      'calworks-worker',
    );
    expect(outcome.status).toBe(200);
    expect((outcome.body as unknown as { tasks: Task[] }).tasks.find((t) => t.taskId === contact.taskId)).toMatchObject({
      status: 'done',
      outcome: 'done',
    });
    const again = await h.post(
      `/shared-families/${familyId}/coordination/tasks/${contact.taskId}/outcome`,
      { outcome: 'done' },
      'calworks-worker',
    );
    expect(again.status).toBe(409);
    expect(String(again.body['type'])).toMatch(/task-already-closed$/);
    expect((await h.get(`/shared-families/${familyId}/coordination`, 'la-calworks-worker')).status).toBe(404);
  }, 90_000);

  it('CalWORKs signs the mother’s WTW plan (Kafka) and child welfare enters her court-ordered treatment (plan use case) → the plan flags the clash', async () => {
    // 32 hours of job search Monday to Thursday, 08:00–16:00, as CalWORKs' event carries the plan.
    const signed = await h.publish(
      wtwPlanSignedEvent,
      {
        planId,
        participantId,
        auId,
        familyId: auId,
        signedOn: '2027-03-01',
        activities: [
          {
            activityId: wtwActivityId,
            type: 'job-search',
            weeklyHours: 32,
            startsOn: '2027-03-01',
            slots: (['mon', 'tue', 'wed', 'thu'] as const).map((day) => ({ day, start: '08:00', end: '16:00' })),
          },
        ],
      },
      SC,
      'calworks',
    );
    await h.processed(signed.id);
    const before = await h.get(`/shared-families/${familyId}/plan`, 'cws-worker');
    expect(before.status).toBe(200);
    expect((before.body as unknown as { activities: { agency: string; personRecordId: string }[] }).activities).toEqual([
      expect.objectContaining({ agency: 'calworks', personRecordId: participantId, weeklyHours: 32, kind: 'wtw-activity' }),
    ]);
    expect((before.body as unknown as { conflicts: unknown[] }).conflicts).toEqual([]);

    // The juvenile court ordered outpatient treatment, Tuesday and Thursday mornings: the CSW enters it for the same
    // person the plan shows.
    const added = await h.post(
      `/shared-families/${familyId}/plan/activities`,
      {
        kind: 'court-ordered-service',
        personRecordId: participantId,
        typeCode: 'substance-use-treatment',
        weeklyHours: 12,
        slots: [
          { day: 'tue', start: '09:00', end: '15:00' },
          { day: 'thu', start: '09:00', end: '15:00' },
        ],
        startsOn: '2027-03-08',
        requiresTransport: true,
      },
      'cws-worker',
    );
    expect(added.status).toBe(201);
    // The answer is the plan with the new activity (the CWS one).
    const created = (added.body as unknown as { activities: { id: string; agency: string }[] }).activities.filter(
      (a) => a.agency === 'cws',
    );
    expect(created).toHaveLength(1);
    courtOrderedId = created[0]!.id;

    const plan = (await h.get(`/shared-families/${familyId}/plan`, 'cws-worker')).body as unknown as {
      activities: { id: string }[];
      conflicts: { code: string; personRecordId: string; activityIds: string[]; reason: string; resolvedAt: string | null }[];
    };
    expect(plan.activities).toHaveLength(2);
    const overlap = plan.conflicts.find((c) => c.code === 'overlapping-appointments');
    expect(overlap).toMatchObject({ personRecordId: participantId, resolvedAt: null });
    expect(overlap?.activityIds).toContain(courtOrderedId);
    expect(overlap?.reason.length).toBeGreaterThan(20);
    // 32 + 12 hours and the travel allowance leave no time for what the court ordered.
    expect(plan.conflicts.map((c) => c.code)).toContain('no-time-for-court-ordered');
    // Each conflict flagged once, keyed by the Linkages family.
    const flagged = (await h.events(familyId)).filter(([type]) => type === 'plan-conflict-flagged');
    expect(flagged.map(([, e]) => e['code'] as string).sort()).toEqual(plan.conflicts.map((c) => c.code).sort());

    // CalWORKs sees the clash and the busy time, not what the treatment is (a CWS detail: consent or MDT only; SUD records).
    const seen = await h.get(`/shared-families/${familyId}/plan`, 'calworks-worker');
    expect(seen.status).toBe(200);
    expect(seen.text).toContain('overlapping-appointments');
    const cwsBlock = (seen.body as unknown as { activities: Record<string, unknown>[] }).activities.find((a) => a['id'] === courtOrderedId);
    expect(cwsBlock).toMatchObject({
      agency: 'cws',
      weeklyHours: 12,
      slots: expect.arrayContaining([expect.objectContaining({ day: 'tue' })]),
    });
    expect(cwsBlock).not.toHaveProperty('typeCode');
    expect(cwsBlock).not.toHaveProperty('title');
  }, 60_000);

  it('each agency told its own facts before matching found the family: the merge brings them together, and the removal’s hand-off opens', async () => {
    const cwsFamily = randomUUID();
    const mother = randomUUID();
    const child = randomUUID();
    const au = randomUUID();
    const applicant = randomUUID();
    const removal = randomUUID();
    const kase = randomUUID();
    // Child welfare removes a child without knowing of CalWORKs (no case number); CalWORKs records its AU aided.
    const told = [
      await h.publish(
        childRemovedEvent,
        {
          removalId: removal,
          familyId: cwsFamily,
          childId: child,
          caseId: kase,
          removedAt: '2026-11-30T10:00:00-08:00',
          allChildrenRemoved: true,
        },
        SC,
        'child-welfare',
      ),
      await h.publish(
        aidedStatusRecordedEvent,
        { auId: au, familyId: au, caseNumber: `CW${Date.now()}`, status: 'aided', effectiveOn: '2026-06-01' },
        SC,
        'calworks',
      ),
    ];
    for (const e of told) await h.processed(e.id);
    // Neither fact alone calls for coordination: no tasks, no process.
    expect(await h.query(`SELECT 1 FROM referrals.coordination_tasks WHERE subject_id = $1`, [removal])).toEqual([]);

    // Then both agencies' match keys for the mother (one SSN): linked automatically, the two families merge.
    const recordedAt = new Date().toISOString();
    const keysEvents = [
      await h.publish(
        personMatchKeysEvent,
        {
          personId: mother,
          familyId: cwsFamily,
          role: 'parent',
          ageBand: '20-plus',
          keys: h.matchKeys.forPerson(mergedMother),
          withdrawn: false,
          recordedAt,
        },
        SC,
        'child-welfare',
      ),
      await h.publish(
        memberMatchKeysEvent,
        {
          memberId: applicant,
          auId: au,
          familyId: au,
          caseNumber: `CW${Date.now()}`,
          role: 'applicant',
          aided: true,
          ageBand: '20-plus',
          keys: h.matchKeys.forPerson(mergedMother),
          withdrawn: false,
          recordedAt,
        },
        SC,
        'calworks',
      ),
    ];
    for (const e of keysEvents) await h.processed(e.id);
    const identities = await h.query<{ family_id: string }>(
      `SELECT family_id FROM referrals.family_identities WHERE unlinked_at IS NULL AND ref_id = ANY($1)`,
      [[cwsFamily, au]],
    );
    expect(new Set(identities.map((i) => i.family_id)).size).toBe(1);
    const shared = identities[0]!.family_id;
    // Referrals hears its own family-linked event (as its relay sends it): the merge reaches the coordination process.
    const linked = (await h.events(shared)).filter(([type, p]) => type === 'family-linked' && p['mergedFromFamilyId']);
    expect(linked.length).toBeGreaterThan(0);
    for (const [, payload] of linked) await h.processed((await h.publish(familyLinkedEvent, payload as never, SC, 'referrals')).id);

    const tasks = await waitFor(
      async () => {
        const r = await h.get(`/shared-families/${shared}/coordination`, 'calworks-worker');
        const list =
          (r.body as unknown as { tasks?: { code: string; subjectId: string; startAt: string; dueAt: string | null }[] }).tasks ?? [];
        return list.length >= 2 && list.every((t) => t.dueAt) ? list : undefined;
      },
      { timeoutMs: 30_000, what: 'the merged family’s hand-off tasks' },
    );
    expect(tasks.map((t) => t.code).sort()).toEqual(['au-change', 'worker-contacts-csw']);
    expect(
      tasks.every(
        (t) => t.subjectId === removal && new Date(t.startAt).toISOString() === new Date('2026-11-30T10:00:00-08:00').toISOString(),
      ),
    ).toBe(true);
    // Three business days from Monday 30 November: Tue 1, Wed 2, Thu 3 December.
    const contact = tasks.find((t) => t.code === 'worker-contacts-csw')!;
    expect(new Date(contact.dueAt!).toISOString()).toBe(new Date('2026-12-03T23:59:59.999-08:00').toISOString());
    // A redelivered merge changes nothing.
    for (const [, payload] of linked) await h.processed((await h.publish(familyLinkedEvent, payload as never, SC, 'referrals')).id);
    await h.settle();
    const again = await h.get(`/shared-families/${shared}/coordination`, 'liaison');
    expect((again.body as unknown as { tasks: unknown[] }).tasks).toHaveLength(2);
  }, 90_000);

  it('the timeline: both agencies’ facts in one order, each explained', async () => {
    const read = await h.get(`/shared-families/${familyId}/timeline`, 'liaison');
    expect(read.status).toBe(200);
    const timeline = read.body as unknown as {
      entries: { seq: number; eventType: string; occurredAt: string; label: string }[];
      clocks: { ruleId: string; dueAt: string | null; explanation: string | null }[];
    };
    const types = timeline.entries.map((e) => e.eventType);
    for (const def of [referralAcceptedEvent, childRemovedEvent, caseOpenedEvent, aidedStatusRecordedEvent, wtwPlanSignedEvent])
      expect(types).toContain(def.type);
    // Each fact once, although several slices handle it.
    expect(new Set(timeline.entries.map((e) => e.seq)).size).toBe(timeline.entries.length);
    // Ordered by when it happened, then the family's own sequence; seq numbers are the family's, without gaps.
    const ordered = [...timeline.entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.seq - b.seq);
    expect(timeline.entries).toEqual(ordered);
    expect(timeline.entries.every((e) => e.label.length > 0)).toBe(true);
    // Referrals' clocks beside the facts, explained.
    const handoff = timeline.clocks.find((c) => c.ruleId === 'linkages.fr-worker-contacts-csw');
    expect(handoff?.explanation).toMatch(/Thanksgiving/);
    expect((await h.get(`/shared-families/${familyId}/timeline`, 'la-cws-worker')).status).toBe(404);
  });

  it('the canary: no name, date of birth, SSN or match-key token of the run reached a log line, an API answer or the coordination history', async () => {
    const tokensOf = (keys: ReturnType<CoordinationApi['matchKeys']['forPerson']>) => [
      ...(keys.ssn ? [keys.ssn] : []),
      ...Object.values(keys.dob ?? {}),
      keys.first.exact,
      keys.first.canonical,
      keys.first.phonetic,
      keys.first.bloom,
      keys.last.exact,
      ...keys.last.parts,
      ...keys.last.phonetic,
      keys.last.bloom,
      ...keys.blocking,
    ];
    const people = [cwsPeople.parent, cwsPeople.child, calworksPeople.applicant, calworksPeople.child, mergedMother];
    const secrets = [
      ...people.flatMap((p) => [p.firstName, p.lastName, p.dateOfBirth]),
      '219-09-9999',
      '219 09 9999',
      '219099999',
      '321-54-9876',
      '321549876',
      ...people.flatMap((p) => tokensOf(h.matchKeys.forPerson(p))),
    ];
    const answers = await Promise.all(
      ['', '/coordination', '/enrollment', '/plan', '/timeline', '/authorities'].flatMap((path) =>
        ['liaison', 'cws-worker', 'calworks-worker'].map(async (user) => (await h.get(`/shared-families/${familyId}${path}`, user)).text),
      ),
    );
    answers.push((await h.get('/match-reviews', 'liaison')).text);
    // The family's coordination process history (ids, codes and dates only), raw as the server holds it.
    const history = await h.env.client.workflow.getHandle(coordinationProcessId(familyId)).fetchHistory();
    const historyText = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
    expect(historyText).toContain(removalId);
    answers.push(historyText);
    // The scanner reads the real lines (the harness's own start line is one of them).
    expect(h.logs.some((l) => l.includes('Linkages coordination harness'))).toBe(true);
    const leaks = [...h.logs, ...answers].flatMap((line) => secrets.filter((s) => line.includes(s)));
    expect(leaks).toEqual([]);
  });
});
