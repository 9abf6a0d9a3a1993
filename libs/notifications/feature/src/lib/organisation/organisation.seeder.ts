import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import { defaultOrganisationFile, loadOrganisationConfig } from './organisation-config';

/** Overrides where the organisation file is read from (tests); absent: defaultOrganisationFile(). */
export const ORGANISATION_FILE = Symbol('ORGANISATION_FILE');

/** Seeds the configured organisation at start: inserts what is missing, never overwrites an API edit. */
@Injectable()
export class OrganisationSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrganisationSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: OrganisationRepository,
    @Optional() @Inject(ORGANISATION_FILE) private readonly file?: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  async seed(now: Date = new Date()): Promise<{ people: number; units: number }> {
    const config = loadOrganisationConfig(this.file ?? defaultOrganisationFile());
    const inserted = await this.dataSource.transaction((tx) => this.repository.seed(tx, config.people, config.units, now));
    this.logger.log({
      msg: 'organisation seeded',
      configuredPeople: config.people.length,
      configuredUnits: config.units.length,
      insertedPeople: inserted.people,
      insertedUnits: inserted.units,
    });
    return inserted;
  }
}
