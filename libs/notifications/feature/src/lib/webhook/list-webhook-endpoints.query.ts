import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import { WebhookEndpointRepository } from '@linkages/notifications-data-access';
import { agencyScopeOf } from './webhook-endpoint-access';
import type { EndpointsResponse } from './webhook.schemas';

/** The endpoints of the caller's agency and county (a platform administrator: every agency's in the county); never a secret. */
@Injectable()
export class ListWebhookEndpointsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: WebhookEndpointRepository,
  ) {}

  async execute(principal: Principal): Promise<EndpointsResponse> {
    return { endpoints: await this.repository.list(this.dataSource.manager, principal.county, agencyScopeOf(principal)) };
  }
}
