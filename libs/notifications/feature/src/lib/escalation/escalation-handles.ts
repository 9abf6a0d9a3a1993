import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { refusedWrite, problemException } from '@linkages/platform-http';
import { TEMPORAL, type TemporalClientHandle } from '@linkages/platform-temporal';
import { EscalationEntity } from '@linkages/notifications-data-access';
import {
  INVALID_ESCALATION_REQUEST,
  acknowledgeEscalationUpdate,
  escalationViewQuery,
  escalationWorkflowId,
  type AcknowledgeEscalationRequest,
  type EscalationView,
} from '@linkages/notifications-workflows';
import { escalationNotOpen, notYourEscalation } from './escalation.problems';

/** An escalation as the API answers it: the read model's row (what and where) with the process's live view. */
export interface EscalationRead {
  row: EscalationEntity;
  view: EscalationView;
}

/**
 * How the API reaches an escalation: the latest row of the deadline (its county and owner), the process
 * `notifications/escalation/<deadlineId>` (its view; a validated acknowledgment whose refusal becomes a problem).
 */
@Injectable()
export class EscalationHandles {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
  ) {}

  async rowOfDeadline(deadlineId: string): Promise<EscalationEntity | null> {
    return this.dataSource.manager.findOne(EscalationEntity, { where: { deadlineId }, order: { startedAt: 'DESC' } });
  }

  async rowOfEscalation(escalationId: string): Promise<EscalationEntity | null> {
    return this.dataSource.manager.findOne(EscalationEntity, { where: { escalationId } });
  }

  async read(row: EscalationEntity): Promise<EscalationRead> {
    const view = await this.temporal.client.workflow.getHandle(escalationWorkflowId(row.deadlineId)).query(escalationViewQuery);
    return { row, view };
  }

  async acknowledge(row: EscalationEntity, request: AcknowledgeEscalationRequest): Promise<EscalationRead> {
    try {
      const view = await this.temporal.client.workflow
        .getHandle(escalationWorkflowId(row.deadlineId))
        .executeUpdate(acknowledgeEscalationUpdate, { args: [request] });
      return { row, view };
    } catch (error) {
      throw refusalOf(error);
    }
  }
}

/** The process's refusal as a problem with its reason (nothing changed); an ended process accepts nothing. */
export function refusalOf(error: unknown): unknown {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && cause.type === INVALID_ESCALATION_REQUEST) {
    if (/^Only a person notified/.test(cause.message)) return refusedWrite(notYourEscalation, cause.message);
    if (/^The escalation/.test(cause.message)) return refusedWrite(escalationNotOpen, cause.message);
    return problemException('validation', cause.message);
  }
  if (error instanceof WorkflowNotFoundError || (error instanceof Error && /already completed/i.test(error.message)))
    return refusedWrite(escalationNotOpen, 'The escalation has ended: there is nothing to acknowledge');
  return error;
}
