import { decodeAllegation } from '@linkages/child-welfare-domain';
import type { CwsReferralEntity } from '@linkages/child-welfare-data-access';

/** A referral as the API shows it (the reporter stays in child welfare: never in an event). */
export function referralView(r: CwsReferralEntity) {
  return {
    id: r.id,
    familyId: r.familyId,
    countyCode: r.countyCode,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    allegations: r.allegations.map(decodeAllegation),
    reporter: r.reporter,
    screening: r.screeningDecision
      ? {
          decision: r.screeningDecision,
          reason: r.screeningReason,
          povertyOnly: r.povertyOnly,
          decidedAt: r.decidedAt?.toISOString(),
          decidedBy: r.decidedBy,
        }
      : null,
    responsePriority: r.responsePriority,
    downgrade: r.downgrade,
    firstContactAt: r.firstContactAt?.toISOString() ?? null,
    disposition: r.disposition,
    dispositionAt: r.dispositionAt?.toISOString() ?? null,
  };
}
