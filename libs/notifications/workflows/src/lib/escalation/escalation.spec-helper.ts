import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { countyCalendarSpec } from '@linkages/platform-deadlines';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, uniqueSuffix } from '@linkages/platform-testing';
import type {
  DeliverRequest,
  EscalationActivities,
  EscalationInput,
  FrozenEscalationPolicy,
  RecordEscalationRequest,
  ResolveRecipientsRequest,
} from '@linkages/notifications-domain';
import { escalationWorkflow, escalationWorkflowId } from './escalation.workflow';

/** Staff per role in the test organisation (ids only). */
export const STAFF: Record<string, string> = {
  'assigned-worker': '11111111-1111-4111-8111-111111111111',
  supervisor: '22222222-2222-4222-8222-222222222222',
  manager: '33333333-3333-4333-8333-333333333333',
};
export const STRANGER = '99999999-9999-4999-8999-999999999999';

export function frozenPolicy(overrides: Partial<FrozenEscalationPolicy['policy']> = {}, repeatMax = 2): FrozenEscalationPolicy {
  return {
    ladder: [
      { level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT4H' },
      { level: 2, role: 'supervisor', acknowledgeWithin: 'PT4H' },
      { level: 3, role: 'manager', acknowledgeWithin: 'PT8H', repeat: { every: 'PT2H', max: repeatMax } },
    ],
    policy: {
      windows: 'clock-hours',
      businessHours: { start: '08:00', end: '17:00' },
      legallyUrgent: false,
      acknowledgmentExpiry: 'PT24H',
      ...overrides,
    },
    calendar: countyCalendarSpec('06085'),
  };
}

/** The escalation workflow in the time-skipping server, with in-process activities that record their calls. */
export async function createEscalationHarness() {
  const env: TestWorkflowEnvironment = await createTimeSkippingEnv();
  const taskQueue = `escalation-${uniqueSuffix()}`;
  const calls = { resolve: [] as ResolveRecipientsRequest[], deliver: [] as DeliverRequest[], record: [] as RecordEscalationRequest[] };
  const activities: EscalationActivities = {
    async resolveRecipients(req) {
      calls.resolve.push(req);
      const staffId = STAFF[req.role] ?? STAFF['manager'] ?? '';
      return { recipients: [{ staffId, role: req.role, via: 'direct' }] };
    },
    async deliverNotification(req) {
      calls.deliver.push(req);
      return {
        notificationId: `${req.level}-${req.round}-${req.recipient.staffId}`,
        channels: [{ channel: 'in-app', outcome: 'delivered', attempts: 1 }],
      };
    },
    async recordEscalation(req) {
      calls.record.push(req);
    },
  };
  const { code } = await bundleWorkflowsForTest(require.resolve('../../index.ts'));
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code },
    activities,
    ...workerTelemetry('it'),
  });
  const running = worker.run();
  const start = async (input: Omit<EscalationInput, 'subject'> & { deadlineId?: string }) => {
    const deadlineId = input.deadlineId ?? globalThis.crypto.randomUUID();
    const at = new Date(await env.currentTimeMs()).toISOString();
    return env.client.workflow.start(escalationWorkflow, {
      workflowId: escalationWorkflowId(deadlineId),
      taskQueue,
      args: [
        {
          frozen: input.frozen,
          subject: {
            escalationId: globalThis.crypto.randomUUID(),
            deadlineId,
            familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
            countyCode: '06085',
            ownerService: 'child-welfare',
            ruleId: 'cws.er.ten-day-response',
            citation: 'MPP 31-101',
            subjectRef: 'referral/test',
            dueAt: at,
            overdueSince: at,
          },
        },
      ],
    });
  };
  return {
    env,
    calls,
    start,
    now: async () => new Date(await env.currentTimeMs()).toISOString(),
    /** Skips workflow time to an instant (ms since epoch). */
    skipTo: async (ms: number) => env.sleep(Math.max(0, ms - (await env.currentTimeMs()))),
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
