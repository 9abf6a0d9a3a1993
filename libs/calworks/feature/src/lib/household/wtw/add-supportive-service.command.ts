import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { publishCalworksEvent } from '@linkages/calworks-activities';
import { supportiveServiceRefusal } from '@linkages/calworks-domain';
import { SupportiveServiceEntity, WtwParticipantRepository } from '@linkages/calworks-data-access';
import { OutboxWriter } from '@linkages/platform-messaging';
import { supportiveServiceChangedEvent } from '@linkages/shared-contracts';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { refuseHousehold } from '../household.problems';
import { HouseholdRecords } from '../household-records';
import type { SupportiveServiceInput } from './wtw.schemas';
import { WtwParticipantLoader } from './wtw-participant.loader';
import { wtwParticipantView } from './wtw-participant.view';

/**
 * A supportive service for the participant: child care, transportation, behavioral health, substance use, domestic
 * violence. Linkages learns its type and status (supportive-service-changed: does an activity have child care?).
 */
@Injectable()
export class AddSupportiveService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly participants: WtwParticipantRepository,
    private readonly loader: WtwParticipantLoader,
    private readonly outbox: OutboxWriter,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, participantId: string, input: SupportiveServiceInput) {
    return this.dataSource.transaction(async (tx) => {
      const participant = await this.records.participant(tx, ctx, participantId, { lock: true });
      refuseHousehold(supportiveServiceRefusal(input));
      const service = Object.assign(new SupportiveServiceEntity(), {
        id: randomUUID(),
        participantId: participant.id,
        type: input.type,
        status: input.inPlaceOn ? ('in-place' as const) : input.authorizedOn ? ('authorized' as const) : ('requested' as const),
        requestedOn: input.requestedOn,
        authorizedOn: input.authorizedOn ?? null,
        inPlaceOn: input.inPlaceOn ?? null,
        recordedBy: ctx.principal.subject,
        recordedAt: new Date(),
      });
      await this.participants.addSupportiveService(tx, service);
      await publishCalworksEvent(
        this.outbox,
        tx,
        supportiveServiceChangedEvent,
        {
          serviceId: service.id,
          participantId: participant.id,
          auId: participant.auId,
          familyId: participant.auId,
          type: service.type,
          status: service.status,
          ...(service.inPlaceOn ? { inPlaceOn: service.inPlaceOn } : {}),
          changedOn: service.inPlaceOn ?? service.authorizedOn ?? service.requestedOn,
        },
        { countyCode: participant.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'create', 'supportive-service', service.id, participant.countyCode, {
        participantId: participant.id,
        type: service.type,
        status: service.status,
      });
      return wtwParticipantView(await this.loader.load(tx, participant, { live: false }));
    });
  }
}
