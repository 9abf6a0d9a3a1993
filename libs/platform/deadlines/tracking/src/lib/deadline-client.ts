import { Inject, Injectable } from '@nestjs/common';
import type { WorkflowHandle } from '@temporalio/client';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@linkages/platform-config';
import { deadlineViewQuery, deadlineWorkflow, type DeadlineOwner, type DeadlineView } from '@linkages/platform-deadline-workflows';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import { TEMPORAL, taskQueueOf, workflowId, type TemporalClientHandle } from '@linkages/platform-temporal';
import { POLICY_REGISTRY } from './policy-registry.token';

const keys = {
  familyId: defineSearchAttributeKey('FamilyId', SearchAttributeType.KEYWORD),
  caseId: defineSearchAttributeKey('CaseId', SearchAttributeType.KEYWORD),
  countyCode: defineSearchAttributeKey('CountyCode', SearchAttributeType.KEYWORD),
  kind: defineSearchAttributeKey('DeadlineKind', SearchAttributeType.KEYWORD),
};

export interface OpenDeadline {
  /** Business id of the deadline (a UUID the caller keeps), so a retried request finds the same workflow. */
  deadlineId: string;
  ruleId: string;
  startAt: string;
  owner: Omit<DeadlineOwner, 'service'>;
}

/**
 * Opens and reads durable deadlines for a service: the rule and calendar come from the policy registry as they
 * apply in the family's county; the workflow id is `<service>/deadline/<deadlineId>`; search attributes carry only
 * pseudonymous keys (family, case, county, rule; status and due instant are kept current by the workflow).
 */
@Injectable()
export class DeadlineClient {
  constructor(
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    @Inject(SERVICE_IDENTITY) private readonly service: ServiceIdentity,
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
  ) {}

  async open(req: OpenDeadline): Promise<WorkflowHandle<typeof deadlineWorkflow>> {
    const policy = this.registry.rule(req.ruleId, req.owner.countyCode);
    const calendar = this.registry.calendarFor(policy, req.owner.countyCode);
    const owner = { ...req.owner, service: this.service.name as DeadlineOwner['service'] };
    return this.temporal.client.workflow.start(deadlineWorkflow, {
      taskQueue: taskQueueOf(this.service),
      workflowId: workflowId(this.service.name, 'deadline', req.deadlineId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ deadlineId: req.deadlineId, owner, policy, calendar, startAt: req.startAt }],
      typedSearchAttributes: [
        { key: keys.familyId, value: owner.familyId },
        { key: keys.countyCode, value: owner.countyCode },
        { key: keys.kind, value: policy.id },
        ...(owner.caseId ? [{ key: keys.caseId, value: owner.caseId }] : []),
      ],
    });
  }

  handle(deadlineId: string): WorkflowHandle<typeof deadlineWorkflow> {
    return this.temporal.client.workflow.getHandle(workflowId(this.service.name, 'deadline', deadlineId));
  }

  /** The deadline's state, due date and the explanation of that date. */
  view(deadlineId: string): Promise<DeadlineView> {
    return this.handle(deadlineId).query(deadlineViewQuery);
  }
}
