import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AB2300_PURPOSE, isAb2300, verificationRefusal } from '@linkages/calworks-domain';
import { WtwParticipantRepository } from '@linkages/calworks-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { refuseHousehold } from '../household.problems';
import { HouseholdRecords } from '../household-records';
import type { VerificationInput } from './wtw.schemas';
import { WtwParticipantLoader } from './wtw-participant.loader';
import { wtwParticipantView } from './wtw-participant.view';

/**
 * Records an exemption's verification, once, by the source its reason requires. An AB 2300 exemption found not
 * verified no longer exempts: its 12-week clock is cancelled.
 */
@Injectable()
export class VerifyExemption {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly participants: WtwParticipantRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly loader: WtwParticipantLoader,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, participantId: string, exemptionId: string, input: VerificationInput) {
    return this.dataSource.transaction(async (tx) => {
      const participant = await this.records.participant(tx, ctx, participantId, { lock: true });
      const exemption =
        (await this.participants.exemption(tx, participant.id, exemptionId, { lock: true })) ??
        (await this.audit.deny(ctx, 'wtw-exemption', exemptionId));
      refuseHousehold(verificationRefusal(exemption, input));
      Object.assign(exemption, {
        verificationStatus: input.outcome,
        verificationSource: input.source,
        verifiedOn: input.verifiedOn,
        verifiedBy: ctx.principal.subject,
      });
      await this.participants.saveExemption(tx, exemption);
      if (input.outcome === 'not-verified' && isAb2300(exemption.reason))
        await this.deadlines.cancel(tx, exemption.id, AB2300_PURPOSE, 'exemption-not-verified', ctx.principal.subject);
      await this.audit.record(tx, ctx, 'update', 'wtw-exemption', exemption.id, participant.countyCode, {
        verification: input.outcome,
        source: input.source,
      });
      return wtwParticipantView(await this.loader.load(tx, participant, { live: false }));
    });
  }
}
