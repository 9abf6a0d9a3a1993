import { z } from 'zod';
import { riskFactorCodes } from '@linkages/referrals-domain';
import { memberInput } from '../referral.schemas';

const caseNumber = z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes');
const unique = <T>(values: readonly T[]) => new Set(values).size === values.length;

/** POST /prevention-referrals: the household's people as POST /referrals takes them, the AU if any, the risk factors (codes). */
export const preventionReferralBody = z.strictObject({
  members: z.array(memberInput).min(1).max(20).describe('The applicant household, as POST /referrals takes its members'),
  auId: z.uuid().optional().describe('The applicant’s CalWORKs Assistance Unit, when there already is one'),
  calworksCaseNumber: caseNumber.optional().describe('The CalWORKs case number, when there already is one'),
  riskFactors: z
    .array(z.enum(riskFactorCodes))
    .max(riskFactorCodes.length)
    .refine(unique, { message: 'must not repeat a risk factor' })
    .default([])
    .describe('Risk factors CalWORKs staff identified (the prevention vocabulary); with none the family is offered information only'),
});
export type PreventionReferralInput = z.output<typeof preventionReferralBody>;

export const preventionReferralResponse = z.object({
  id: z.uuid(),
  familyId: z.uuid().describe('The shared Linkages family the household linked into'),
  countyCode: z.string(),
  auId: z.uuid().nullable(),
  calworksCaseNumber: z.string().nullable(),
  riskFactors: z.array(z.enum(riskFactorCodes)),
  members: z.array(z.object({ personId: z.uuid(), role: z.enum(['parent', 'child', 'caregiver']) })),
  createdAt: z.string(),
  duplicateOf: z
    .uuid()
    .optional()
    .describe('An earlier typed-in referral of the same household (matched through the Linkages matching): both share familyId'),
  enrollment: z.string().describe('Where the family’s Linkages strategy is read: GET /shared-families/{familyId}/enrollment'),
});
export type PreventionReferralView = z.output<typeof preventionReferralResponse>;

const parentAgeBand = z.enum(['child', 'under-20', '20-plus']);

/** POST /shared-families/{familyId}/special-population-facts: at least one fact, and why. */
export const specialPopulationFactsBody = z
  .strictObject({
    homeless: z.boolean().optional().describe('The family is homeless'),
    parentAgeBands: z
      .array(parentAgeBand)
      .min(1)
      .max(10)
      .optional()
      .describe('The age bands of the family’s parents (under-20: a teen parent)'),
    reason: z.string().trim().min(1).max(500).describe('Why (kept in the audit log, never in an event)'),
  })
  .refine((b) => b.homeless !== undefined || b.parentAgeBands !== undefined, {
    message: 'give at least one fact: homeless or parentAgeBands',
  });
export type SpecialPopulationFactsInput = z.output<typeof specialPopulationFactsBody>;

export const specialPopulationFactsResponse = z.object({
  factsId: z.uuid(),
  familyId: z.uuid(),
  status: z.literal('accepted').describe('The family’s coordination process applies the facts; read the enrollment'),
  enrollment: z.string().describe('GET /shared-families/{familyId}/enrollment (also the Location header)'),
});
export type SpecialPopulationFactsAccepted = z.output<typeof specialPopulationFactsResponse>;
