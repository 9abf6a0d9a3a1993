import { z } from 'zod';
import { personRoles } from '@linkages/child-welfare-domain';
import { dateOfBirth, ssn } from '@linkages/platform-http';
import { caseNumber, text } from '../casework.schemas';

export const createFamilyBody = z.strictObject({
  calworksCaseNumber: caseNumber.optional().describe('The family’s CalWORKs case, when known (makes it a Linkages common case)'),
  members: z
    .array(
      z.strictObject({
        role: z.enum(personRoles),
        firstName: text(100),
        lastName: text(100),
        dateOfBirth,
        ssn: ssn.optional(),
        icwa: z.boolean().default(false).describe('The Indian Child Welfare Act applies to this child'),
      }),
    )
    .min(1)
    .max(20),
});

export type CreateFamilyInput = z.output<typeof createFamilyBody>;
