import {
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  type MigrationInterface,
  type QueryRunner,
  type Relation,
} from 'typeorm';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createDataSourceOptions, type ServicePersistence } from './data-source-options';
import { migrateUp } from './migrate';
import { schemaDrift } from './schema-drift';

const schema = `it_${uniqueSuffix()}`;

/** Written the way the services write theirs: plain SQL with its own constraint names and more integrity than the entities state. */
class CreateDriftProbeTables1700000000000 implements MigrationInterface {
  name = 'CreateDriftProbeTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "${schema}".drift_parents (
      id uuid PRIMARY KEY,
      county_code text NOT NULL UNIQUE CHECK (county_code ~ '^06[0-9]{3}$'))`);
    await q.query(`CREATE TABLE "${schema}".drift_children (
      id uuid PRIMARY KEY,
      parent_id uuid NOT NULL REFERENCES "${schema}".drift_parents (id) ON DELETE CASCADE,
      position int NOT NULL CHECK (position >= 0),
      name text NOT NULL,
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (parent_id, position))`);
    await q.query(`CREATE INDEX drift_children_name ON "${schema}".drift_children (name)`);
    await q.query(`CREATE INDEX drift_children_created ON "${schema}".drift_children (created_at)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schema}".drift_children, "${schema}".drift_parents`);
  }
}

class AddDriftParentNote1700000000001 implements MigrationInterface {
  name = 'AddDriftParentNote1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schema}".drift_parents ADD COLUMN note text`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schema}".drift_parents DROP COLUMN note`);
  }
}

@Entity({ name: 'drift_parents' })
class DriftParent {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
}

/** What every variant below shares; each variant is the table as one entity might map it. */
@Index(['name'])
abstract class DriftChildColumns {
  @PrimaryColumn('uuid') id!: string;
  @Column('int') position!: number;
  @Column('text') name!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

@Unique(['parent', 'position'])
abstract class DriftChildBase extends DriftChildColumns {
  @ManyToOne(() => DriftParent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<DriftParent>;
}

@Entity({ name: 'drift_children' })
class DriftChild extends DriftChildBase {
  @Column('text', { nullable: true }) note!: string | null;
}

@Entity({ name: 'drift_children' })
class DriftChildWithExtra extends DriftChildBase {
  @Column('text', { nullable: true }) note!: string | null;
  @Column('text') extra!: string;
}

@Entity({ name: 'drift_children' })
class DriftChildWithoutNote extends DriftChildBase {}

@Entity({ name: 'drift_children' })
class DriftChildNoteRequired extends DriftChildBase {
  @Column('text') note!: string;
}

@Entity({ name: 'drift_children' })
@Index('drift_children_note', ['note'])
class DriftChildNoteIndexed extends DriftChildBase {
  @Column('text', { nullable: true }) note!: string | null;
}

@Entity({ name: 'drift_children' })
@Unique(['note'])
class DriftChildNoteUnique extends DriftChildBase {
  @Column('text', { nullable: true }) note!: string | null;
}

@Entity({ name: 'drift_children' })
@Unique(['parent', 'position'])
class DriftChildParentRestrict extends DriftChildColumns {
  @ManyToOne(() => DriftParent, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<DriftParent>;
  @Column('text', { nullable: true }) note!: string | null;
}

describe('schemaDrift: entities against the schema their migrations made (real server)', () => {
  const persistence = (
    entities: ServicePersistence['entities'],
    migrations: ServicePersistence['migrations'] = [CreateDriftProbeTables1700000000000],
  ) => createDataSourceOptions(stackEnv().DATABASE_URL, { schema, entities, migrations }, 'drift-spec');
  const driftOf = async (child: new () => object) => (await schemaDrift(persistence([DriftParent, child]))).statements;

  beforeAll(async () => {
    expect((await migrateUp(persistence([DriftParent, DriftChild]))).applied).toEqual(['CreateDriftProbeTables1700000000000']);
  });

  afterAll(async () => {
    const dataSource = await new DataSource(persistence([])).initialize();
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('finds none when the entities map what the migrations made (their own names and CHECKs, an index of their own)', async () => {
    await expect(schemaDrift(persistence([DriftParent, DriftChild]))).resolves.toEqual({
      schema,
      tables: ['drift_parents', 'drift_children'],
      pending: [],
      statements: [],
    });
  });

  it('reports a column an entity maps that no migration creates', async () => {
    expect(await driftOf(DriftChildWithExtra)).toEqual([
      expect.stringMatching(/^ALTER TABLE "it_\w+"\."drift_children" ADD "extra" text NOT NULL$/),
    ]);
  });

  it('reports a column a migration creates that no entity maps', async () => {
    expect(await driftOf(DriftChildWithoutNote)).toEqual([
      expect.stringMatching(/^ALTER TABLE "it_\w+"\."drift_children" DROP COLUMN "note"$/),
    ]);
  });

  it('reports a column whose nullability differs', async () => {
    expect(await driftOf(DriftChildNoteRequired)).toEqual([
      expect.stringMatching(/^ALTER TABLE "it_\w+"\."drift_children" ALTER COLUMN "note" SET NOT NULL$/),
    ]);
  });

  it('reports an index, a unique constraint or a foreign-key rule an entity declares and the migrations lack', async () => {
    expect(await driftOf(DriftChildNoteIndexed)).toEqual([
      expect.stringMatching(/^CREATE INDEX "drift_children_note" ON "it_\w+"\."drift_children"\s+\("note"\)$/),
    ]);
    expect(await driftOf(DriftChildNoteUnique)).toEqual([
      expect.stringMatching(/^ALTER TABLE "it_\w+"\."drift_children" ADD CONSTRAINT "UQ_\w+" UNIQUE \("note"\)$/),
    ]);
    const restrict = await driftOf(DriftChildParentRestrict);
    expect(restrict).toHaveLength(2);
    expect(restrict[0]).toMatch(/DROP CONSTRAINT "FK_\w+"$/);
    expect(restrict[1]).toMatch(/FOREIGN KEY \("parent_id"\) REFERENCES "it_\w+"\."drift_parents"\("id"\) ON DELETE RESTRICT/);
  });

  it('names the migrations not applied yet', async () => {
    const drift = await schemaDrift(
      persistence([DriftParent, DriftChild], [CreateDriftProbeTables1700000000000, AddDriftParentNote1700000000001]),
    );
    expect(drift.pending).toEqual(['AddDriftParentNote1700000000001']);
  });
});
