import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { familyStabilizationRefusal } from '@linkages/calworks-domain';
import { FamilyStabilizationReferralEntity, WtwParticipantRepository } from '@linkages/calworks-data-access';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { refuseHousehold } from '../household.problems';
import { HouseholdRecords } from '../household-records';
import type { FamilyStabilizationInput } from './wtw.schemas';
import { WtwParticipantLoader } from './wtw-participant.loader';
import { wtwParticipantView } from './wtw-participant.view';

/** Refers the participant (exempt or not) to Family Stabilization for a crisis (WIC 11325.24); one open referral at a time. */
@Injectable()
export class ReferFamilyStabilization {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly participants: WtwParticipantRepository,
    private readonly loader: WtwParticipantLoader,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, participantId: string, input: FamilyStabilizationInput) {
    return this.dataSource.transaction(async (tx) => {
      const participant = await this.records.participant(tx, ctx, participantId, { lock: true });
      refuseHousehold(familyStabilizationRefusal(await this.participants.countOpenFamilyStabilizationReferrals(tx, participant.id)));
      const referral = Object.assign(new FamilyStabilizationReferralEntity(), {
        id: randomUUID(),
        participantId: participant.id,
        reason: input.reason,
        referredOn: input.referredOn,
        status: 'referred' as const,
        recordedBy: ctx.principal.subject,
        recordedAt: new Date(),
      });
      await this.participants.addFamilyStabilizationReferral(tx, referral);
      await this.audit.record(tx, ctx, 'create', 'family-stabilization-referral', referral.id, participant.countyCode, {
        participantId: participant.id,
        reason: referral.reason,
      });
      return wtwParticipantView(await this.loader.load(tx, participant, { live: false }));
    });
  }
}
