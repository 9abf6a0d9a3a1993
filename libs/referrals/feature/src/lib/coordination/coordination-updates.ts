import { Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { notFound } from '@linkages/platform-auth';
import { refusedWrite } from '@linkages/platform-http';
import { COORDINATION_REFUSED, type CoordinationRefusal, type CoordinationView } from '@linkages/referrals-domain';
import { TEMPORAL, type TemporalClientHandle } from '@linkages/platform-temporal';
import { coordinationProcessId } from '@linkages/referrals-activities';
import { noEnrollment, taskAlreadyClosed } from './coordination.problems';

/**
 * How the API reaches a shared family's coordination process: a validated update, whose refusal becomes the problem
 * it names with the process's reason (nothing changed): an unknown task 404, a closed task or no enrollment 409.
 */
@Injectable()
export class CoordinationUpdates {
  constructor(@Inject(TEMPORAL) private readonly temporal: TemporalClientHandle) {}

  async update<R>(familyId: string, def: UpdateDefinition<CoordinationView, [R]>, request: R): Promise<CoordinationView> {
    try {
      return await this.temporal.client.workflow.getHandle(coordinationProcessId(familyId)).executeUpdate(def, { args: [request] });
    } catch (error) {
      const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === COORDINATION_REFUSED) {
        const refusal = (cause.details?.[0] ?? undefined) as CoordinationRefusal;
        const reason = refusal?.reason ?? cause.message;
        if (refusal?.code === 'not-found') throw notFound('coordination task');
        if (refusal?.code === 'task-already-closed') throw refusedWrite(taskAlreadyClosed, reason);
        if (refusal?.code === 'no-enrollment') throw refusedWrite(noEnrollment, reason);
        throw refusedWrite('impossible-sequence', reason);
      }
      if (error instanceof WorkflowNotFoundError)
        throw refusedWrite(noEnrollment, 'The family has no coordination process yet: no agency fact calls for one');
      throw error;
    }
  }
}
