import type { FieldSpec } from '@linkages/platform-access';
import { duplicateSuspectedEvent, familyLinkedEvent, familyUnlinkedEvent, removalMembersProposedEvent } from '@linkages/shared-contracts';

/**
 * What referrals tells the agencies about the shared family, field by field: ids (`key`) and codes and instants
 * (`fact`); never a match key, a probability's evidence or a person's identity. A field added to one of these events
 * without a class here is dropped before the outbox.
 */
export const identityEventClassification: Readonly<Record<string, FieldSpec>> = {
  [familyLinkedEvent.type]: {
    familyId: 'key',
    linkId: 'key',
    agency: 'fact',
    refKind: 'fact',
    refId: 'key',
    decidedBy: 'fact',
    mergedFromFamilyId: 'key',
    at: 'fact',
  },
  [familyUnlinkedEvent.type]: {
    familyId: 'key',
    linkId: 'key',
    agency: 'fact',
    refKind: 'fact',
    refId: 'key',
    decidedBy: 'fact',
    reason: 'fact',
    newFamilyId: 'key',
    at: 'fact',
  },
  [duplicateSuspectedEvent.type]: { familyId: 'key', reviewId: 'key', agency: 'fact', refKind: 'fact', refIds: ['key'], at: 'fact' },
  [removalMembersProposedEvent.type]: {
    familyId: 'key',
    removalId: 'key',
    auId: 'key',
    proposedMemberIds: ['key'],
    linkIds: ['key'],
    removal: { cwsFamilyId: 'key', caseId: 'key', childId: 'key', removedAt: 'fact', allChildrenRemoved: 'fact' },
    at: 'fact',
  },
};
