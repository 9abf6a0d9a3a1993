import { Module } from '@nestjs/common';
import { AcknowledgeByLinkCommand } from './acknowledge-by-link.command';
import { AcknowledgeEscalationCommand } from './acknowledge-escalation.command';
import { EscalationAudit } from './escalation-audit';
import { EscalationHandles } from './escalation-handles';
import { EscalationsController } from './escalations.controller';
import { ReadEscalationQuery } from './read-escalation.query';

/** The escalations API: read a missed deadline's ladder, acknowledge it (API or signed link). */
@Module({
  controllers: [EscalationsController],
  providers: [EscalationHandles, EscalationAudit, ReadEscalationQuery, AcknowledgeEscalationCommand, AcknowledgeByLinkCommand],
})
export class NotificationsEscalationModule {}

/** What the worker's event handlers inject. */
export { EscalationProcesses } from './escalation-processes';
