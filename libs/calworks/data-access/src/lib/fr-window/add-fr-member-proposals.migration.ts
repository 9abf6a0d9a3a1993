import { schemaMigration } from '@linkages/platform-persistence';

/**
 * The AU members Linkages proposes for a removal (linkages.removal-members-proposed, issue 13 Deliver 1), kept on the
 * eligibility worker's member confirmation beside what the worker confirms: only a proposal, never applied by itself.
 * Null until Linkages proposes.
 */
export const createFrMemberProposalsMigration = (schema: string) =>
  schemaMigration('AddFrMemberProposals1771200000000', schema, {
    up: (s) => [
      `ALTER TABLE ${s}.fr_member_confirmations
        ADD COLUMN proposed_member_ids uuid[],
        ADD COLUMN proposed_at timestamptz,
        ADD CONSTRAINT fr_member_proposal_whole CHECK ((proposed_member_ids IS NULL) = (proposed_at IS NULL))`,
    ],
    down: (s) => [
      `ALTER TABLE ${s}.fr_member_confirmations
        DROP CONSTRAINT fr_member_proposal_whole,
        DROP COLUMN proposed_member_ids,
        DROP COLUMN proposed_at`,
    ],
  });

/** The migration as the calworks service runs it (apps/calworks/src/persistence.ts). */
export const AddFrMemberProposals1771200000000 = createFrMemberProposalsMigration('calworks');
