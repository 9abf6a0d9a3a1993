import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@linkages/platform-messaging';
import type { ActivitiesProvider } from '@linkages/platform-temporal';
import { createEscalationActivities } from './escalation.activities';

export const ESCALATION_ACTIVITIES = Symbol('ESCALATION_ACTIVITIES');

/** recordEscalation for the notifications worker (resolve and deliver come from the organisation and delivery slices). */
export const escalationActivitiesProvider: ActivitiesProvider = {
  provide: ESCALATION_ACTIVITIES,
  inject: [getDataSourceToken(), OutboxWriter],
  useFactory: (dataSource: DataSource, outbox: OutboxWriter) => createEscalationActivities({ dataSource, outbox }),
};
