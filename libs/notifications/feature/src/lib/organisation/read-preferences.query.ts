import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import { preferencesOf } from './preferences.view';
import type { PreferencesResponse } from './organisation.schemas';

/** The caller's own delivery preferences (their staff id is their token subject's); 404 when they are not in the organisation. */
@Injectable()
export class ReadPreferencesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: OrganisationRepository,
  ) {}

  async execute(principal: Principal): Promise<PreferencesResponse> {
    const person = await this.repository.personById(this.dataSource.manager, staffIdOf(principal.subject));
    if (!person) throw problemException('not-found', 'You are not a person of the organisation');
    return preferencesOf(person);
  }
}
