import { randomInt, randomUUID } from 'node:crypto';
import { waitFor } from '@linkages/platform-testing';
import { memberMatchKeysEvent, preventionReferredEvent, specialPopulationFactsRecordedEvent } from '@linkages/shared-contracts';
import { startCoordinationApi, type CoordinationApi } from '../integration/coordination-api.spec-helper';

// Issue 13, Deliver 3, "typing one in": what no agency event covers is typed into Linkages and then matched and
// deduplicated like the rest. A CalWORKs worker refers an applicant household for Prevention; referrals' own event
// reaches the family's coordination process through the inbox, which places it in its strategy; a liaison's
// special-population facts move the enrollment. Real PostgreSQL, Kafka and Temporal (time-skipping server).
const SC = '06085';
const LA = '06037';

interface Enrollment {
  familyId: string;
  current: { enrollmentId: string; strategy: string; tracks: string[]; reasons: string[]; supersededBy: string | null } | null;
  history: { enrollmentId: string; strategy: string; endedAt: string | null; supersededBy: string | null }[];
}

/** Letters only (the name normalisation drops digits), so each household's people match no other test's. */
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const ssn = () => `${randomInt(100, 666)}-${String(randomInt(10, 100))}-${String(randomInt(1000, 10_000))}`;
const dob = (year: number) => `${year}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;
const household = () => {
  const last = `Quintero${letters(6)}`;
  return {
    parent: { role: 'parent' as const, firstName: `Rosa${letters(5)}`, lastName: last, dateOfBirth: dob(1990), ssn: ssn() },
    child: { role: 'child' as const, firstName: `Mateo${letters(5)}`, lastName: last, dateOfBirth: dob(2019) },
  };
};

describe('Linkages typed-in facts: prevention referrals and special-population facts (PostgreSQL, Kafka, Temporal)', () => {
  let h: CoordinationApi;
  let firstFamilyId: string;

  beforeAll(async () => {
    h = await startCoordinationApi();
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  }, 60_000);

  /** Relays referrals' own events to the inbox and waits until each was processed. */
  const deliver = async () => {
    const handled = [preventionReferredEvent.type, specialPopulationFactsRecordedEvent.type];
    for (const e of await h.relay()) if (handled.includes(e.type)) await h.processed(e.id);
    await h.settle();
  };
  const enrollmentOf = (familyId: string, until: (e: Enrollment) => boolean, what: string) =>
    waitFor(
      async () => {
        const r = await h.get(`/shared-families/${familyId}/enrollment`, 'liaison');
        const e = r.body as unknown as Enrollment;
        return r.status === 200 && until(e) ? e : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what },
    );
  const counts = async () =>
    (
      await h.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM referrals.prevention_referrals) AS referrals,
                (SELECT count(*)::int FROM referrals.prevention_referral_members) AS members,
                (SELECT count(*)::int FROM referrals.person_records) AS persons,
                (SELECT count(*)::int FROM referrals.family_identities) AS identities,
                (SELECT count(*)::int FROM referrals.outbox WHERE event_type = ANY($1::text[])) AS events`,
        [[preventionReferredEvent.type, specialPopulationFactsRecordedEvent.type]],
      )
    )[0];

  it('a CalWORKs worker refers an applicant household with risk factors → its shared family, its event, and the Prevention early-intervention enrollment', async () => {
    const people = household();
    const r = await h.post(
      '/prevention-referrals',
      { members: [people.parent, people.child], riskFactors: ['housing-instability', 'domestic-violence'] },
      'calworks-worker',
    );
    expect(r.status).toBe(201);
    const referral = r.body as unknown as { id: string; familyId: string; enrollment: string; duplicateOf?: string; members: unknown[] };
    firstFamilyId = referral.familyId;
    expect(referral).toMatchObject({ countyCode: SC, auId: null, riskFactors: ['housing-instability', 'domestic-violence'] });
    expect(referral.enrollment).toBe(`/shared-families/${referral.familyId}/enrollment`);
    expect(referral.duplicateOf).toBeUndefined();
    expect(referral.members).toHaveLength(2);
    // The answer names no one (ids and roles), and the members are stored with encrypted identifiers.
    expect(r.text).not.toContain(people.parent.firstName);
    expect(r.text).not.toContain(people.parent.dateOfBirth);
    const stored = await h.query<{ family_id: string; dob_encrypted: string; ssn_encrypted: string | null }>(
      `SELECT p.family_id, m.dob_encrypted, m.ssn_encrypted FROM referrals.prevention_referrals p
         JOIN referrals.prevention_referral_members m ON m.referral_id = p.id WHERE p.id = $1 ORDER BY m.position`,
      [referral.id],
    );
    expect(stored.map((s) => s.family_id)).toEqual([referral.familyId, referral.familyId]);
    expect(stored[0]?.dob_encrypted).toMatch(/^f1\./);
    expect(stored[0]?.ssn_encrypted).toMatch(/^f1\./);
    expect(stored[1]?.ssn_encrypted).toBeNull();
    // Its people are person records of the referral's family ref, matched under the agencies' match keys.
    const persons = await h.query<{ family_ref_kind: string; agency: string }>(
      `SELECT family_ref_kind, agency FROM referrals.person_records WHERE family_ref_id = $1`,
      [referral.id],
    );
    expect(persons).toEqual([
      { family_ref_kind: 'linkages-referral', agency: 'linkages' },
      { family_ref_kind: 'linkages-referral', agency: 'linkages' },
    ]);
    const identity = await h.query<{ family_id: string }>(
      `SELECT family_id FROM referrals.family_identities WHERE ref_kind = 'linkages-referral' AND ref_id = $1 AND unlinked_at IS NULL`,
      [referral.id],
    );
    expect(identity).toEqual([{ family_id: referral.familyId }]);
    // The event: keyed by the Linkages family, ids and codes only.
    const events = (await h.events(referral.familyId)).filter(([type]) => type === 'prevention-referred');
    expect(events).toEqual([
      [
        'prevention-referred',
        {
          referralId: referral.id,
          familyId: referral.familyId,
          riskFactors: ['housing-instability', 'domestic-violence'],
          memberCount: 2,
          referredAt: expect.any(String),
        },
      ],
    ]);
    expect(JSON.stringify(events)).not.toContain(people.parent.lastName);

    // Through the inbox, the family's coordination process places the applicant with risk factors and no CWS case.
    await deliver();
    const enrollment = await enrollmentOf(referral.familyId, (e) => e.current !== null, 'the prevention enrollment');
    expect(enrollment.current).toMatchObject({
      strategy: 'prevention-early-intervention',
      reasons: ['calworks-applicant', 'risk-factors-identified', 'no-open-cws-case'],
      tracks: [],
    });
    const timeline = await h.query<{ event_type: string }>(`SELECT event_type FROM referrals.family_timeline WHERE family_id = $1`, [
      referral.familyId,
    ]);
    expect(timeline.map((t) => t.event_type)).toContain('gov.ca.linkages.linkages.prevention-referred.v1');
    // No name or match key reached a log line.
    const keys = JSON.stringify(h.matchKeys.forPerson(people.parent));
    const token = (JSON.parse(keys) as { last: { exact: string } }).last.exact;
    expect(h.logs.filter((l) => l.includes(people.parent.lastName) || l.includes(token))).toEqual([]);
  }, 90_000);

  it('the same household referred again is matched into the same shared family (duplicateOf), not a second one', async () => {
    const people = household();
    const first = await h.post('/prevention-referrals', { members: [people.parent, people.child], riskFactors: [] }, 'calworks-worker');
    expect(first.status).toBe(201);
    // The second worker types the household again, the mother's surname in capitals and without her SSN.
    const again = await h.post(
      '/prevention-referrals',
      {
        members: [{ ...people.parent, lastName: people.parent.lastName.toUpperCase(), ssn: undefined }, people.child],
        riskFactors: ['mental-health'],
      },
      'calworks-supervisor',
    );
    expect(again.status).toBe(201);
    expect(again.body['familyId']).toBe(first.body['familyId']);
    expect(again.body['duplicateOf']).toBe(first.body['id']);
    const familyId = String(first.body['familyId']);
    const refs = await h.query<{ ref_id: string }>(
      `SELECT ref_id FROM referrals.family_identities WHERE family_id = $1 AND ref_kind = 'linkages-referral' AND unlinked_at IS NULL ORDER BY linked_at`,
      [familyId],
    );
    expect(refs.map((r) => r.ref_id)).toEqual([first.body['id'], again.body['id']]);
    const links = await h.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM referrals.person_links l JOIN referrals.person_records a ON a.id = l.a_id JOIN referrals.person_records b ON b.id = l.b_id
        WHERE l.status = 'linked' AND a.family_ref_id = ANY($1::uuid[]) AND b.family_ref_id = ANY($1::uuid[])`,
      [[first.body['id'], again.body['id']]],
    );
    expect(links[0]?.n).toBe(2);
    // One process, one enrollment in effect: the second referral's risk factor turned information into early intervention.
    await deliver();
    const enrollment = await enrollmentOf(
      familyId,
      (e) => e.current?.strategy === 'prevention-early-intervention',
      'the deduplicated family’s enrollment',
    );
    expect(enrollment.history.map((e) => e.strategy)).toEqual(['prevention-information']);
    const current = await h.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM referrals.enrollments WHERE family_id = $1 AND ended_at IS NULL`,
      [familyId],
    );
    expect(current[0]?.n).toBe(1);
  }, 90_000);

  it('an applicant whose AU members referrals already holds ends up on the AU’s shared family', async () => {
    const people = household();
    const auId = randomUUID();
    const caseNumber = `CW-PV-${letters(8)}`;
    const recordedAt = new Date().toISOString();
    const published = [
      await h.publish(
        memberMatchKeysEvent,
        {
          memberId: randomUUID(),
          auId,
          familyId: auId,
          caseNumber,
          role: 'applicant',
          aided: false,
          ageBand: '20-plus',
          keys: h.matchKeys.forPerson(people.parent),
          withdrawn: false,
          recordedAt,
        },
        SC,
        'calworks',
      ),
      await h.publish(
        memberMatchKeysEvent,
        {
          memberId: randomUUID(),
          auId,
          familyId: auId,
          caseNumber,
          role: 'child',
          aided: false,
          ageBand: 'child',
          keys: h.matchKeys.forPerson(people.child),
          withdrawn: false,
          recordedAt,
        },
        SC,
        'calworks',
      ),
    ];
    for (const e of published) await h.processed(e.id);
    const [au] = await h.query<{ family_id: string }>(
      `SELECT family_id FROM referrals.family_identities WHERE ref_kind = 'au' AND ref_id = $1 AND unlinked_at IS NULL`,
      [auId],
    );
    expect(au).toBeDefined();

    const r = await h.post(
      '/prevention-referrals',
      { members: [people.parent, people.child], auId, riskFactors: ['substance-use'] },
      'calworks-worker',
    );
    expect(r.status).toBe(201);
    expect(r.body['familyId']).toBe(au!.family_id);
    expect(r.body['auId']).toBe(auId);
    // The referral's own minted family was merged into the AU's (the older survives).
    const merged = await h.query<{ status: string; merged_into: string | null }>(
      `SELECT f.status, f.merged_into FROM referrals.linkages_families f WHERE f.id <> $1 AND f.id IN
         (SELECT family_id FROM referrals.family_identities WHERE ref_kind = 'linkages-referral' AND ref_id = $2)`,
      [au!.family_id, r.body['id']],
    );
    expect(merged).toEqual([{ status: 'merged', merged_into: au!.family_id }]);
    const event = (await h.events(au!.family_id)).find(([type]) => type === 'prevention-referred');
    expect(event?.[1]).toMatchObject({ referralId: r.body['id'], familyId: au!.family_id, auId });

    await deliver();
    const enrollment = await enrollmentOf(au!.family_id, (e) => e.current !== null, 'the AU family’s enrollment');
    expect(enrollment.current?.strategy).toBe('prevention-early-intervention');
  }, 90_000);

  it('a liaison’s special-population facts move the enrollment to Special Populations (202, Location to the enrollment)', async () => {
    const before = await enrollmentOf(firstFamilyId, (e) => e.current !== null, 'the first family’s enrollment');
    const key = randomUUID();
    const facts = { homeless: true, parentAgeBands: ['under-20', '20-plus'], reason: 'The family has been in a shelter since November' };
    const r = await h.post(`/shared-families/${firstFamilyId}/special-population-facts`, facts, 'liaison', key);
    expect(r.status).toBe(202);
    expect(r.headers.get('location')).toBe(`/shared-families/${firstFamilyId}/enrollment`);
    // The same request again (same Idempotency-Key) answers the same, Location included, and records nothing twice.
    const replay = await h.post(`/shared-families/${firstFamilyId}/special-population-facts`, facts, 'liaison', key);
    expect({
      status: replay.status,
      location: replay.headers.get('location'),
      replayed: replay.headers.get('idempotent-replayed'),
    }).toEqual({
      status: 202,
      location: `/shared-families/${firstFamilyId}/enrollment`,
      replayed: 'true',
    });
    expect(replay.body).toEqual(r.body);
    expect(r.body).toMatchObject({
      familyId: firstFamilyId,
      status: 'accepted',
      enrollment: `/shared-families/${firstFamilyId}/enrollment`,
    });
    const events = (await h.events(firstFamilyId)).filter(([type]) => type === 'special-population-facts-recorded');
    expect(events).toHaveLength(1);
    expect(events[0]?.[1]).toMatchObject({
      familyId: firstFamilyId,
      refKind: 'linkages-referral',
      homeless: true,
      parentAgeBands: ['under-20', '20-plus'],
    });
    // The reason is audited, never published.
    expect(JSON.stringify(events)).not.toContain('shelter');
    const audit = await h.query<{ details: { reason: string } }>(
      `SELECT details FROM referrals.audit_log WHERE record_id = $1 AND purpose = 'record special-population facts' AND outcome = 'allowed'`,
      [firstFamilyId],
    );
    expect(audit.map((a) => a.details.reason)).toEqual(['The family has been in a shelter since November']);

    await deliver();
    const after = await enrollmentOf(
      firstFamilyId,
      (e) => (e.current?.tracks ?? []).includes('special-populations'),
      'the special-populations track',
    );
    expect(after.current).toMatchObject({
      strategy: 'prevention-early-intervention',
      tracks: ['special-populations'],
      reasons: expect.arrayContaining(['homeless', 'teen-parent', 'risk-factors-identified']),
    });
    expect(after.history).toEqual([
      expect.objectContaining({ enrollmentId: before.current?.enrollmentId, supersededBy: after.current?.enrollmentId }),
    ]);
  }, 90_000);

  it('bad input gets a problem+json and writes nothing: an unknown risk factor, no fact, another county’s family or AU', async () => {
    const people = household();
    // Another county's family (referred in Los Angeles) and AU (its members' keys published there).
    const la = await h.post('/prevention-referrals', { members: [household().parent], riskFactors: [] }, 'la-calworks-worker');
    expect(la.status).toBe(201);
    const laAuId = randomUUID();
    const keysEvent = await h.publish(
      memberMatchKeysEvent,
      {
        memberId: randomUUID(),
        auId: laAuId,
        familyId: laAuId,
        caseNumber: `CW-LA-${letters(8)}`,
        role: 'applicant',
        aided: true,
        ageBand: '20-plus',
        keys: h.matchKeys.forPerson(household().parent),
        withdrawn: false,
        recordedAt: new Date().toISOString(),
      },
      LA,
      'calworks',
    );
    await h.processed(keysEvent.id);
    await h.relay();
    const before = await counts();

    const problem = (r: { status: number; headers: Headers; body: Record<string, unknown> }, status: number, type: string) => {
      expect({ status: r.status, contentType: r.headers.get('content-type') }).toEqual({
        status,
        contentType: expect.stringContaining('application/problem+json'),
      });
      expect(String(r.body['type'])).toMatch(new RegExp(`/${type}$`));
    };
    const unknownRisk = await h.post(
      '/prevention-referrals',
      { members: [people.parent], riskFactors: ['housing-instability', 'bad-luck'] },
      'calworks-worker',
    );
    problem(unknownRisk, 400, 'validation');
    expect(unknownRisk.text).toContain('riskFactors');
    problem(
      await h.post('/prevention-referrals', { members: [people.parent], riskFactors: ['other', 'other'] }, 'calworks-worker'),
      400,
      'validation',
    );
    problem(await h.post('/prevention-referrals', { members: [], riskFactors: [] }, 'calworks-worker'), 400, 'validation');
    const otherCountyAu = await h.post(
      '/prevention-referrals',
      { members: [people.parent], auId: laAuId, riskFactors: [] },
      'calworks-worker',
    );
    problem(otherCountyAu, 404, 'not-found');
    // Only CalWORKs staff and liaisons refer for prevention.
    expect((await h.post('/prevention-referrals', { members: [people.parent] }, 'cws-worker')).status).toBe(403);

    const noFact = await h.post(`/shared-families/${firstFamilyId}/special-population-facts`, { reason: 'Nothing to say' }, 'liaison');
    problem(noFact, 400, 'validation');
    expect(noFact.text).toContain('at least one fact');
    problem(await h.post(`/shared-families/${firstFamilyId}/special-population-facts`, { homeless: true }, 'liaison'), 400, 'validation');
    problem(
      await h.post(`/shared-families/${firstFamilyId}/special-population-facts`, { homeless: 'yes', reason: 'Shelter' }, 'liaison'),
      400,
      'validation',
    );
    const laFamily = String(la.body['familyId']);
    problem(
      await h.post(`/shared-families/${laFamily}/special-population-facts`, { homeless: true, reason: 'Shelter' }, 'liaison'),
      404,
      'not-found',
    );
    problem(
      await h.post(`/shared-families/${randomUUID()}/special-population-facts`, { homeless: true, reason: 'Shelter' }, 'liaison'),
      404,
      'not-found',
    );
    // The calworks worker may not record facts (linkages.enrollment.write is the liaison's and the supervisors').
    expect(
      (await h.post(`/shared-families/${firstFamilyId}/special-population-facts`, { homeless: true, reason: 'Shelter' }, 'calworks-worker'))
        .status,
    ).toBe(403);

    expect(await counts()).toEqual(before);
    const denied = await h.query<{ record_id: string }>(
      `SELECT record_id FROM referrals.audit_log WHERE outcome = 'denied' AND record_id = ANY($1::text[])`,
      [[laFamily, laAuId]],
    );
    expect(denied.map((d) => d.record_id).sort()).toEqual([laAuId, laFamily].sort());
  }, 90_000);
});
