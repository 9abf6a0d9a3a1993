import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RemovalRepository, type CwsCaseEntity, type RemovalEntity } from '@linkages/child-welfare-data-access';

/** A case as the API shows it: type, court timeline, removals (classified for sharing by caseSummaryClassification). */
export function caseView(c: CwsCaseEntity, removals: RemovalEntity[]) {
  return {
    id: c.id,
    familyId: c.familyId,
    referralId: c.referralId,
    countyCode: c.countyCode,
    type: c.type,
    status: c.status,
    openedOn: c.openedOn,
    detained: c.detained,
    petitionFiledOn: c.petitionFiledOn,
    jurisdictionOn: c.jurisdictionOn,
    dispositionOn: c.dispositionOn,
    dispositionOutcome: c.dispositionOutcome,
    enteredFosterCareOn: c.enteredFosterCareOn,
    servicesMonths: c.servicesMonths,
    servicesTerminatedOn: c.servicesTerminatedOn,
    closedOn: c.closedOn,
    closeReason: c.closeReason,
    removals: removals.map((r) => ({
      removalId: r.id,
      childId: r.childId,
      removedAt: r.removedAt.toISOString(),
      placementType: r.placementType,
      returnedOn: r.returnedOn,
      parentalRightsTerminatedOn: r.parentalRightsTerminatedOn,
    })),
  };
}

export type CaseView = ReturnType<typeof caseView>;

/** The case view with its removals read in the same transaction. */
@Injectable()
export class CaseViews {
  constructor(private readonly removals: RemovalRepository) {}

  async of(tx: EntityManager, c: CwsCaseEntity): Promise<CaseView> {
    return caseView(c, await this.removals.ofCase(tx, c.id));
  }
}
