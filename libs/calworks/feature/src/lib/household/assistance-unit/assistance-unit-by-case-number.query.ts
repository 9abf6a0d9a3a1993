import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AssistanceUnitRepository } from '@linkages/calworks-data-access';
import { notFound } from '@linkages/platform-auth';
import { PersonalData } from '@linkages/platform-crypto';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { AssistanceUnitLoader } from './assistance-unit.loader';
import type { CaseNumberLookupInput } from './assistance-unit.schemas';
import { assistanceUnitView } from './assistance-unit.view';

/**
 * The caller's county's AU with a CalWORKs case number (a POST query: the number stays out of URLs and logs). Another
 * county's AU with the same number is not found, and the lookup is audited as denied.
 */
@Injectable()
export class AssistanceUnitByCaseNumberQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: AssistanceUnitRepository,
    private readonly loader: AssistanceUnitLoader,
    private readonly personalData: PersonalData,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, input: CaseNumberLookupInput) {
    const tx = this.dataSource.manager;
    const au = await this.units.byCaseNumber(tx, ctx.principal.county, input.caseNumber);
    if (!au) {
      // A lookup that finds nothing (none in the county, or another county's number) is audited as a denied read.
      await this.audit.refused(
        ctx,
        'read',
        'assistance-unit',
        null,
        ctx.principal.county,
        'no assistance unit with this case number in the county',
      );
      throw notFound('assistance unit');
    }
    const loaded = await this.loader.load(tx, au);
    await this.audit.read(ctx, 'assistance-unit', au.id, au.countyCode, 'look up assistance unit by case number');
    return assistanceUnitView(this.personalData, loaded);
  }
}
