import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { publishCalworksEvent } from '@linkages/calworks-activities';
import { grantChangeRefusal, linkagesAidedStatus } from '@linkages/calworks-domain';
import {
  AidedStatusChangeEntity,
  AssistanceUnitEntity,
  AssistanceUnitRepository,
  GrantChangeEntity,
  isDuplicateCaseNumber,
} from '@linkages/calworks-data-access';
import { MATCH_KEYS, MatchKeys, PersonalData } from '@linkages/platform-crypto';
import { OutboxWriter } from '@linkages/platform-messaging';
import { aidedStatusRecordedEvent } from '@linkages/shared-contracts';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { caseNumberInUseRefused, refuseHousehold } from '../household.problems';
import type { CreateAssistanceUnitInput } from './assistance-unit.schemas';
import { assistanceUnitView } from './assistance-unit.view';
import { newMember } from './member-entity';
import { publishMemberMatchKeys } from './member-match-keys';

/**
 * Records an Assistance Unit in the caller's county with its members, first aided status and first grant; tells
 * Linkages the AU's aided status (aided-status-recorded: an applicant or aided, issue 13 Deliver 3) and each
 * member's match keys (member-match-keys: tokens only, Deliver 1).
 */
@Injectable()
export class CreateAssistanceUnit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: AssistanceUnitRepository,
    private readonly personalData: PersonalData,
    @Inject(MATCH_KEYS) private readonly matchKeys: MatchKeys,
    private readonly outbox: OutboxWriter,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, input: CreateAssistanceUnitInput) {
    const now = new Date();
    const au = Object.assign(new AssistanceUnitEntity(), {
      id: randomUUID(),
      countyCode: ctx.principal.county,
      caseNumber: input.caseNumber,
      createdBy: ctx.principal.subject,
      createdAt: now,
    });
    const members = input.members.map((m, position) => newMember(this.personalData, au.id, m, position));
    const aided = Object.assign(new AidedStatusChangeEntity(), {
      id: randomUUID(),
      auId: au.id,
      status: input.aidedStatus,
      effectiveOn: input.aidedFrom,
      recordedBy: ctx.principal.subject,
      recordedAt: now,
    });
    let grant: GrantChangeEntity | undefined;
    if (input.grant) {
      refuseHousehold(grantChangeRefusal([], input.grant));
      grant = Object.assign(new GrantChangeEntity(), {
        id: randomUUID(),
        auId: au.id,
        ...input.grant,
        recordedBy: ctx.principal.subject,
        recordedAt: now,
      });
    }
    try {
      await this.dataSource.transaction(async (tx) => {
        if (await this.units.byCaseNumber(tx, au.countyCode, au.caseNumber)) throw caseNumberInUseRefused();
        await this.units.create(tx, au, members, aided, grant);
        await publishCalworksEvent(
          this.outbox,
          tx,
          aidedStatusRecordedEvent,
          {
            auId: au.id,
            familyId: au.id,
            caseNumber: au.caseNumber,
            status: linkagesAidedStatus([], aided),
            effectiveOn: aided.effectiveOn,
          },
          { countyCode: au.countyCode, correlationId: ctx.correlationId },
        );
        await publishMemberMatchKeys(
          this.matchKeys,
          this.outbox,
          tx,
          au,
          input.members.map((m, i) => ({ ...m, memberId: members[i]?.id ?? '' })),
          ctx.correlationId,
        );
        await this.audit.record(tx, ctx, 'create', 'assistance-unit', au.id, au.countyCode, {
          members: members.length,
          aidedStatus: aided.status,
        });
      });
    } catch (error) {
      // Two creates of one case number at once: the database's unique constraint decides, the loser gets the same 409.
      if (isDuplicateCaseNumber(error)) throw caseNumberInUseRefused();
      throw error;
    }
    return assistanceUnitView(this.personalData, { au, members, aided: [aided], grants: grant ? [grant] : [] });
  }
}
