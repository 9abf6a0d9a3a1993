import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { MatchKeys, ageBandOf, type MatchPerson } from '@linkages/platform-crypto';
import { OutboxWriter, createMessagingMigration, type HandlerRegistration } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createEvent, memberMatchKeysEvent, personMatchKeysEvent, type CloudEvent } from '@linkages/shared-contracts';
import { FamilyResolver, IdentityRepository, createLinkagesIdentityMigration, identityEntities } from '@linkages/referrals-data-access';
import { DecideMatchReviewCommand } from './decide-match-review.command';
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
      migrations: [createMessagingMigration(schema), createAuditMigration(schema), createLinkagesIdentityMigration(schema)],
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

  it('proposes the AU members a removal of the linked child concerns', async () => {
    const proposals = await ds.transaction((tx) =>
      pipeline.proposeRemovalMembers(tx, county, {
        removalId: randomUUID(),
        childId: cwsChildId,
        removedAt: '2026-12-01T18:00:00.000Z',
        correlationId: 'it',
      }),
    );
    expect(proposals).toEqual([{ auId: au, proposedMemberIds: [auChildId], linkIds: [expect.any(String)] }]);
    expect(await outboxTypes()).toContain('removal-members-proposed');
  });

  it('an uncertain pair goes to the review queue; the liaison links it (audited, decided once)', async () => {
    const father = { firstName: 'Roberto', lastName: 'Ramirez', dateOfBirth: '1989-10-02' };
    await deliver(cwsPerson(cwsFamily, father));
    // CalWORKs has him with a DOB digit typo and no SSN either side: not enough to link automatically.
    const otherAu = randomUUID();
    await deliver(auMember(otherAu, { ...father, dateOfBirth: '1989-10-12' }));
    const queue = await use.list.execute({ principal: liaison, correlationId: 'it' });
    const review = queue.find((r) => r.a.familyRefId === otherAu || r.b.familyRefId === otherAu);
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
    const duplicate = queue.find((r) => r.kind === 'duplicate');
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
    for (const text of [...answers, ...outbox, ...audit]) {
      for (const token of tokens) expect(text).not.toContain(token);
    }
  });
});
