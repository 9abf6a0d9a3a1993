import { Column, CreateDateColumn, DataSource, Entity, PrimaryGeneratedColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createDataSourceOptions } from './data-source-options';
import { migrateDown, migrateUp } from './migrate';

@Entity()
class StackProbe {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() countyCode!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

const schema = `it_${uniqueSuffix()}`;

class CreateStackProbe1700000000000 implements MigrationInterface {
  name = 'CreateStackProbe1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "${schema}"."stack_probe" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "county_code" text NOT NULL, "payload" jsonb NOT NULL, "created_at" timestamptz NOT NULL DEFAULT now())`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schema}"."stack_probe"`);
  }
}

describe('PostgreSQL through TypeORM (real server)', () => {
  const options = createDataSourceOptions(stackEnv().DATABASE_URL, {
    schema,
    entities: [StackProbe],
    migrations: [CreateStackProbe1700000000000],
  });
  let dataSource: DataSource;

  beforeAll(async () => {
    const report = await migrateUp(options);
    expect(report.applied).toEqual(['CreateStackProbe1700000000000']);
    dataSource = await new DataSource(options).initialize();
  });

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource?.destroy();
  });

  it('writes and reads a row in the service schema with snake_case columns', async () => {
    const repo = dataSource.getRepository(StackProbe);
    const saved = await repo.save(repo.create({ countyCode: '06085', payload: { kind: 'probe' } }));
    const loaded = await repo.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject({ countyCode: '06085', payload: { kind: 'probe' } });
    const raw = await dataSource.query(`SELECT county_code FROM "${schema}"."stack_probe" WHERE id = $1`, [saved.id]);
    expect(raw).toEqual([{ county_code: '06085' }]);
  });

  it('a second migrate is a no-op, and revert undoes the last migration', async () => {
    expect((await migrateUp(options)).applied).toEqual([]);
    await migrateDown(options);
    const tables = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'stack_probe'`,
      [schema],
    );
    expect(tables).toEqual([]);
    expect((await migrateUp(options)).applied).toEqual(['CreateStackProbe1700000000000']);
  });
});
