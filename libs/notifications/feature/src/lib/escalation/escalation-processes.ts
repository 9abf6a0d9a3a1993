import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { stableUuid } from '@linkages/platform-access';
import { POLICY_REGISTRY } from '@linkages/platform-deadline-tracking';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import { TEMPORAL, taskQueueOf, type TemporalClientHandle } from '@linkages/platform-temporal';
import type { EscalationInput, EscalationSubject } from '@linkages/notifications-domain';
import {
  deadlineChangedSignal,
  escalationWorkflow,
  escalationWorkflowId,
  noticeWorkflow,
  noticeWorkflowId,
  type NoticeInput,
} from '@linkages/notifications-workflows';

const taskQueue = taskQueueOf({ name: 'notifications' });

/** What a deadline change tells a running escalation. */
export interface DeadlineChange {
  kind: 'satisfied' | 'cancelled' | 'extended' | 'moved-earlier';
  dueAt?: string;
  at: string;
}

/**
 * Starts and tells the escalation processes (`notifications/escalation/<deadlineId>`) and one-off notices. Ids are
 * business ids: a redelivered event finds the process it started and starts nothing twice.
 */
@Injectable()
export class EscalationProcesses {
  constructor(
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    @Inject(POLICY_REGISTRY) private readonly rules: PolicyRegistry,
  ) {}

  /** The escalation id of one overdue episode of a deadline (a deadline extended and missed again is a new episode). */
  static escalationIdOf(deadlineId: string, overdueSince: string): string {
    return stableUuid('linkages-escalation', deadlineId, overdueSince);
  }

  /** Starts the ladder, with the policy frozen into it; an escalation already running for the deadline is left alone. */
  async start(subject: EscalationSubject, frozen: Omit<EscalationInput['frozen'], 'calendar'>): Promise<void> {
    const input: EscalationInput = {
      subject,
      frozen: { ...frozen, calendar: this.rules.calendarFor({ calendar: 'county' }, subject.countyCode) },
    };
    try {
      await this.temporal.client.workflow.start(escalationWorkflow, {
        workflowId: escalationWorkflowId(subject.deadlineId),
        taskQueue,
        args: [input],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return; // the same episode, redelivered
      throw error;
    }
  }

  async notice(input: NoticeInput): Promise<void> {
    try {
      await this.temporal.client.workflow.start(noticeWorkflow, {
        workflowId: noticeWorkflowId(input.subject.deadlineId, input.kind, input.level, input.round),
        taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return; // this notice was already given
      throw error;
    }
  }

  /** Tells the deadline's running escalation that its deadline changed; none running: nothing to stop. */
  async deadlineChanged(deadlineId: string, change: DeadlineChange): Promise<void> {
    try {
      await this.temporal.client.workflow.getHandle(escalationWorkflowId(deadlineId)).signal(deadlineChangedSignal, change);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      throw error;
    }
  }
}
