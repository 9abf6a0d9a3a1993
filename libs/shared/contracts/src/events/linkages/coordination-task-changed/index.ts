import { z } from 'zod';
import { code, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const coordinationTaskChangedEvent = defineEvent({
  domain: 'linkages',
  name: 'coordination-task-changed',
  topic: topics.linkagesReferralEvents,
  title: 'Coordination task changed',
  description:
    'A tracked coordination task of the shared family was opened, done, became overdue or was cancelled: the ER + CalWORKs checklist, the CalWORKs worker contacting the CWS worker after a removal (3 business days), the AU change, the joint case-planning meeting, the coordinated plan review (RULES.md 7; issue 13, Deliver 4). Escalation stays with notifications. Keyed by the Linkages family id; codes and dates only.',
  producers: ['referrals'],
  payload: z.object({
    taskId: id('Coordination task'),
    familyId: familyId.describe('The shared Linkages family id'),
    task: code('Task code (check-sanction, worker-contacts-csw, au-change, joint-case-planning-meeting, coordinated-plan-review, …)'),
    status: z.enum(['opened', 'done', 'overdue', 'cancelled']),
    ruleId: code('The rule whose deadline the task tracks').optional(),
    dueAt: instant.optional(),
    outcome: code('Outcome code when done').optional(),
    at: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `coordination-task/${p.taskId}`,
  example: {
    taskId: '7d8e9f0a-1b2c-4d3e-8f5a-6b7c8d9e0f1a',
    familyId: '0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f',
    task: 'worker-contacts-csw',
    status: 'opened',
    ruleId: 'linkages.fr-worker-contacts-csw',
    dueAt: '2026-12-03T23:59:59-08:00',
    at: '2026-11-30T15:02:00-08:00',
  },
});
