import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a case plan recommends CalWORKs FR cash aid and child care (AB 135) and WTW / supportive services (AB 429):
 * null when the plan does not say (plans filed before these columns existed).
 */
export class AddCasePlanFrRecommendations1769100000000 implements MigrationInterface {
  name = 'AddCasePlanFrRecommendations1769100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE child_welfare.case_plans ADD COLUMN recommends_cash_aid boolean, ADD COLUMN recommends_ab429_services boolean`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE child_welfare.case_plans DROP COLUMN recommends_cash_aid, DROP COLUMN recommends_ab429_services`);
  }
}
