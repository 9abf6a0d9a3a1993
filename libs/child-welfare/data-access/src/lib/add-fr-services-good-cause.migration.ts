import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Good-cause grants continuing a case's FR services past six months (RULES.md 4, "Services beyond 6 months"). */
export class AddFrServicesGoodCause1769200000000 implements MigrationInterface {
  name = 'AddFrServicesGoodCause1769200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE child_welfare.fr_services_good_causes (
        id uuid PRIMARY KEY,
        county_code text NOT NULL,
        case_id uuid NOT NULL REFERENCES child_welfare.cases (id),
        family_id uuid NOT NULL REFERENCES child_welfare.families (id),
        granted_on date NOT NULL,
        continues_through date NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        CHECK (continues_through > granted_on)
      )`);
    await q.query(`CREATE INDEX fr_services_good_causes_case ON child_welfare.fr_services_good_causes (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE child_welfare.fr_services_good_causes`);
  }
}
