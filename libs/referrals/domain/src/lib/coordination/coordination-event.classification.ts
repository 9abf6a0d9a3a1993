import type { FieldSpec } from '@linkages/platform-access';
import { coordinationTaskChangedEvent, strategyEnrolledEvent } from '@linkages/shared-contracts';

/**
 * What referrals tells both agencies about a shared family's coordination, field by field: ids (`key`) and the codes,
 * rule ids and instants of its strategy and tasks (`fact`); never a person, a narrative or who the liaison is (only
 * whether one is assigned). A field added to one of these events without a class here is dropped before the outbox.
 */
export const coordinationEventClassification: Readonly<Record<string, FieldSpec>> = {
  [strategyEnrolledEvent.type]: {
    enrollmentId: 'key',
    familyId: 'key',
    strategy: 'fact',
    tracks: 'fact',
    reasons: 'fact',
    caseStage: 'fact',
    liaisonAssigned: 'fact',
    supersedes: 'key',
    since: 'fact',
  },
  [coordinationTaskChangedEvent.type]: {
    taskId: 'key',
    familyId: 'key',
    task: 'fact',
    status: 'fact',
    ruleId: 'fact',
    dueAt: 'fact',
    outcome: 'fact',
    at: 'fact',
  },
};
