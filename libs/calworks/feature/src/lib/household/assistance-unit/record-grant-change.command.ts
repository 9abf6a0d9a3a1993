import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { grantChangeRefusal } from '@linkages/calworks-domain';
import { AssistanceUnitRepository, GrantChangeEntity } from '@linkages/calworks-data-access';
import { PersonalData } from '@linkages/platform-crypto';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { refuseHousehold } from '../household.problems';
import { HouseholdRecords } from '../household-records';
import { AssistanceUnitLoader } from './assistance-unit.loader';
import type { GrantInput } from './assistance-unit.schemas';
import { assistanceUnitView } from './assistance-unit.view';

/** The AU's cash aid changes from a date on: paid (amount), suspended or discontinued. */
@Injectable()
export class RecordGrantChange {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly units: AssistanceUnitRepository,
    private readonly loader: AssistanceUnitLoader,
    private readonly personalData: PersonalData,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, auId: string, input: GrantInput) {
    return this.dataSource.transaction(async (tx) => {
      const au = await this.records.assistanceUnit(tx, ctx, auId, { lock: true });
      refuseHousehold(grantChangeRefusal(await this.units.grantHistory(tx, au.id), input));
      const change = Object.assign(new GrantChangeEntity(), {
        id: randomUUID(),
        auId: au.id,
        ...input,
        recordedBy: ctx.principal.subject,
        recordedAt: new Date(),
      });
      await this.units.addGrantChange(tx, change);
      await this.audit.record(tx, ctx, 'update', 'assistance-unit', au.id, au.countyCode, {
        grant: input.cashAidStatus,
        amountCents: input.amountCents,
        effectiveOn: input.effectiveOn,
      });
      return assistanceUnitView(this.personalData, await this.loader.load(tx, au));
    });
  }
}
