import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '@linkages/platform-auth';
import { refusedWrite } from '@linkages/platform-http';
import { CoordinationRepository } from '@linkages/referrals-data-access';
import { taskOutcomeUpdate } from '@linkages/referrals-workflows';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { CoordinationAudit } from './coordination-audit';
import { CoordinationUpdates } from './coordination-updates';
import type { TaskOutcomeBody } from './coordination.schemas';
import { ReadCoordinationQuery } from './read-coordination.query';
import type { CoordinationResponse } from './coordination.schemas';

/** Clock skew allowed for an outcome's instant. */
const SKEW_MS = 5 * 60_000;

/**
 * A worker records a coordination task's outcome (done, or not needed): the family's process closes the task, meets
 * its clock at the outcome's instant and publishes `linkages.coordination-task-changed`. A closed task is refused (409)
 * and nothing changes; another county's family or an unknown task is absent (404).
 */
@Injectable()
export class RecordTaskOutcomeCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly coordination: CoordinationRepository,
    private readonly updates: CoordinationUpdates,
    private readonly audit: CoordinationAudit,
    private readonly read: ReadCoordinationQuery,
  ) {}

  async execute(ctx: RequestContext, familyId: string, taskId: string, body: TaskOutcomeBody): Promise<CoordinationResponse> {
    const family = await this.familyInCounty.find(ctx, familyId, 'record coordination task outcome');
    if (body.at && Date.parse(body.at) > Date.now() + SKEW_MS) throw refusedWrite('impossible-sequence', `at ${body.at} is in the future`);
    const task = (await Promise.all(family.familyIds.map((id) => this.coordination.task(this.dataSource.manager, id, taskId)))).find(
      Boolean,
    );
    if (!task) throw notFound('coordination task');
    await this.updates.update(task.familyId, taskOutcomeUpdate, {
      taskId,
      outcome: body.outcome,
      by: ctx.principal.subject,
      ...(body.at ? { at: body.at } : {}),
    });
    await this.audit.record(ctx, family, 'update', 'coordination-task', taskId, 'record coordination task outcome', {
      task: task.code,
      outcome: body.outcome,
    });
    return this.read.execute(ctx, family.familyId);
  }
}
