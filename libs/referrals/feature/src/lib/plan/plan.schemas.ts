import { z } from 'zod';
import { schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import { conflictCodes, planActivityKinds, slotProblem, weekdays } from '@linkages/referrals-domain';
import type { PlanView } from './plan.view';

const date = z.iso.date().describe('A calendar date (YYYY-MM-DD), county time');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24 h)');
const slot = z.strictObject({ day: z.enum(weekdays), start: time, end: time });
const code = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be a code: lower-case letters, digits and hyphens');

export const addPlanActivityBody = z
  .strictObject({
    kind: z
      .enum(planActivityKinds)
      .describe('court-ordered-service or cws-case-plan-activity (child welfare); wtw-activity or supportive-service (CalWORKs)'),
    personRecordId: z.uuid().describe("The agency's id of the person (a CWS person id or a CalWORKs participant id shown in the plan)"),
    typeCode: code.describe('e.g. substance-use-treatment, parenting-education, job-search, child-care'),
    title: z.string().trim().min(1).max(200).optional(),
    weeklyHours: z.number().min(0).max(168),
    slots: z.array(slot).max(21).default([]),
    startsOn: date,
    endsOn: date.optional(),
    requiresChildCare: z.boolean().default(false),
    requiresTransport: z.boolean().default(false),
    location: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((body, ctx) => {
    body.slots.forEach((s, i) => {
      const problem = slotProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', path: ['slots', i], message: problem });
    });
    if (body.endsOn && body.endsOn < body.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'endsOn is on or after startsOn' });
  });
export type AddPlanActivity = z.output<typeof addPlanActivityBody>;

export const recordCircumstancesBody = z.strictObject({
  personRecordId: z.uuid(),
  hasVehicle: z.boolean(),
  hasLicence: z.boolean().describe('A valid driver licence'),
  transitAccess: z.boolean().describe('Public transit reaches the person’s activities'),
  childCareArranged: z.boolean().describe('Child care arranged without a supportive service'),
});
export type RecordCircumstances = z.output<typeof recordCircumstancesBody>;

export const wtwCountBody = z.strictObject({
  decision: z
    .enum(['confirmed', 'rejected'])
    .describe('The CalWORKs worker’s decision whether the CWS activity counts toward WTW participation'),
});
export type WtwCountDecision = z.output<typeof wtwCountBody>;

const activityResponse = z.object({
  id: z.uuid(),
  agency: z.enum(['cws', 'calworks']),
  source: z.enum(['event', 'staff']).optional(),
  personRecordId: z.string(),
  kind: z.enum(planActivityKinds).optional().describe('A CWS activity’s kind: a detail, absent from a schedule block'),
  typeCode: z
    .string()
    .optional()
    .describe(
      'A CWS service’s type: a detail, shown to CalWORKs only under a consent or MDT membership covering it (substance-use items: a consent naming substance-use records, 42 CFR 2.31)',
    ),
  title: z.string().nullable().optional(),
  weeklyHours: z.number().optional(),
  slots: z.array(z.object({ day: z.enum(weekdays).optional(), start: z.string().optional(), end: z.string().optional() })).optional(),
  startsOn: z.string().optional(),
  endsOn: z.string().nullable().optional(),
  requiresChildCare: z.boolean().optional(),
  requiresTransport: z.boolean().optional(),
  location: z.string().nullable().optional(),
  status: z.enum(['active', 'ended']).optional(),
  wtwCount: z
    .enum(['candidate', 'confirmed', 'rejected'])
    .nullable()
    .optional()
    .describe('Whether it counts toward WTW participation: absent from a schedule block (the mark would tell the treatment type)'),
  shown: z
    .enum(['whole', 'schedule'])
    .describe('`schedule`: a CWS activity shown to CalWORKs as a block only (days, times, dates, hours, needs), under WIC 10850 alone'),
});

export const planResponse = z.object({
  familyId: z.uuid(),
  activities: z.array(activityResponse),
  conflicts: z.array(
    z.object({
      id: z.uuid(),
      code: z.enum(conflictCodes),
      personRecordId: z.string(),
      activityIds: z.array(z.uuid()),
      reason: z.string(),
      shown: z.enum(['whole', 'masked']).describe('`masked`: it names a CWS activity shown as a block; its reason says "a CWS activity"'),
      flaggedAt: z.string(),
      resolvedAt: z.string().nullable(),
    }),
  ),
  wtwCandidates: z
    .array(z.uuid())
    .describe(
      'CWS activities marked for the workers to decide whether they count toward WTW, among those shown whole to the caller; never counted automatically',
    ),
  circumstances: z.array(
    z.object({
      personRecordId: z.string(),
      hasVehicle: z.boolean(),
      hasLicence: z.boolean(),
      transitAccess: z.boolean(),
      childCareArranged: z.boolean(),
    }),
  ),
  settings: z.object({ maxWeeklyHours: z.number(), travelHoursPerActivity: z.number(), countableCwsActivityTypes: z.array(z.string()) }),
  disclosure: z.object({ basis: z.string(), citation: z.string(), classes: z.array(z.string()), authorityIds: z.array(z.string()) }),
});

schemaMatches<MatchesSchema<PlanView, typeof planResponse>>();
