import { z } from 'zod';
import { clockViewResponse } from '@linkages/platform-deadline-tracking';
import { caseStages, placementReasons, strategies, tracks } from '@linkages/referrals-domain';

const taskStatus = z.enum(['open', 'done', 'overdue', 'cancelled']);

export const taskOutcomeBody = z.strictObject({
  outcome: z
    .enum(['done', 'not-needed'])
    .describe('done: the task was carried out; not-needed: the workers found it not needed for this family'),
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When it happened, if recorded later (ISO instant, not in the future); absent: now'),
});
export type TaskOutcomeBody = z.output<typeof taskOutcomeBody>;

export const jointMeetingBody = z.strictObject({
  heldOn: z.iso.date().describe('The day the joint case-planning meeting was held (county time, not in the future)'),
  caseId: z.uuid().optional().describe('The CWS case it planned for; absent: every open joint-meeting task of the family'),
});
export type JointMeetingBody = z.output<typeof jointMeetingBody>;

export const liaisonBody = z.strictObject({
  liaisonSubject: z.string().trim().min(1).max(200).describe('The token subject of the Linkages liaison assigned to the family'),
});
export type LiaisonBody = z.output<typeof liaisonBody>;

export const coordinationTaskResponse = z.object({
  taskId: z.uuid(),
  code: z
    .string()
    .describe(
      'check-sanction, resolve-sanction, refer-*, connect-housing, worker-contacts-csw, au-change, joint-case-planning-meeting, coordinated-plan-review',
    ),
  status: taskStatus,
  ruleId: z.string().describe('The rule its clock runs (docs/rules.md)'),
  subjectType: z.string().describe('What the clock hangs off: cws-referral, removal, cws-case, case-plan or referral'),
  subjectId: z.uuid(),
  caseId: z.uuid().nullable(),
  startAt: z.string().describe('When its count starts (the fact’s instant)'),
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  outcome: z.string().nullable().describe('done, not-needed, or met-by-fact (an agency event met it)'),
  escalationLevel: z.number().int(),
  clock: clockViewResponse.nullable().describe('The clock, live, with its explanation'),
});

export const coordinationResponse = z.object({
  familyId: z.uuid(),
  tasks: z.array(coordinationTaskResponse),
  meetings: z.array(
    z.object({
      meetingId: z.uuid(),
      kind: z.enum(['joint-case-planning', 'cft']),
      caseId: z.uuid().nullable(),
      heldOn: z.string(),
      calworksWorkerInvited: z.boolean(),
    }),
  ),
});
export type CoordinationResponse = z.output<typeof coordinationResponse>;

export const enrollmentRow = z.object({
  enrollmentId: z.uuid(),
  strategy: z.enum(strategies),
  tracks: z.array(z.enum(tracks)),
  reasons: z.array(z.enum(placementReasons)),
  caseStage: z.enum(caseStages),
  liaisonAssigned: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  supersededBy: z.uuid().nullable(),
});

export const enrollmentResponse = z.object({
  familyId: z.uuid(),
  current: enrollmentRow.nullable().describe('The enrollment in effect; null: the family is in no strategy'),
  history: z.array(enrollmentRow).describe('Earlier enrollments, newest first (ER → FM/FR → after-care → closed)'),
});
export type EnrollmentResponse = z.output<typeof enrollmentResponse>;
