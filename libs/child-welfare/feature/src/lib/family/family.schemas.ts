import { z } from 'zod';
import { personRoles } from '@linkages/child-welfare-domain';
import { dateOfBirth, schemaMatches, ssn, type MatchesSchema } from '@linkages/platform-http';
import { caseNumber, text } from '../casework.schemas';
import type { familyView } from '../views/family.view';

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

export const familyResponse = z.object({
  id: z.uuid(),
  countyCode: z.string(),
  calworksCaseNumber: z.string().nullable(),
  members: z.array(
    z.object({
      personId: z.uuid(),
      role: z.enum(personRoles),
      firstName: z.string(),
      lastName: z.string(),
      icwa: z.boolean(),
      dateOfBirth: z.string().describe('YYYY-MM-DD (decrypted for child welfare)'),
      ssnMasked: z.string().nullable().describe('Last four digits only'),
    }),
  ),
});
schemaMatches<MatchesSchema<ReturnType<typeof familyView>, typeof familyResponse>>();
