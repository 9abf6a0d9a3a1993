import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ab2085AuditReason, acceptanceOf, refusedByAb2085, screeningRefusal, statusAfterScreening } from '@linkages/child-welfare-domain';
import { CwsReferralRepository, FamilyRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import { referralAcceptedEvent, referralEvaluatedOutEvent } from '@linkages/shared-contracts';
import { CaseworkAudit } from '../casework-audit';
import { openClock, referralSubject } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { ab2085Refused, refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { shareEvent } from '../share-event';
import { referralView } from '../views/referral.view';
import type { ScreeningInput } from './referral.schemas';

/**
 * The screening decision: evaluated out, accepted for investigation, or Differential Response, with AB 2085
 * enforced (screening.rules). Acceptance starts the response clock; an investigation's disposition clock starts at
 * the first face-to-face contact (RecordContact).
 */
@Injectable()
export class ScreenReferral {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly referrals: CwsReferralRepository,
    private readonly families: FamilyRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly outbox: OutboxWriter,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, referralId: string, input: ScreeningInput) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.records.referral(tx, ctx, referralId, { lock: true });
      refuse(screeningRefusal(referral, input.decidedAt));
      if (refusedByAb2085(input)) {
        // AB 2085: refused whatever the allegations; the refusal is audited outside the transaction it rolls back.
        await this.audit.refused(ctx, 'update', 'cws-referral', referral.id, referral.countyCode, ab2085AuditReason, {
          screening: input.decision,
          povertyOnly: true,
        });
        throw ab2085Refused();
      }
      const family = await this.families.byId(tx, referral.familyId);
      Object.assign(referral, {
        status: statusAfterScreening(input.decision),
        screeningDecision: input.decision,
        screeningReason: input.reason,
        povertyOnly: input.povertyOnly,
        decidedAt: new Date(input.decidedAt),
        decidedBy: ctx.principal.subject,
        responsePriority: input.responsePriority ?? null,
      });
      await this.referrals.save(tx, referral);
      const acceptance = acceptanceOf(input);
      if (acceptance) {
        for (const clock of acceptance.clocks) await openClock(this.deadlines, tx, referralSubject(referral), clock);
        await shareEvent(
          this.outbox,
          tx,
          referralAcceptedEvent,
          {
            referralId: referral.id,
            familyId: referral.familyId,
            acceptedAt: input.decidedAt,
            responsePriority: acceptance.responsePriority,
            path: acceptance.path,
            knownToCalworks: family.calworksCaseNumber !== null,
          },
          { countyCode: referral.countyCode, correlationId: ctx.correlationId },
        );
      } else if (input.decision === 'evaluated-out') {
        // Evaluated out (possibly poverty alone, AB 2085): Linkages may offer the family a Prevention or Benefit
        // Access referral when it consents or CalWORKs serves it (issue 13, Deliver 3). shareEvent adds the case number.
        await shareEvent(
          this.outbox,
          tx,
          referralEvaluatedOutEvent,
          {
            referralId: referral.id,
            familyId: referral.familyId,
            evaluatedOutAt: input.decidedAt,
            povertyOnly: input.povertyOnly,
            referToServices: input.referToServices,
            familyConsents: input.familyConsents,
            knownToCalworks: family.calworksCaseNumber !== null,
          },
          { countyCode: referral.countyCode, correlationId: ctx.correlationId },
        );
      }
      await this.audit.record(tx, ctx, 'update', 'cws-referral', referral.id, referral.countyCode, {
        screening: input.decision,
        povertyOnly: input.povertyOnly,
        ...(input.decision === 'evaluated-out' ? { referToServices: input.referToServices, familyConsents: input.familyConsents } : {}),
      });
      return referralView(referral);
    });
  }
}
