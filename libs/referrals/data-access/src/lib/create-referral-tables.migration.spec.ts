import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { CreateReferralTables1767000000000 } from './create-referral-tables.migration';

describe('CreateReferralTables1767000000000', () => {
  // An applied migration never changes: databases migrated before and after must end up alike. The member table's
  // columns and indexes come from the shared person DDL (platform-persistence), so a change there must not reach
  // this migration's text unnoticed. The hash is of the SQL as the migration first shipped.
  it('runs the SQL it shipped with, byte for byte', async () => {
    const sql: string[] = [];
    const runner = { query: (text: string) => Promise.resolve(void sql.push(text)) } as unknown as QueryRunner;
    await new CreateReferralTables1767000000000().up(runner);
    await new CreateReferralTables1767000000000().down(runner);
    expect(sql).toHaveLength(11);
    expect(sql.find((s) => s.includes('CREATE TABLE referrals.referral_members'))).toContain(
      "dob_encrypted text NOT NULL CHECK (dob_encrypted LIKE 'f1.%'),\n        dob_index text NOT NULL,",
    );
    expect(createHash('sha256').update(sql.join('\n;\n')).digest('hex')).toBe(
      '7ac0c86a3e15f2e886b6d7e9800817d7fde511c0291e16ed2a8536c52d01910e',
    );
  });
});
