import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FamilyRepository } from '@linkages/child-welfare-data-access';
import { PersonalData } from '@linkages/platform-crypto';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { CaseworkRecords } from '../casework-records';
import { familyView } from '../views/family.view';

/** A family of the caller's county and its members (audited read). */
@Injectable()
export class FamilyQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly families: FamilyRepository,
    private readonly personalData: PersonalData,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, familyId: string) {
    const family = await this.records.family(this.dataSource.manager, ctx, familyId);
    const persons = await this.families.members(this.dataSource.manager, familyId);
    await this.audit.read(ctx, 'family', familyId, family.countyCode, 'view family');
    return familyView(this.personalData, family, persons);
  }
}
