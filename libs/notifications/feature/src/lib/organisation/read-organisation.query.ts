import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import type { OrganisationSnapshot } from '@linkages/notifications-domain';

/** The people and units of the caller's own county and agency (a platform caller belongs to neither: empty). */
@Injectable()
export class ReadOrganisationQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: OrganisationRepository,
  ) {}

  async execute(principal: Principal): Promise<Pick<OrganisationSnapshot, 'people' | 'units'>> {
    if (principal.agency !== 'cws' && principal.agency !== 'calworks') return { people: [], units: [] };
    const snap = await this.repository.snapshot(this.dataSource.manager, principal.county, principal.agency, new Date().toISOString());
    return { people: snap.people, units: snap.units };
  }
}
