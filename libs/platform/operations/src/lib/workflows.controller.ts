import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Requires } from '@linkages/platform-auth';
import { SERVICE_CONFIG, SERVICE_IDENTITY, type ServiceConfig, type ServiceIdentity } from '@linkages/platform-config';
import { ApiSuccess, schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import { TEMPORAL, taskQueueOf, type TemporalClientHandle } from '@linkages/platform-temporal';

/** Temporal's execution statuses, as the visibility store names them (`ExecutionStatus = 'Running'`). */
export const executionStatuses = ['Running', 'Completed', 'Failed', 'Canceled', 'Terminated', 'ContinuedAsNew', 'TimedOut'] as const;
type ExecutionStatus = (typeof executionStatuses)[number];

const count = z.number().int().min(0);
export const workflowCountsResponse = z.object({
  service: z.string(),
  taskQueue: z.string(),
  namespace: z.string(),
  counts: z.object(Object.fromEntries(executionStatuses.map((s) => [s, count])) as Record<ExecutionStatus, typeof count>),
  temporalUi: z.object({
    baseUrl: z.string().describe('The Temporal Web UI (TEMPORAL_UI_ORIGIN)'),
    namespace: z.string(),
  }),
  searchAttributes: z
    .array(z.string())
    .describe(
      'The custom search attributes registered on the namespace (pseudonymous keys: family, case, county, rule, …), for filtering links',
    ),
});
export type WorkflowCounts = z.output<typeof workflowCountsResponse>;
schemaMatches<MatchesSchema<WorkflowCounts, typeof workflowCountsResponse>>();

/**
 * Counts of this service's workflows (those on its task queue) by execution status, with what a client needs to link
 * into the Temporal Web UI. Counts and attribute names only: no workflow ids, inputs or search attribute values.
 */
@ApiTags('operations')
@Controller('ops/workflows')
export class WorkflowsController {
  constructor(
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, 'TEMPORAL_NAMESPACE' | 'TEMPORAL_UI_ORIGIN'>,
    @Inject(SERVICE_IDENTITY) private readonly service: ServiceIdentity,
  ) {}

  @Get()
  @Requires('operations.read')
  @ApiOperation({ summary: 'This service’s workflows counted by execution status, and the Temporal UI to link to' })
  @ApiSuccess(workflowCountsResponse, {
    status: 200,
    description: 'Counts by status, the task queue, the UI base URL and search attributes',
  })
  async counts(): Promise<WorkflowCounts> {
    const taskQueue = taskQueueOf(this.service);
    const namespace = this.config.TEMPORAL_NAMESPACE;
    const [counts, searchAttributes] = await Promise.all([this.countByStatus(taskQueue), this.customSearchAttributes(namespace)]);
    return {
      service: this.service.name,
      taskQueue,
      namespace,
      counts,
      temporalUi: { baseUrl: this.config.TEMPORAL_UI_ORIGIN.replace(/\/+$/, ''), namespace },
      searchAttributes,
    };
  }

  private async countByStatus(taskQueue: string): Promise<Record<ExecutionStatus, number>> {
    const counts = Object.fromEntries(executionStatuses.map((s) => [s, 0])) as Record<ExecutionStatus, number>;
    const queue = `TaskQueue = '${taskQueue.replace(/'/g, "\\'")}'`;
    let groups: { count: number; groupValues: unknown[] }[];
    try {
      groups = (await this.temporal.client.workflow.count(`${queue} GROUP BY ExecutionStatus`)).groups;
    } catch {
      // A visibility store without GROUP BY: one count per status.
      groups = await Promise.all(
        executionStatuses.map(async (s) => ({
          count: (await this.temporal.client.workflow.count(`${queue} AND ExecutionStatus = '${s}'`)).count,
          groupValues: [s],
        })),
      );
    }
    for (const group of groups) {
      const status = String(group.groupValues[0]) as ExecutionStatus;
      if (status in counts) counts[status] = group.count;
    }
    return counts;
  }

  private async customSearchAttributes(namespace: string): Promise<string[]> {
    const { customAttributes } = await this.temporal.connection.operatorService.listSearchAttributes({ namespace });
    return Object.keys(customAttributes ?? {}).sort();
  }
}
