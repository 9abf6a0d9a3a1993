import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FamilyEntity } from './family.entity';
import { PersonEntity } from './person.entity';

/** Families and their members (persons). */
@Injectable()
export class FamilyRepository {
  /** The family, when it exists in the county (another county's family is absent). */
  async inCounty(tx: EntityManager, county: string, familyId: string): Promise<FamilyEntity | undefined> {
    const family = await tx.getRepository(FamilyEntity).findOne({ where: { id: familyId } });
    return family && family.countyCode === county ? family : undefined;
  }

  /** The family's CalWORKs case number, when child welfare recorded one. */
  async calworksCaseNumberOf(tx: EntityManager, familyId: string): Promise<string | undefined> {
    const family = await tx
      .getRepository(FamilyEntity)
      .findOne({ where: { id: familyId }, select: { id: true, calworksCaseNumber: true } });
    return family?.calworksCaseNumber ?? undefined;
  }

  async byId(tx: EntityManager, familyId: string): Promise<FamilyEntity> {
    return tx.getRepository(FamilyEntity).findOneByOrFail({ id: familyId });
  }

  async create(tx: EntityManager, family: FamilyEntity, members: PersonEntity[]): Promise<void> {
    await tx.save(family);
    await tx.save(members);
  }

  /** The members in the order they were recorded. */
  members(tx: EntityManager, familyId: string): Promise<PersonEntity[]> {
    return tx.getRepository(PersonEntity).find({ where: { familyId }, order: { position: 'ASC' } });
  }

  children(tx: EntityManager, familyId: string): Promise<PersonEntity[]> {
    return tx.getRepository(PersonEntity).find({ where: { familyId, role: 'child' } });
  }

  countChildren(tx: EntityManager, familyId: string): Promise<number> {
    return tx.getRepository(PersonEntity).count({ where: { familyId, role: 'child' } });
  }

  /** A member of the family (any role), or undefined. */
  async member(tx: EntityManager, familyId: string, personId: string): Promise<PersonEntity | undefined> {
    return (await tx.getRepository(PersonEntity).findOne({ where: { id: personId, familyId } })) ?? undefined;
  }
}
