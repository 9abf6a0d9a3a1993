import type { FieldSpec } from '@linkages/platform-access';
import { planConflictFlaggedEvent, sharingAuthorityEndedEvent } from '@linkages/shared-contracts';

/**
 * What referrals tells the agencies about authorities and the coordinated plan, field by field (RULES.md 5): ids and
 * the codes and instants of the facts, never what a CWS service is (its type or title), never a person. A field
 * without a class here is dropped before the outbox (shareEvent); to be merged into referrals' one event classification.
 */
export const authorityEventClassification: Readonly<Record<string, FieldSpec>> = {
  [sharingAuthorityEndedEvent.type]: { authorityId: 'key', familyId: 'key', kind: 'fact', endedAt: 'fact', reason: 'fact' },
  [planConflictFlaggedEvent.type]: { conflictId: 'key', familyId: 'key', code: 'fact', activityIds: ['key'], at: 'fact' },
};
