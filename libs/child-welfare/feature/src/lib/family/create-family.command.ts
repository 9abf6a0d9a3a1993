import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FamilyEntity, FamilyRepository, PERSON_SCOPE, PersonEntity } from '@linkages/child-welfare-data-access';
import { PersonalData } from '@linkages/platform-crypto';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { familyView } from '../views/family.view';
import type { CreateFamilyInput } from './family.schemas';

/** Records a family and its members in the caller's county (date of birth and SSN stored encrypted). */
@Injectable()
export class CreateFamily {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly families: FamilyRepository,
    private readonly personalData: PersonalData,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, input: CreateFamilyInput) {
    const family = Object.assign(new FamilyEntity(), {
      id: randomUUID(),
      countyCode: ctx.principal.county,
      calworksCaseNumber: input.calworksCaseNumber ?? null,
      createdBy: ctx.principal.subject,
      createdAt: new Date(),
    });
    const persons = input.members.map((m, position) => {
      const id = randomUUID();
      return Object.assign(new PersonEntity(), {
        id,
        familyId: family.id,
        role: m.role,
        firstName: m.firstName,
        lastName: m.lastName,
        icwa: m.icwa,
        position,
        ...this.personalData.protect(PERSON_SCOPE, id, m),
      });
    });
    await this.dataSource.transaction(async (tx) => {
      await this.families.create(tx, family, persons);
      await this.audit.record(tx, ctx, 'create', 'family', family.id, family.countyCode, { members: persons.length });
    });
    return familyView(this.personalData, family, persons);
  }
}
