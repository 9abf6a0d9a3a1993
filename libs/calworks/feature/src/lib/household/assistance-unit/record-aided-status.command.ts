import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { publishCalworksEvent } from '@linkages/calworks-activities';
import { aidedStatusChangeRefusal, linkagesAidedStatus } from '@linkages/calworks-domain';
import { AidedStatusChangeEntity, AssistanceUnitRepository } from '@linkages/calworks-data-access';
import { PersonalData } from '@linkages/platform-crypto';
import { OutboxWriter } from '@linkages/platform-messaging';
import { aidedStatusRecordedEvent } from '@linkages/shared-contracts';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { refuseHousehold } from '../household.problems';
import { HouseholdRecords } from '../household-records';
import { AssistanceUnitLoader } from './assistance-unit.loader';
import type { AidedStatusInput } from './assistance-unit.schemas';
import { assistanceUnitView } from './assistance-unit.view';

/**
 * The AU becomes aided or not aided from a date on (a change that changes nothing is refused); Linkages learns it as
 * aided-status-recorded (applicant, aided or discontinued).
 */
@Injectable()
export class RecordAidedStatus {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly units: AssistanceUnitRepository,
    private readonly loader: AssistanceUnitLoader,
    private readonly personalData: PersonalData,
    private readonly outbox: OutboxWriter,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, auId: string, input: AidedStatusInput) {
    return this.dataSource.transaction(async (tx) => {
      const au = await this.records.assistanceUnit(tx, ctx, auId, { lock: true });
      const history = await this.units.aidedHistory(tx, au.id);
      refuseHousehold(aidedStatusChangeRefusal(history, input));
      const change = Object.assign(new AidedStatusChangeEntity(), {
        id: randomUUID(),
        auId: au.id,
        status: input.status,
        effectiveOn: input.effectiveOn,
        recordedBy: ctx.principal.subject,
        recordedAt: new Date(),
      });
      await this.units.addAidedStatusChange(tx, change);
      await publishCalworksEvent(
        this.outbox,
        tx,
        aidedStatusRecordedEvent,
        {
          auId: au.id,
          familyId: au.id,
          caseNumber: au.caseNumber,
          status: linkagesAidedStatus(history, input),
          effectiveOn: input.effectiveOn,
        },
        { countyCode: au.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'update', 'assistance-unit', au.id, au.countyCode, {
        aidedStatus: input.status,
        effectiveOn: input.effectiveOn,
      });
      return assistanceUnitView(this.personalData, await this.loader.load(tx, au));
    });
  }
}
