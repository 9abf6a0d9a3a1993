import { schemaMigration } from '@linkages/platform-persistence';

/**
 * Matching that scales to crowds (issue 13, Deliver 1): the indexes the pipeline's set-based lookups need, and the
 * exact SSN key as its own token kind (it always blocks, unlike the capped fuzzy blocks; existing records get theirs
 * from their keys). No column changes: the tables and entities stay as CreateLinkagesIdentityTables made them.
 */
export const createLinkagesMatchingIndexesMigration = (schema: string) =>
  schemaMigration('AddLinkagesMatchingIndexes1772400000000', schema, {
    up: (s) => [
      // Candidates and block sizes by (county, kind, token); the record id makes them index-only.
      `CREATE INDEX match_tokens_block ON ${s}.match_tokens (county_code, kind, token, person_record_id)`,
      `INSERT INTO ${s}.match_tokens (person_record_id, kind, token, county_code)
         SELECT id, 'ssn', keys->>'ssn', county_code FROM ${s}.person_records
          WHERE withdrawn_at IS NULL AND coalesce(keys->>'ssn', '') <> ''
         ON CONFLICT DO NOTHING`,
      // A record's reviews (open, rejected) by either side (links have theirs), and the paged queue.
      `CREATE INDEX match_reviews_a ON ${s}.match_reviews (a_id, status)`,
      `CREATE INDEX match_reviews_b ON ${s}.match_reviews (b_id, status)`,
      `CREATE INDEX match_reviews_queue ON ${s}.match_reviews (county_code, status, opened_at, id)`,
    ],
    down: (s) => [
      `DROP INDEX ${s}.match_reviews_queue`,
      `DROP INDEX ${s}.match_reviews_b`,
      `DROP INDEX ${s}.match_reviews_a`,
      `DELETE FROM ${s}.match_tokens WHERE kind = 'ssn'`,
      `DROP INDEX ${s}.match_tokens_block`,
    ],
  });

/** The migration as the referrals service runs it (apps/referrals/src/persistence.ts), after the identity tables. */
export const AddLinkagesMatchingIndexes1772400000000 = createLinkagesMatchingIndexesMigration('referrals');
