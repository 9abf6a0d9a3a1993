import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FamilyEntity, FamilyRepository, PERSON_SCOPE, PersonEntity } from '@linkages/child-welfare-data-access';
import { MATCH_KEYS, MatchKeys, PersonalData } from '@linkages/platform-crypto';
import { OutboxWriter } from '@linkages/platform-messaging';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { familyView } from '../views/family.view';
import type { CreateFamilyInput } from './family.schemas';
import { publishPersonMatchKeys } from './person-match-keys';

/**
 * Records a family and its members in the caller's county (date of birth and SSN stored encrypted); each member's
 * match keys go to Linkages in the same transaction (cws.person-match-keys: tokens only, never the plaintext).
 */
@Injectable()
export class CreateFamily {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly families: FamilyRepository,
    private readonly personalData: PersonalData,
    @Inject(MATCH_KEYS) private readonly matchKeys: MatchKeys,
    private readonly outbox: OutboxWriter,
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
      await publishPersonMatchKeys(
        this.matchKeys,
        this.outbox,
        tx,
        input.members.map((m, i) => ({ ...m, personId: persons[i]?.id ?? '', familyId: family.id })),
        { countyCode: family.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'create', 'family', family.id, family.countyCode, { members: persons.length });
    });
    return familyView(this.personalData, family, persons);
  }
}
