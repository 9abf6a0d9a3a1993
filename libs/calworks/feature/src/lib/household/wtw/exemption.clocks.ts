import type { WtwExemptionEntity, WtwParticipantEntity } from '@linkages/calworks-data-access';
import type { ClockSubject } from '@linkages/platform-deadline-tracking';

/** An exemption's clocks (AB 2300) belong to the exemption; the AU stands for the family (events are keyed by it). */
export const EXEMPTION_SUBJECT_TYPE = 'wtw-exemption';

export const exemptionSubject = (participant: WtwParticipantEntity, exemption: WtwExemptionEntity): ClockSubject => ({
  type: EXEMPTION_SUBJECT_TYPE,
  id: exemption.id,
  familyId: participant.auId,
  countyCode: participant.countyCode,
});
