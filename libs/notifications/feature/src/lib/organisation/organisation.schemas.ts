import { z } from 'zod';
import { countyCode, serviceName } from '@linkages/shared-contracts';

const agency = z.enum(['cws', 'calworks']);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');
const instant = z.iso.datetime({ offset: true });
const channels = z.strictObject({ email: z.boolean(), webhook: z.boolean() });
const quietHours = z
  .strictObject({ start: hhmm, end: hhmm })
  .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] });
/** Codes only (never free text: the audit and the timeline carry it). */
const reasonCode = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lowercase code (leave, training, …)');
export const unitIdParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be a unit id');
const atLeastOne = (b: Record<string, unknown>) => Object.values(b).some((v) => v !== undefined);

export const absenceResponse = z.object({
  absenceId: z.string(),
  from: z.string(),
  to: z.string(),
  coverId: z.string().optional(),
  reasonCode: z.string(),
  endedAt: z.string().optional().describe('When it was ended early (then `to` is that instant, or `from` if it never began)'),
});

export const personResponse = z.object({
  staffId: z.uuid(),
  displayName: z.string(),
  email: z.string().optional(),
  agency,
  countyCode,
  unitId: z.string(),
  absences: z.array(absenceResponse),
  quietHours: z.object({ start: z.string(), end: z.string() }).optional(),
  channels: z.object({ email: z.boolean(), webhook: z.boolean() }),
});
export const peopleResponse = z.object({ people: z.array(personResponse) }).describe('The people of the caller’s county and agency');
export type PeopleResponse = z.infer<typeof peopleResponse>;

export const unitResponse = z.object({
  unitId: z.string(),
  name: z.string(),
  agency,
  countyCode,
  supervisorId: z.uuid(),
  managerId: z.uuid(),
  managerOnDutyId: z.uuid(),
  afterHoursCoverId: z.uuid().optional(),
  intakeWorkerId: z.uuid().optional(),
  programs: z.array(serviceName),
});
export const unitsResponse = z.object({ units: z.array(unitResponse) }).describe('The units of the caller’s county and agency');
export type UnitsResponse = z.infer<typeof unitsResponse>;

export const assignmentBody = z
  .strictObject({
    ownerService: serviceName,
    subjectRef: z.string().min(1).max(300).optional(),
    familyId: z.uuid().optional(),
    staffId: z.uuid(),
    reason: z.string().min(1).max(500),
  })
  .refine((b) => (b.subjectRef === undefined) !== (b.familyId === undefined), {
    message: 'exactly one of subjectRef or familyId',
    path: ['subjectRef'],
  });
export type AssignmentBody = z.infer<typeof assignmentBody>;

export const assignmentResponse = z.object({
  countyCode,
  ownerService: serviceName,
  subjectRef: z.string().optional(),
  familyId: z.uuid().optional(),
  staffId: z.uuid(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type AssignmentResponse = z.infer<typeof assignmentResponse>;

export const createPersonBody = z.strictObject({
  subject: z
    .string()
    .min(1)
    .max(200)
    .describe('The person’s identity-provider subject (token `sub`); their staff id is derived from it, so they find their own inbox'),
  displayName: z.string().min(1).max(200),
  email: z.email().max(320).optional(),
  unitId: unitIdParam.describe('A unit of your county and agency'),
  channels: channels.optional().describe('Default: e-mail when an address is given, no webhook'),
});
export type CreatePersonBody = z.infer<typeof createPersonBody>;

export const updatePersonBody = z
  .strictObject({
    displayName: z.string().min(1).max(200).optional(),
    email: z.email().max(320).nullable().optional().describe('null removes the address'),
    unitId: unitIdParam.optional(),
    channels: channels.optional(),
  })
  .refine(atLeastOne, { message: 'at least one of displayName, email, unitId, channels' });
export type UpdatePersonBody = z.infer<typeof updatePersonBody>;

export const absenceBody = z
  .strictObject({
    from: instant,
    to: instant,
    coverId: z
      .uuid()
      .optional()
      .describe('Who covers; a person of the same county and agency, present then. Absent: the unit’s supervisor, then manager'),
    reasonCode,
  })
  .refine((a) => Date.parse(a.to) > Date.parse(a.from), { message: 'must be after from', path: ['to'] });
export type AbsenceBody = z.infer<typeof absenceBody>;

export const absenceResultResponse = z.object({ staffId: z.uuid(), absence: absenceResponse }).describe('The person’s absence');
export type AbsenceResultResponse = z.infer<typeof absenceResultResponse>;

export const updateUnitBody = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    supervisorId: z.uuid().optional(),
    managerId: z.uuid().optional(),
    managerOnDutyId: z.uuid().optional(),
    afterHoursCoverId: z.uuid().nullable().optional().describe('null removes the after-hours cover'),
  })
  .refine(atLeastOne, { message: 'at least one of name, supervisorId, managerId, managerOnDutyId, afterHoursCoverId' });
export type UpdateUnitBody = z.infer<typeof updateUnitBody>;

export const preferencesBody = z.strictObject({
  quietHours: quietHours.nullable().describe('`HH:mm` start and end in the county’s time zone (may wrap midnight), or null for none'),
  channels: channels.describe('Whether ordinary notifications also go by e-mail and webhook (the in-app inbox always receives them)'),
});
export type PreferencesBody = z.infer<typeof preferencesBody>;

export const preferencesResponse = z
  .object({
    staffId: z.uuid(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    channels: z.object({ email: z.boolean(), webhook: z.boolean() }),
    timeZone: z.string().describe('The county’s time zone quiet hours are read in'),
    legallyUrgent: z
      .string()
      .describe('How legally urgent escalations treat these preferences: they ignore them and, in quiet hours, go to your coverage'),
  })
  .describe(
    'Your delivery preferences. Legally urgent escalations (an immediate response, a detention petition) ignore them: never delayed, muted, digested or throttled; during your quiet hours they go to your coverage at once.',
  );
export type PreferencesResponse = z.infer<typeof preferencesResponse>;
