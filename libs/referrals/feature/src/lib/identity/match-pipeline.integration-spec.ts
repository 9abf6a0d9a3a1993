import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { MatchKeys, ageBandOf, type MatchPerson } from '@linkages/platform-crypto';
import { OutboxWriter, createMessagingMigration, type HandlerRegistration } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createEvent, memberMatchKeysEvent, personMatchKeysEvent, type CloudEvent } from '@linkages/shared-contracts';
import {
  FamilyResolver,
  IdentityRepository,
  createLinkagesIdentityMigration,
  createLinkagesMatchingIndexesMigration,
  identityEntities,
} from '@linkages/referrals-data-access';
import { defaultMatchSettings } from '@linkages/referrals-domain';
import { DecideMatchReviewCommand } from './decide-match-review.command';
import { reviewCursor } from './identity.schemas';
import { FamilyLinker } from './family-linker';
import { IdentityAudit } from './identity-audit';
import { ListMatchReviewsQuery } from './list-match-reviews.query';
import { identityEventHandlers } from './match-keys.handlers';
import { MatchPipeline } from './match-pipeline';
import { ReadSharedFamilyQuery } from './read-shared-family.query';
import { UnlinkPersonCommand } from './unlink-person.command';

// The matching pipeline on the real PostgreSQL (a throwaway schema): match-key events through the handlers in one
// transaction each (as the inbox runs them), the outbox and the audit log of the schema, and the liaison's use cases.
describe('Linkages matching pipeline (PostgreSQL)', () => {
  const schema = `it_match_${uniqueSuffix()}`;
  const county = '06085';
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    {
      schema,
      entities: identityEntities,
      migrations: [
        createMessagingMigration(schema),
        createAuditMigration(schema),
        createLinkagesIdentityMigration(schema),
        createLinkagesMatchingIndexesMigration(schema),
      ],
    },
    'it-linkages-matching',
  );
  const keys = new MatchKeys(Buffer.alloc(32, 3));
  const liaison: Principal = { subject: 'liaison-1', roles: ['linkages.liaison'], agency: 'calworks', county };
  const other: Principal = { ...liaison, subject: 'liaison-2', county: '06001' };
  let ds: DataSource;
  let handlers: HandlerRegistration[];
  let pipeline: MatchPipeline;
  let resolver: FamilyResolver;
  let use: {
    list: ListMatchReviewsQuery;
    decide: DecideMatchReviewCommand;
    unlink: UnlinkPersonCommand;
    read: ReadSharedFamilyQuery;
  };

  beforeAll(async () => {
    await migrateUp(options);
    ds = await new DataSource(options).initialize();
    const identity = new IdentityRepository();
    resolver = new FamilyResolver();
    const outbox = new OutboxWriter(schema, 'referrals');
    const audit = new AuditLog(ds, schema);
    const linker = new FamilyLinker(identity, resolver, outbox, audit);
    pipeline = new MatchPipeline(identity, resolver, linker, outbox, audit);
    handlers = identityEventHandlers(identity, resolver, pipeline);
    const identityAudit = new IdentityAudit(audit);
    use = {
      list: new ListMatchReviewsQuery(ds, identity, identityAudit),
      decide: new DecideMatchReviewCommand(ds, identity, resolver, linker, pipeline, identityAudit, audit),
      unlink: new UnlinkPersonCommand(ds, identity, resolver, linker, identityAudit, audit),
      read: new ReadSharedFamilyQuery(ds, identity, identityAudit),
    };
  }, 60_000);
  afterAll(async () => {
    await ds?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await ds?.destroy();
  });

  const deliver = async (event: CloudEvent<Record<string, unknown>>) => {
    const handler = handlers.find((h) => h.event.type === event.type);
    await ds.transaction((tx) => handler!.handle(event, tx));
  };
  const cwsPerson = (
    familyId: string,
    p: MatchPerson & { dateOfBirth: string },
    role: 'parent' | 'child' = 'parent',
    personId = randomUUID(),
  ) =>
    createEvent(
      personMatchKeysEvent,
      {
        personId,
        familyId,
        role,
        ageBand: ageBandOf(p.dateOfBirth, '2026-12-01'),
        keys: keys.forPerson(p),
        withdrawn: false,
        recordedAt: '2026-12-01T17:00:00.000Z',
      },
      { service: 'child-welfare', countyCode: county, correlationId: 'it-match' },
    );
  const auMember = (auId: string, p: MatchPerson & { dateOfBirth: string }, role: 'parent' | 'child' = 'parent', memberId = randomUUID()) =>
    createEvent(
      memberMatchKeysEvent,
      {
        memberId,
        auId,
        familyId: auId,
        caseNumber: 'CW-2026-004512',
        role,
        aided: true,
        ageBand: ageBandOf(p.dateOfBirth, '2026-12-01'),
        keys: keys.forPerson(p),
        withdrawn: false,
        recordedAt: '2026-12-01T17:05:00.000Z',
      },
      { service: 'calworks', countyCode: county, correlationId: 'it-match' },
    );
  const outboxTypes = async () =>
    ((await ds.query(`SELECT event_type FROM "${schema}".outbox ORDER BY seq`)) as { event_type: string }[]).map(
      (r) => r.event_type.split('.')[4],
    );
  const tokenStrings = async () => {
    const rows = (await ds.query(`SELECT keys FROM "${schema}".person_records`)) as { keys: Record<string, unknown> }[];
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    rows.forEach((r) => walk(r.keys));
    return out.filter((t) => t.length >= 16);
  };

  const mother = { firstName: 'Guadalupe', lastName: 'Ramirez', dateOfBirth: '1991-03-08', ssn: '523-45-6789' };
  const child = { firstName: 'Sofia', lastName: 'Ramirez', dateOfBirth: '2019-06-15' };
  const cwsFamily = randomUUID();
  const au = randomUUID();
  const cwsChildId = randomUUID();
  const auChildId = randomUUID();

  it('the same mother in both agencies (nickname, SSN) links automatically and the CWS family and the AU become one shared family', async () => {
    await deliver(cwsPerson(cwsFamily, mother));
    await deliver(cwsPerson(cwsFamily, child, 'child', cwsChildId));
    await deliver(auMember(au, { ...mother, firstName: 'Lupe' }));
    await deliver(auMember(au, { ...child, dateOfBirth: '2019-06-15' }, 'child', auChildId));
    const familyId = await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'cws-family', id: cwsFamily }));
    expect(familyId).toBeDefined();
    expect(await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'au', id: au }))).toBe(familyId);
    expect(await outboxTypes()).toContain('family-linked');
    const family = await use.read.execute({ principal: liaison, correlationId: 'it' }, familyId!);
    expect(family.identities.map((i) => i.refKind).sort()).toEqual(['au', 'cws-family']);
    expect(family.links).toHaveLength(2);
    expect(family.links.every((l) => l.decidedBy === 'auto' && l.evidence.levels.dob === 'exact')).toBe(true);
    // Another county's caller does not see it.
    await expect(use.read.execute({ principal: other, correlationId: 'it' }, familyId!)).rejects.toMatchObject({ status: 404 });
  });

  it('the same person from both agencies at the same instant (two inbox transactions at once) is still linked', async () => {
    for (let round = 0; round < 5; round++) {
      const cws = randomUUID();
      const unit = randomUUID();
      const person = {
        firstName: 'Rosa',
        lastName: `Delgado${round}x`,
        dateOfBirth: `198${round}-05-17`,
        ssn: `48${round}-31-770${round}`,
      };
      await Promise.all([deliver(cwsPerson(cws, person)), deliver(auMember(unit, person))]);
      const [a, b] = await Promise.all([
        ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'cws-family', id: cws })),
        ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'au', id: unit })),
      ]);
      expect({ round, same: a === b }).toEqual({ round, same: true });
    }
  });

  it('proposes the AU members a removal of the linked child concerns', async () => {
    const proposals = await ds.transaction((tx) =>
      pipeline.proposeRemovalMembers(tx, county, {
        removalId: randomUUID(),
        childId: cwsChildId,
        removedAt: '2026-12-01T18:00:00.000Z',
        caseId: randomUUID(),
        cwsFamilyId: cwsFamily,
        allChildrenRemoved: true,
        knownToCalworks: true,
        correlationId: 'it',
      }),
    );
    expect(proposals).toEqual([{ auId: au, proposedMemberIds: [auChildId], linkIds: [expect.any(String)] }]);
    expect(await outboxTypes()).toContain('removal-members-proposed');
    // Child welfare named the case number: CalWORKs holds the removal already, so the proposal carries none of it.
    const [proposed] = (await ds.query(`SELECT value FROM "${schema}".outbox WHERE event_type LIKE '%removal-members-proposed%'`)) as {
      value: string;
    }[];
    expect(JSON.parse(proposed!.value)).not.toHaveProperty('removal');
  });

  it('a removal child welfare reported before the child was linked gets its proposal, with the removal, when the link is made', async () => {
    const family2 = randomUUID();
    const au2 = randomUUID();
    const child2 = randomUUID();
    const auChild2 = randomUUID();
    const removalId = randomUUID();
    const caseId = randomUUID();
    const boy = { firstName: 'Mateo', lastName: 'Quintana', dateOfBirth: '2018-09-21', ssn: '611-22-4455' };
    // The removal reached referrals first (the coordination handler keeps its fact on the family's timeline).
    await ds.transaction(async (tx) => {
      const { familyId } = await resolver.resolve(tx, county, { kind: 'cws-family', id: family2 });
      await resolver.appendTimeline(tx, familyId, {
        eventId: randomUUID(),
        eventType: 'gov.ca.linkages.cws.child-removed.v1',
        agency: 'cws',
        occurredAt: '2026-12-01T16:00:00.000Z',
        subject: `removal/${removalId}`,
        entry: {
          kind: 'child-removed',
          label: 'Child removed',
          coordination: {
            fact: {
              kind: 'child-removed',
              removalId,
              caseId,
              removedAt: '2026-12-01T16:00:00.000Z',
              knownToCalworks: false,
              childId: child2,
              allChildrenRemoved: true,
            },
            starts: false,
          },
        },
      });
    });
    const proposed = async () =>
      ((await ds.query(`SELECT value FROM "${schema}".outbox WHERE event_type LIKE '%removal-members-proposed%'`)) as { value: string }[])
        .map(
          (r) => JSON.parse(r.value) as { removalId: string; auId: string; proposedMemberIds: string[]; removal?: Record<string, unknown> },
        )
        .filter((v) => v.removalId === removalId);
    await deliver(cwsPerson(family2, boy, 'child', child2));
    expect(await proposed()).toEqual([]);
    // CalWORKs' record of the same boy (SSN): linked, and the earlier removal is proposed to his AU, with the removal.
    await deliver(auMember(au2, boy, 'child', auChild2));
    expect(await proposed()).toEqual([
      expect.objectContaining({
        auId: au2,
        proposedMemberIds: [auChild2],
        removal: { cwsFamilyId: family2, caseId, childId: child2, removedAt: '2026-12-01T16:00:00.000Z', allChildrenRemoved: true },
      }),
    ]);
  });

  it('an uncertain pair goes to the review queue; the liaison links it (audited, decided once)', async () => {
    const father = { firstName: 'Roberto', lastName: 'Ramirez', dateOfBirth: '1989-10-02' };
    await deliver(cwsPerson(cwsFamily, father));
    // CalWORKs has him with a DOB digit typo and no SSN either side: not enough to link automatically.
    const otherAu = randomUUID();
    await deliver(auMember(otherAu, { ...father, dateOfBirth: '1989-10-12' }));
    const queue = await use.list.execute({ principal: liaison, correlationId: 'it' });
    const review = queue.reviews.find((r) => r.a.familyRefId === otherAu || r.b.familyRefId === otherAu);
    expect(review).toBeDefined();
    expect(review!.evidence.levels.dob).toBe('two-of-three');
    const decided = await use.decide.execute({ principal: liaison, correlationId: 'it' }, review!.reviewId, {
      decision: 'link',
      reason: 'same-person',
    });
    expect(decided.status).toBe('linked');
    expect(decided.linkId).toEqual(expect.any(String));
    // An adult linked in both: the second AU joins the shared family.
    const familyId = await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'cws-family', id: cwsFamily }));
    expect(await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'au', id: otherAu }))).toBe(familyId);
    await expect(
      use.decide.execute({ principal: liaison, correlationId: 'it' }, review!.reviewId, { decision: 'reject', reason: 'not-same-person' }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      use.decide.execute({ principal: other, correlationId: 'it' }, review!.reviewId, { decision: 'reject', reason: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
    const audited = (await ds.query(`SELECT action, record_type FROM "${schema}".audit_log WHERE record_id = $1`, [review!.reviewId])) as {
      action: string;
    }[];
    expect(audited.map((a) => a.action)).toContain('update');

    // Unlink splits the family: the second AU leaves for a new shared family (family-unlinked), reversibly recorded.
    const unlinked = await use.unlink.execute({ principal: liaison, correlationId: 'it' }, decided.linkId!, { reason: 'wrong-person' });
    expect(unlinked.status).toBe('unlinked');
    expect(unlinked.endedBy).toBe('liaison-1');
    expect(unlinked.familyIds).toHaveLength(2);
    const after = await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'au', id: otherAu }));
    expect(after).not.toBe(familyId);
    expect(await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'au', id: au }))).toBe(familyId);
    expect(await outboxTypes()).toContain('family-unlinked');
    await expect(
      use.unlink.execute({ principal: liaison, correlationId: 'it' }, decided.linkId!, { reason: 'again' }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });

  it('child welfare entering the same family twice is a duplicate warning, never a merge', async () => {
    const grandmother = { firstName: 'Dolores', lastName: 'Villanueva', dateOfBirth: '1962-01-30', ssn: '612-34-5678' };
    const firstEntry = randomUUID();
    const secondEntry = randomUUID();
    await deliver(cwsPerson(firstEntry, grandmother));
    await deliver(cwsPerson(secondEntry, { ...grandmother, firstName: 'Lola' }));
    const queue = await use.list.execute({ principal: liaison, correlationId: 'it' });
    const duplicate = queue.reviews.find((r) => r.kind === 'duplicate');
    expect(duplicate).toBeDefined();
    expect([duplicate!.a.familyRefId, duplicate!.b.familyRefId].sort()).toEqual([firstEntry, secondEntry].sort());
    expect(await outboxTypes()).toContain('duplicate-suspected');
    const first = await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'cws-family', id: firstEntry }));
    const second = await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'cws-family', id: secondEntry }));
    expect(second).not.toBe(first);
    const links = (await ds.query(`SELECT count(*)::int AS n FROM "${schema}".person_links WHERE kind = 'duplicate'`)) as { n: number }[];
    expect(links[0]!.n).toBe(0);
  });

  it('twins are not linked to each other: Daniel links to Daniel, David to nobody', async () => {
    const twinFamily = randomUUID();
    const twinAu = randomUUID();
    const [danielCws, davidCws, danielAu] = [randomUUID(), randomUUID(), randomUUID()];
    await deliver(cwsPerson(twinFamily, { firstName: 'Daniel', lastName: 'Tran', dateOfBirth: '2016-02-02' }, 'child', danielCws));
    await deliver(cwsPerson(twinFamily, { firstName: 'David', lastName: 'Tran', dateOfBirth: '2016-02-02' }, 'child', davidCws));
    await deliver(auMember(twinAu, { firstName: 'Daniel', lastName: 'Tran', dateOfBirth: '2016-02-02' }, 'child', danielAu));
    const links = (await ds.query(
      `SELECT a.ref_id AS a, b.ref_id AS b FROM "${schema}".person_links l JOIN "${schema}".person_records a ON a.id = l.a_id
         JOIN "${schema}".person_records b ON b.id = l.b_id WHERE l.status = 'linked' AND (a.family_ref_id = $1 OR b.family_ref_id = $1)`,
      [twinAu],
    )) as { a: string; b: string }[];
    expect(links.map((l) => [l.a, l.b].sort())).toEqual([[danielCws, danielAu].sort()]);
    // Children only: the CWS family and the AU stay apart until an adult (or the case number) agrees.
    const cwsShared = await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'cws-family', id: twinFamily }));
    expect(await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'au', id: twinAu }))).not.toBe(cwsShared);
  });

  describe('a crowd of look-alikes (one name and birth date across many families and both agencies)', () => {
    // 120 different people named Maria Garcia born 1988-05-20, each in her own family, alternating agencies, each
    // with her own SSN; then three women of the crowd known to both agencies (same SSN both sides) and a CWS family
    // with twins born that day. A newcomer is compared while the crowd's blocks hold at most maxBlockSize records.
    const crowdSize = 120;
    const maria = (i: number) => ({
      firstName: 'Maria',
      lastName: 'Garcia',
      dateOfBirth: '1988-05-20',
      // One in ten of the crowd (after the first ten) has no SSN in her agency's record.
      ...(i > 10 && i % 10 === 3 && i < 500
        ? {}
        : { ssn: `7${String(10 + (i % 80)).padStart(2, '0')}-${String(10 + Math.floor(i / 80)).padStart(2, '0')}-${String(1000 + i)}` }),
    });
    const crowdRefs: string[] = [];
    const real: [string, string][] = [];
    const twinFamily = randomUUID();
    const twinAu = randomUUID();
    const [luciaCws, mariaTwinCws, luciaAu] = [randomUUID(), randomUUID(), randomUUID()];
    const reviewsOpenedBy = async (refIds: readonly string[]) =>
      (await ds.query(
        `SELECT r.kind, count(*)::int AS n, max(per.n)::int AS most FROM (
           SELECT a_id, kind, count(*) AS n FROM "${schema}".match_reviews GROUP BY a_id, kind) per
         JOIN "${schema}".person_records p ON p.id = per.a_id
         JOIN LATERAL (SELECT per.kind) r ON true
        WHERE p.ref_id = ANY($1::uuid[]) GROUP BY r.kind`,
        [refIds],
      )) as { kind: string; n: number; most: number }[];
    const reviewsTouching = async (refIds: readonly string[]) =>
      (
        (await ds.query(
          `SELECT count(*)::int AS n FROM "${schema}".match_reviews r JOIN "${schema}".person_records p ON p.id = r.a_id OR p.id = r.b_id
          WHERE p.ref_id = ANY($1::uuid[])`,
          [refIds],
        )) as { n: number }[]
      )[0]!.n;

    beforeAll(async () => {
      for (let i = 0; i < crowdSize; i++) {
        const ref = randomUUID();
        crowdRefs.push(ref);
        await deliver(i % 2 === 0 ? cwsPerson(randomUUID(), maria(i), 'parent', ref) : auMember(randomUUID(), maria(i), 'parent', ref));
      }
      for (let k = 0; k < 3; k++) {
        const person = maria(500 + k);
        const [cwsRef, auRef] = [randomUUID(), randomUUID()];
        await deliver(cwsPerson(randomUUID(), person, 'parent', cwsRef));
        await deliver(auMember(randomUUID(), person, 'parent', auRef));
        real.push([cwsRef, auRef]);
      }
      await deliver(cwsPerson(twinFamily, { firstName: 'Maria', lastName: 'Garcia', dateOfBirth: '1988-05-20' }, 'parent', mariaTwinCws));
      await deliver(cwsPerson(twinFamily, { firstName: 'Lucia', lastName: 'Garcia', dateOfBirth: '1988-05-20' }, 'parent', luciaCws));
      await deliver(auMember(twinAu, { firstName: 'Lucia', lastName: 'Garcia', dateOfBirth: '1988-05-20' }, 'parent', luciaAu));
    }, 120_000);

    it('opens a bounded number of reviews: at most one duplicate warning and the cap of cross-agency reviews per record', async () => {
      const opened = await reviewsOpenedBy(crowdRefs);
      const duplicate = opened.find((o) => o.kind === 'duplicate');
      const cross = opened.find((o) => o.kind === 'cross-agency');
      // Pairwise warnings would be 60·59/2 per agency; clusters give at most one per newcomer.
      expect(duplicate?.most ?? 0).toBeLessThanOrEqual(1);
      expect(duplicate?.n ?? 0).toBeLessThanOrEqual(crowdSize - 2);
      expect(cross?.most ?? 0).toBeLessThanOrEqual(defaultMatchSettings.maxOpenReviewsPerRecord);
      expect((duplicate?.n ?? 0) + (cross?.n ?? 0)).toBeLessThanOrEqual(crowdSize * (1 + defaultMatchSettings.maxOpenReviewsPerRecord));
      expect((duplicate?.n ?? 0) + (cross?.n ?? 0)).toBeGreaterThan(0);
      // Past maxBlockSize the crowd's blocks find nobody: the last newcomers (own SSNs, no match) opened nothing at all.
      const late = crowdRefs.slice(defaultMatchSettings.maxBlockSize + 5);
      expect(late.length).toBeGreaterThan(0);
      expect(await reviewsTouching(late)).toBe(0);
    });

    it('the crowd’s duplicate warnings form one cluster around its earliest record, not pairs', async () => {
      const rows = (await ds.query(
        `SELECT b.ref_id AS b, count(*)::int AS n FROM "${schema}".match_reviews r
           JOIN "${schema}".person_records a ON a.id = r.a_id JOIN "${schema}".person_records b ON b.id = r.b_id
          WHERE r.kind = 'duplicate' AND a.ref_id = ANY($1::uuid[]) GROUP BY b.ref_id`,
        [crowdRefs],
      )) as { b: string; n: number }[];
      // Ties go to the earliest record: each agency's first crowd record is the one the others are asked about.
      expect(rows.length).toBeGreaterThan(0);
      // Each newcomer is asked about her best candidate, ties to the earliest: each agency's first crowd record, or a
      // record without SSN (no SSN conflict scores higher), never a new pair per crowd member.
      const hubs = new Set([crowdRefs[0], crowdRefs[1], ...crowdRefs.filter((_, i) => !('ssn' in maria(i)))]);
      expect(rows.every((r) => hubs.has(r.b))).toBe(true);
      expect(rows.length).toBeLessThanOrEqual(4);
      expect(rows.reduce((n, r) => n + r.n, 0)).toBeGreaterThan(crowdSize / 4);
      // The duplicate-suspected events are one per review, not one per pair.
      const events = (
        (await ds.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE event_type LIKE '%duplicate-suspected%'`)) as {
          n: number;
        }[]
      )[0]!.n;
      expect(events).toBeLessThanOrEqual(crowdSize);
    });

    it('different people of the crowd are never linked, with or without an SSN (look-alikes go to review)', async () => {
      const links = (await ds.query(
        `SELECT count(*)::int AS n FROM "${schema}".person_links l JOIN "${schema}".person_records a ON a.id = l.a_id
           JOIN "${schema}".person_records b ON b.id = l.b_id WHERE a.ref_id = ANY($1::uuid[]) OR b.ref_id = ANY($1::uuid[])`,
        [crowdRefs],
      )) as { n: number }[];
      expect(links[0]!.n).toBe(0);
      const guarded = (await ds.query(
        `SELECT count(*)::int AS n FROM "${schema}".match_reviews r JOIN "${schema}".person_records a ON a.id = r.a_id
          WHERE r.kind = 'cross-agency' AND a.ref_id = ANY($1::uuid[]) AND r.evidence->'levels'->>'ssn' = 'null'`,
        [crowdRefs],
      )) as { n: number }[];
      expect(guarded[0]!.n).toBeGreaterThan(0);
    });

    it('the real matches in the crowd are still linked (found by the SSN key, which always blocks)', async () => {
      for (const [cwsRef, auRef] of real) {
        const rows = (await ds.query(
          `SELECT l.decided_by FROM "${schema}".person_links l JOIN "${schema}".person_records a ON a.id = l.a_id
             JOIN "${schema}".person_records b ON b.id = l.b_id
            WHERE l.status = 'linked' AND ((a.ref_id = $1 AND b.ref_id = $2) OR (a.ref_id = $2 AND b.ref_id = $1))`,
          [cwsRef, auRef],
        )) as { decided_by: string }[];
        expect(rows.map((r) => r.decided_by)).toEqual(['auto']);
      }
    });

    it('an SSN many records share (a fixture, a data error) links a new record to at most two of them; the rest are questions', async () => {
      const shared = '219-09-9999';
      const cws = ['Flow', 'Matrix', 'Test', 'Demo', 'Sample'].map((firstName, i) => ({
        ref: randomUUID(),
        person: { firstName, lastName: 'Parent', dateOfBirth: `199${i}-04-0${i + 1}`, ssn: shared },
      }));
      for (const c of cws) await deliver(cwsPerson(randomUUID(), c.person, 'parent', c.ref));
      const applicant = randomUUID();
      await deliver(
        auMember(
          randomUUID(),
          { firstName: 'Matrixapplicant', lastName: 'Parent', dateOfBirth: '1990-04-02', ssn: shared },
          'parent',
          applicant,
        ),
      );
      const rows = (await ds.query(
        `SELECT (SELECT count(*)::int FROM "${schema}".person_links l WHERE (l.a_id = p.id OR l.b_id = p.id) AND l.status = 'linked') AS links,
                (SELECT count(*)::int FROM "${schema}".match_reviews r WHERE r.a_id = p.id AND r.status = 'open') AS reviews
           FROM "${schema}".person_records p WHERE p.ref_id = $1`,
        [applicant],
      )) as { links: number; reviews: number }[];
      expect(rows[0]!.links).toBeLessThanOrEqual(defaultMatchSettings.maxLinksPerRecord);
      expect(rows[0]!.links + rows[0]!.reviews).toBeGreaterThan(0);
      expect(rows[0]!.reviews).toBeLessThanOrEqual(defaultMatchSettings.maxOpenReviewsPerRecord);
    });

    it('twins born the crowd’s birthday are still not linked to each other’s records', async () => {
      const links = (await ds.query(
        `SELECT a.ref_id AS a, b.ref_id AS b FROM "${schema}".person_links l JOIN "${schema}".person_records a ON a.id = l.a_id
           JOIN "${schema}".person_records b ON b.id = l.b_id WHERE l.status = 'linked' AND (a.ref_id = ANY($1::uuid[]) OR b.ref_id = ANY($1::uuid[]))`,
        [[luciaCws, mariaTwinCws, luciaAu]],
      )) as { a: string; b: string }[];
      expect(links.map((l) => [l.a, l.b].sort())).toEqual([[luciaCws, luciaAu].sort()]);
    });

    it('the queue pages oldest first with a cursor, filtered by kind and status', async () => {
      const ctx = { principal: liaison, correlationId: 'it' };
      const seen: string[] = [];
      let after: { micros: string; id: string } | undefined;
      let pages = 0;
      for (;;) {
        const page = await use.list.execute(ctx, { limit: 7, kind: 'duplicate', ...(after ? { after } : {}) });
        expect(page.reviews.length).toBeLessThanOrEqual(7);
        expect(page.reviews.every((r) => r.kind === 'duplicate' && r.status === 'open')).toBe(true);
        seen.push(...page.reviews.map((r) => r.reviewId));
        pages++;
        if (!page.nextCursor) break;
        expect(page.reviews).toHaveLength(7);
        after = reviewCursor.decode(page.nextCursor);
        expect(after).toBeDefined();
      }
      const all = (await ds.query(
        `SELECT id FROM "${schema}".match_reviews WHERE county_code = $1 AND status = 'open' AND kind = 'duplicate' ORDER BY opened_at, id`,
        [county],
      )) as { id: string }[];
      expect(all.length).toBeGreaterThan(7);
      expect(seen).toEqual(all.map((r) => r.id));
      expect(pages).toBe(Math.ceil(all.length / 7));
      const linked = await use.list.execute(ctx, { status: 'linked' });
      expect(linked.reviews.length).toBeGreaterThan(0);
      expect(linked.reviews.every((r) => r.status === 'linked')).toBe(true);
      expect((await use.list.execute({ principal: other, correlationId: 'it' }, {})).reviews).toEqual([]);
    });

    it('a liaison’s decision on a duplicate covers the cluster (link: one cluster; reject: not any of its confirmed members)', async () => {
      const ctx = { principal: liaison, correlationId: 'it' };
      const repo = new IdentityRepository();
      const recordOf = (ref: string) => ds.transaction((tx) => repo.byRefId(tx, ref));
      const duplicatesOf = async (ref: string) =>
        (await use.list.execute(ctx, { kind: 'duplicate', limit: 100 })).reviews.filter((r) => [r.a.refId, r.b.refId].includes(ref));
      // Child welfare holds Rosa twice (same SSN): the liaison confirms it, and the two are one confirmed cluster.
      const rosa = { firstName: 'Rosa', lastName: 'Delgado', dateOfBirth: '1975-01-11', ssn: '655-12-3456' };
      const [x, y, w, z] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const [wFamily, zFamily] = [randomUUID(), randomUUID()];
      await deliver(cwsPerson(randomUUID(), rosa, 'parent', x));
      await deliver(cwsPerson(randomUUID(), rosa, 'parent', y));
      const xy = await duplicatesOf(y);
      expect(xy).toHaveLength(1);
      await use.decide.execute(ctx, xy[0]!.reviewId, { decision: 'link', reason: 'same-person' });

      // A look-alike without SSN is asked about the cluster once (its earliest member); "not her" covers the cluster:
      // published again, she is not asked about the other confirmed member.
      const noSsn = { ...rosa, ssn: undefined };
      await deliver(cwsPerson(wFamily, noSsn, 'parent', w));
      const asked = await duplicatesOf(w);
      expect(asked.map((r) => [r.a.refId, r.b.refId].sort())).toEqual([[w, x].sort()]);
      await use.decide.execute(ctx, asked[0]!.reviewId, { decision: 'reject', reason: 'not-same-person' });
      await deliver(cwsPerson(wFamily, noSsn, 'parent', w));
      expect(await duplicatesOf(w)).toEqual([]);

      // A second look-alike asked about x, with an older open question about y too: rejecting one rejects both.
      await deliver(cwsPerson(zFamily, noSsn, 'parent', z));
      const zAsked = await duplicatesOf(z);
      expect(zAsked).toHaveLength(1);
      const [zRecord, yRecord] = [await recordOf(z), await recordOf(y)];
      const extra = randomUUID();
      await ds.query(
        `INSERT INTO "${schema}".match_reviews (id, county_code, a_id, b_id, kind, probability, evidence, status, opened_at)
         SELECT $1, county_code, $2, $3, 'duplicate', probability, evidence, 'open', now() FROM "${schema}".match_reviews WHERE id = $4`,
        [extra, zRecord!.id, yRecord!.id, zAsked[0]!.reviewId],
      );
      const decided = await use.decide.execute(ctx, zAsked[0]!.reviewId, { decision: 'reject', reason: 'not-same-person' });
      expect(decided.status).toBe('rejected');
      const covered = (await ds.query(`SELECT status, reason, decided_by FROM "${schema}".match_reviews WHERE id = $1`, [
        extra,
      ])) as unknown[];
      expect(covered).toEqual([{ status: 'rejected', reason: 'not-same-person', decided_by: 'liaison-1' }]);
      const audited = (await ds.query(`SELECT details FROM "${schema}".audit_log WHERE record_id = $1 AND action = 'update'`, [
        zAsked[0]!.reviewId,
      ])) as { details: { coveredReviewIds?: string[] } }[];
      expect(audited[0]!.details.coveredReviewIds).toEqual([extra]);
    });
  });

  it('no match key appears in any answer or published event', async () => {
    const tokens = await tokenStrings();
    expect(tokens.length).toBeGreaterThan(20);
    const answers = [
      JSON.stringify(await use.list.execute({ principal: liaison, correlationId: 'it' })),
      JSON.stringify(
        await use.read.execute(
          { principal: liaison, correlationId: 'it' },
          (await ds.transaction((tx) => resolver.familyOf(tx, county, { kind: 'cws-family', id: cwsFamily })))!,
        ),
      ),
    ];
    const outbox = ((await ds.query(`SELECT value FROM "${schema}".outbox`)) as { value: string }[]).map((r) => r.value);
    const audit = ((await ds.query(`SELECT details FROM "${schema}".audit_log`)) as { details: unknown }[]).map((r) =>
      JSON.stringify(r.details),
    );
    const texts = [...answers, ...outbox, ...audit];
    expect(tokens.filter((token) => texts.some((text) => text.includes(token)))).toEqual([]);
  });
});
