import type { FieldSpec } from '@linkages/platform-access';
import { preventionReferredEvent, specialPopulationFactsRecordedEvent } from '@linkages/shared-contracts';

/**
 * What referrals tells both agencies of a typed-in prevention referral and of a liaison's special-population facts,
 * field by field: ids (`key`) and codes, flags and instants (`fact`). No person, no reason text. A field added to one
 * of these events without a class here is dropped before the outbox.
 */
export const preventionEventClassification: Readonly<Record<string, FieldSpec>> = {
  [preventionReferredEvent.type]: {
    referralId: 'key',
    familyId: 'key',
    auId: 'key',
    riskFactors: 'fact',
    memberCount: 'fact',
    referredAt: 'fact',
  },
  [specialPopulationFactsRecordedEvent.type]: {
    factsId: 'key',
    familyId: 'key',
    refKind: 'key',
    refId: 'key',
    homeless: 'fact',
    parentAgeBands: 'fact',
    recordedAt: 'fact',
  },
};
