import { z } from 'zod';
import { countyCode, serviceName } from '@linkages/shared-contracts';

const agency = z.enum(['cws', 'calworks']);

export const personResponse = z.object({
  staffId: z.uuid(),
  displayName: z.string(),
  email: z.string().optional(),
  agency,
  countyCode,
  unitId: z.string(),
  absences: z.array(
    z.object({ absenceId: z.string(), from: z.string(), to: z.string(), coverId: z.string().optional(), reasonCode: z.string() }),
  ),
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
