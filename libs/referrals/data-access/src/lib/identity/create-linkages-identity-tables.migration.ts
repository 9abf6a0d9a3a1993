import { schemaMigration } from '@linkages/platform-persistence';

const county = `county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$')`;

/**
 * The shared Linkages families and the matching that forms them (issue 13, Deliver 1): families, the agency refs mapped
 * to them, person records (match keys only), their blocking tokens, person links, the review queue, and the family
 * timeline (one order per family across both agencies). A factory over the schema, so tests run it in a throwaway one.
 */
export const createLinkagesIdentityMigration = (schema: string) =>
  schemaMigration('CreateLinkagesIdentityTables1772000000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.linkages_families (
        id uuid PRIMARY KEY,
        ${county},
        status text NOT NULL CHECK (status IN ('active', 'merged')),
        merged_into uuid REFERENCES ${s}.linkages_families (id),
        last_seq bigint NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK ((status = 'merged') = (merged_into IS NOT NULL))
      )`,
      `
      CREATE TABLE ${s}.family_identities (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL REFERENCES ${s}.linkages_families (id),
        ${county},
        ref_kind text NOT NULL CHECK (ref_kind IN ('cws-family', 'au', 'linkages-referral')),
        ref_id uuid NOT NULL,
        calworks_case_number text,
        link_id uuid,
        linked_at timestamptz NOT NULL,
        unlinked_at timestamptz
      )`,
      `CREATE UNIQUE INDEX family_identities_current ON ${s}.family_identities (ref_kind, ref_id) WHERE unlinked_at IS NULL`,
      `CREATE INDEX family_identities_family ON ${s}.family_identities (family_id)`,
      `
      CREATE TABLE ${s}.person_records (
        id uuid PRIMARY KEY,
        ${county},
        agency text NOT NULL CHECK (agency IN ('cws', 'calworks', 'linkages')),
        ref_kind text NOT NULL CHECK (ref_kind IN ('cws-person', 'au-member', 'referral-member')),
        ref_id uuid NOT NULL,
        family_ref_kind text NOT NULL CHECK (family_ref_kind IN ('cws-family', 'au', 'linkages-referral')),
        family_ref_id uuid NOT NULL,
        role text NOT NULL,
        age_band text NOT NULL CHECK (age_band IN ('child', 'under-20', '20-plus')),
        aided boolean,
        case_number text,
        keys jsonb NOT NULL,
        withdrawn_at timestamptz,
        source_event_id uuid,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE UNIQUE INDEX person_records_ref ON ${s}.person_records (ref_id)`,
      `CREATE INDEX person_records_family ON ${s}.person_records (family_ref_kind, family_ref_id)`,
      `
      CREATE TABLE ${s}.match_tokens (
        person_record_id uuid NOT NULL REFERENCES ${s}.person_records (id) ON DELETE CASCADE,
        kind text NOT NULL,
        token text NOT NULL,
        ${county},
        PRIMARY KEY (person_record_id, kind, token)
      )`,
      `CREATE INDEX match_tokens_lookup ON ${s}.match_tokens (county_code, token)`,
      `
      CREATE TABLE ${s}.person_links (
        id uuid PRIMARY KEY,
        ${county},
        a_id uuid NOT NULL REFERENCES ${s}.person_records (id),
        b_id uuid NOT NULL REFERENCES ${s}.person_records (id),
        kind text NOT NULL CHECK (kind IN ('cross-agency', 'duplicate')),
        status text NOT NULL CHECK (status IN ('linked', 'unlinked')),
        decided_by text NOT NULL,
        probability double precision NOT NULL,
        weight double precision NOT NULL,
        evidence jsonb NOT NULL,
        model_version text NOT NULL,
        created_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_by text,
        end_reason text,
        CHECK (a_id <> b_id),
        CHECK ((status = 'unlinked') = (ended_at IS NOT NULL))
      )`,
      `CREATE INDEX person_links_a ON ${s}.person_links (a_id)`,
      `CREATE INDEX person_links_b ON ${s}.person_links (b_id)`,
      `CREATE UNIQUE INDEX person_links_current ON ${s}.person_links (LEAST(a_id, b_id), GREATEST(a_id, b_id)) WHERE status = 'linked'`,
      `
      CREATE TABLE ${s}.match_reviews (
        id uuid PRIMARY KEY,
        ${county},
        a_id uuid NOT NULL REFERENCES ${s}.person_records (id),
        b_id uuid NOT NULL REFERENCES ${s}.person_records (id),
        kind text NOT NULL CHECK (kind IN ('cross-agency', 'duplicate')),
        probability double precision NOT NULL,
        evidence jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'linked', 'rejected', 'superseded')),
        opened_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        reason text,
        CHECK (a_id <> b_id)
      )`,
      `CREATE INDEX match_reviews_open ON ${s}.match_reviews (county_code, opened_at) WHERE status = 'open'`,
      `CREATE UNIQUE INDEX match_reviews_pair ON ${s}.match_reviews (a_id, b_id) WHERE status = 'open'`,
      `
      CREATE TABLE ${s}.family_timeline (
        family_id uuid NOT NULL REFERENCES ${s}.linkages_families (id),
        seq bigint NOT NULL,
        ${county},
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        agency text NOT NULL CHECK (agency IN ('cws', 'calworks', 'linkages')),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        subject text NOT NULL,
        entry jsonb NOT NULL,
        PRIMARY KEY (family_id, seq)
      )`,
      `CREATE UNIQUE INDEX family_timeline_event ON ${s}.family_timeline (event_id)`,
    ],
    down: (s) => [
      `DROP TABLE ${s}.family_timeline`,
      `DROP TABLE ${s}.match_reviews`,
      `DROP TABLE ${s}.person_links`,
      `DROP TABLE ${s}.match_tokens`,
      `DROP TABLE ${s}.person_records`,
      `DROP TABLE ${s}.family_identities`,
      `DROP TABLE ${s}.linkages_families`,
    ],
  });

/** The migration as the referrals service runs it (apps/referrals/src/persistence.ts). */
export const CreateLinkagesIdentityTables1772000000000 = createLinkagesIdentityMigration('referrals');
