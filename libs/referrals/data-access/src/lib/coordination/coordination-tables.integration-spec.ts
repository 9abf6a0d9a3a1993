import { migratedSchema } from '@linkages/platform-persistence-testing';
import { coordinationEntities } from './coordination.entities';
import { CoordinationRepository } from './coordination.repository';
import { createLinkagesCoordinationMigration } from './create-linkages-coordination-tables.migration';

// The coordination tables on the real PostgreSQL: the migration makes what the entities map; a step is applied once;
// an enrollment is superseded (one current per family) and ended.
describe('Linkages coordination tables (PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-linkages-coordination',
    entities: coordinationEntities,
    migrations: (schema) => [createLinkagesCoordinationMigration(schema)],
  });
  const repo = new CoordinationRepository();
  const uuid = () => globalThis.crypto.randomUUID();

  it('the migration makes what the entities map (no drift)', () => db.expectNoDrift());

  it('a step id is claimed once; an enrollment is superseded, then ended; one current enrollment per family', async () => {
    const ds = db.ds;
    const familyId = uuid();
    const stepId = uuid();
    expect(await ds.transaction((tx) => repo.claimStep(tx, stepId, familyId, 'fact:referral-accepted'))).toBe(true);
    expect(await ds.transaction((tx) => repo.claimStep(tx, stepId, familyId, 'fact:referral-accepted'))).toBe(false);
    const er = uuid();
    const fr = uuid();
    const row = (enrollmentId: string, strategy: 'intervention-er' | 'intervention-fr', caseStage: 'er' | 'fr', startedAt: string) => ({
      enrollmentId,
      strategy,
      tracks: [],
      reasons: ['calworks-aided' as const],
      caseStage,
      liaisonSubject: null,
      startedAt,
    });
    await ds.transaction((tx) =>
      repo.writeEnrollment(tx, familyId, '06085', { op: 'start', row: row(er, 'intervention-er', 'er', '2027-12-01T10:00:00Z') }),
    );
    await ds.transaction((tx) =>
      repo.writeEnrollment(tx, familyId, '06085', {
        op: 'supersede',
        previousId: er,
        row: row(fr, 'intervention-fr', 'fr', '2027-12-10T10:00:00Z'),
      }),
    );
    // A second current enrollment is impossible.
    await expect(
      ds.transaction((tx) =>
        repo.writeEnrollment(tx, familyId, '06085', { op: 'start', row: row(uuid(), 'intervention-er', 'er', '2027-12-11T10:00:00Z') }),
      ),
    ).rejects.toThrow(/enrollments_current/);
    const rows = await repo.enrollmentsOf(ds.manager, familyId);
    expect(rows.map((r) => [r.strategy, r.endedAt !== null, r.supersededBy])).toEqual([
      ['intervention-fr', false, null],
      ['intervention-er', true, fr],
    ]);
    await ds.transaction((tx) =>
      repo.writeEnrollment(tx, familyId, '06085', { op: 'end', enrollmentId: fr, endedAt: '2028-06-01T10:00:00Z' }),
    );
    expect((await repo.enrollmentsOf(ds.manager, familyId)).every((r) => r.endedAt !== null)).toBe(true);
  });

  it('the migration reverts', async () => {
    await db.revert();
    expect((await db.tables()).filter((t) => t !== 'typeorm_migrations')).toEqual([]);
  });
});
