import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { OutboxWriter } from '@linkages/platform-messaging';
import type { ActivitiesProvider } from '@linkages/platform-temporal';
import { SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { createSharingAuthorityActivities } from './sharing-authority.activities';

export const SHARING_AUTHORITY_ACTIVITIES = Symbol('SHARING_AUTHORITY_ACTIVITIES');

/** The sharing-authority process's activities for the referrals worker (SharingAuthorityRepository goes in WorkerOptions.providers). */
export const sharingAuthorityActivitiesProvider: ActivitiesProvider = {
  provide: SHARING_AUTHORITY_ACTIVITIES,
  inject: [getDataSourceToken(), OutboxWriter, AUDIT_LOG, SharingAuthorityRepository],
  useFactory: (dataSource: DataSource, outbox: OutboxWriter, audit: AuditLog, authorities: SharingAuthorityRepository) =>
    createSharingAuthorityActivities({ dataSource, outbox, audit, authorities }),
};
