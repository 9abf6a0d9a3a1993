import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssistanceUnitRepository, type AssistanceUnitEntity } from '@linkages/calworks-data-access';
import type { AssistanceUnitRecords } from './assistance-unit.view';

/** Everything an AU view shows, read in one transaction. */
@Injectable()
export class AssistanceUnitLoader {
  constructor(private readonly units: AssistanceUnitRepository) {}

  async load(tx: EntityManager, au: AssistanceUnitEntity): Promise<AssistanceUnitRecords> {
    return {
      au,
      members: await this.units.members(tx, au.id),
      aided: await this.units.aidedHistory(tx, au.id),
      grants: await this.units.grantHistory(tx, au.id),
    };
  }
}
