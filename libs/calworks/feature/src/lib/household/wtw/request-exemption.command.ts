import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ab2300Clock, exemptionRefusal, exemptionVerification, isAb2300 } from '@linkages/calworks-domain';
import { WtwExemptionEntity, WtwParticipantRepository } from '@linkages/calworks-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { refuseHousehold } from '../household.problems';
import { HouseholdRecords } from '../household-records';
import { exemptionSubject } from './exemption.clocks';
import type { ExemptionInput } from './wtw.schemas';
import { WtwParticipantLoader } from './wtw-participant.loader';
import { wtwParticipantView } from './wtw-participant.view';

/**
 * Records a WTW exemption, pending its verification when its reason needs one (the CWS-related caretaker-relative
 * exemption: the CWS social worker's written verification). An AB 2300 exemption opens its 12-week clock
 * (`calworks.wtw.ab2300-exemption`) from the birth or placement, and its end is that clock's due date.
 */
@Injectable()
export class RequestExemption {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly participants: WtwParticipantRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly loader: WtwParticipantLoader,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, participantId: string, input: ExemptionInput) {
    return this.dataSource.transaction(async (tx) => {
      const participant = await this.records.participant(tx, ctx, participantId, { lock: true });
      const member = await this.records.memberOf(tx, participant.auId, participant.memberId);
      refuseHousehold(exemptionRefusal(member, await this.participants.exemptions(tx, participant.id), input));
      const needed = exemptionVerification(input.reason);
      const clock = isAb2300(input.reason) && input.eventOn ? ab2300Clock(input.eventOn) : undefined;
      const endsOn = clock ? this.deadlines.due(clock.ruleId, participant.countyCode, clock.startAt).dueDate : (input.endsOn ?? null);
      const exemption = Object.assign(new WtwExemptionEntity(), {
        id: randomUUID(),
        participantId: participant.id,
        reason: input.reason,
        startsOn: input.startsOn,
        endsOn,
        eventOn: input.eventOn ?? null,
        verificationStatus: needed.required ? ('pending' as const) : ('verified' as const),
        verificationSource: null,
        verifiedOn: null,
        verifiedBy: null,
        recordedBy: ctx.principal.subject,
        recordedAt: new Date(),
      });
      await this.participants.saveExemption(tx, exemption);
      if (clock) await this.deadlines.open(tx, exemptionSubject(participant, exemption), clock.purpose, clock.ruleId, clock.startAt);
      await this.audit.record(tx, ctx, 'create', 'wtw-exemption', exemption.id, participant.countyCode, {
        participantId: participant.id,
        reason: exemption.reason,
        verification: exemption.verificationStatus,
      });
      return wtwParticipantView(await this.loader.load(tx, participant, { live: false }));
    });
  }
}
