import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { participantRefusal } from '@linkages/calworks-domain';
import { WtwParticipantEntity, WtwParticipantRepository } from '@linkages/calworks-data-access';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { refuseHousehold } from '../household.problems';
import { HouseholdRecords } from '../household-records';
import type { EnrollInput } from './wtw.schemas';
import { WtwParticipantLoader } from './wtw-participant.loader';
import { wtwParticipantView } from './wtw-participant.view';

/** An aided, needy adult member of the AU becomes a WTW participant (household.rules `participantRefusal`). */
@Injectable()
export class EnrollWtwParticipant {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly participants: WtwParticipantRepository,
    private readonly loader: WtwParticipantLoader,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, auId: string, input: EnrollInput) {
    return this.dataSource.transaction(async (tx) => {
      const au = await this.records.assistanceUnit(tx, ctx, auId, { lock: true });
      const member = await this.records.memberOf(tx, au.id, input.memberId);
      refuseHousehold(participantRefusal(member, (await this.participants.ofMember(tx, member.id)) !== undefined));
      const participant = Object.assign(new WtwParticipantEntity(), {
        id: randomUUID(),
        auId: au.id,
        memberId: member.id,
        countyCode: au.countyCode,
        enrolledOn: input.enrolledOn,
        createdBy: ctx.principal.subject,
        createdAt: new Date(),
      });
      await this.participants.add(tx, participant);
      await this.audit.record(tx, ctx, 'create', 'wtw-participant', participant.id, au.countyCode, { auId: au.id, memberId: member.id });
      return wtwParticipantView(await this.loader.load(tx, participant, { live: false }));
    });
  }
}
