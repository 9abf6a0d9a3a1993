import { EscalationEntity } from './escalation.entity';
import { EscalationTimelineEntryEntity } from './escalation-timeline-entry.entity';

export * from './create-notifications-escalation-tables.migration';
export * from './escalation-timeline-entry.entity';
export * from './escalation.entity';
export * from './escalation.repository';

export const escalationEntities = [EscalationEntity, EscalationTimelineEntryEntity];
