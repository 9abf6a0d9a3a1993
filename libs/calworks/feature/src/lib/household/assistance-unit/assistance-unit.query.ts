import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readSnapshot } from '@linkages/platform-persistence';
import { PersonalData } from '@linkages/platform-crypto';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { HouseholdRecords } from '../household-records';
import { AssistanceUnitLoader } from './assistance-unit.loader';
import { assistanceUnitView } from './assistance-unit.view';

/** An AU of the caller's county with its members (audited read: members' personal data). */
@Injectable()
export class AssistanceUnitQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly loader: AssistanceUnitLoader,
    private readonly personalData: PersonalData,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, auId: string) {
    const { au, loaded } = await readSnapshot(this.dataSource, async (tx) => {
      const au = await this.records.assistanceUnit(tx, ctx, auId);
      return { au, loaded: await this.loader.load(tx, au) };
    });
    await this.audit.read(ctx, 'assistance-unit', au.id, au.countyCode, 'view assistance unit');
    return assistanceUnitView(this.personalData, loaded);
  }
}
