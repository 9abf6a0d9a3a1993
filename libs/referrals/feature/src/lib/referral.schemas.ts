import { z } from 'zod';
import { dateOfBirth, schemaMatches, ssn, type MatchesSchema } from '@linkages/platform-http';
import { consentScopes, type DisclosedReferral } from '@linkages/referrals-domain';
import type { AuthorityView } from './authority/authority.view';
import type { PersonMatch } from './person/match-person.query';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });

export const memberInput = z.strictObject({
  role: z.enum(['parent', 'child', 'caregiver']),
  firstName: text(100),
  lastName: text(100),
  dateOfBirth,
  ssn: ssn.optional(),
});

export const createReferralBody = z
  .strictObject({
    caseType: z.enum(['ER', 'FM', 'FR']).describe('CWS case type'),
    cwsCaseNumber: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes'),
    calworksCaseNumber: z
      .string()
      .regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes')
      .optional(),
    removedOn: isoDate.optional().describe('Date of the removal, if a child is removed'),
    childrenRemoved: z.number().int().min(0).max(20).default(0),
    allegations: z.array(text(200)).max(20).default([]),
    safetyConcerns: text(4000).optional(),
    servicesRecommended: z.array(text(200)).max(20).default([]),
    reporter: z.strictObject({ name: text(200), phone: text(40).optional(), relationship: text(100).optional() }).optional(),
    members: z.array(memberInput).min(1).max(20),
  })
  .superRefine((body, ctx) => {
    if (body.childrenRemoved > 0 && !body.removedOn)
      ctx.addIssue({ code: 'custom', path: ['removedOn'], message: 'is required when childrenRemoved > 0' });
    if (body.removedOn && body.childrenRemoved === 0)
      ctx.addIssue({ code: 'custom', path: ['childrenRemoved'], message: 'must be at least 1 when removedOn is given' });
    const children = body.members.filter((m) => m.role === 'child').length;
    if (body.childrenRemoved > children)
      ctx.addIssue({ code: 'custom', path: ['childrenRemoved'], message: 'cannot exceed the number of children named in members' });
  });
export type CreateReferral = z.output<typeof createReferralBody>;

export const recordConsentBody = z
  .strictObject({
    kind: z.literal('consent'),
    signedOn: isoDate.describe(
      'Date the parent or guardian signed the authorization: not after today (county time, 5 minutes of clock skew)',
    ),
    expiresOn: isoDate.describe(
      "Expiry written on the authorization (WIC 18986.46: a signed authorization has an end): after signedOn and at most the county's maximum term after it (12 months by default; rule linkages.consent-maximum-validity, unconfirmed)",
    ),
    categories: z
      .array(z.enum(['identity', 'detail']))
      .min(1)
      .describe('What the authorization releases beyond the minimum-necessary facts'),
    scopes: z
      .array(z.enum(consentScopes))
      .max(consentScopes.length)
      .optional()
      .describe(
        'Records the authorization names specifically: `substance-use-records` only when it names them (42 CFR 2.31); none when absent',
      ),
    reference: text(200).describe('The form and its number, e.g. "SCD 1029 #2026-0141"'),
  })
  .refine((b) => b.expiresOn > b.signedOn, { path: ['expiresOn'], message: 'must be after signedOn' });
export type RecordConsent = z.output<typeof recordConsentBody>;

export const recordMdtBody = z
  .strictObject({
    kind: z.literal('mdt'),
    reportReceivedOn: isoDate.describe('Date of the child-abuse report the MDT exchange concerns (the 30-day window starts here)'),
    memberSubjects: z.array(z.string().min(1).max(200)).min(1).max(20).describe('Token subjects of the CalWORKs staff who are MDT members'),
    reference: text(200).describe('The county MDT protocol or meeting reference'),
    goodCauseExtensionDays: z
      .number()
      .int()
      .min(1)
      .max(60)
      .optional()
      .describe('Extension of the window for good cause (WIC 18961.7), in days'),
    goodCauseReason: text(500).optional(),
  })
  .refine((b) => (b.goodCauseExtensionDays === undefined) === (b.goodCauseReason === undefined), {
    path: ['goodCauseReason'],
    message: 'is required with goodCauseExtensionDays, and only with it',
  });
export type RecordMdt = z.output<typeof recordMdtBody>;

export const recordAuthorityBody = z.union([recordConsentBody, recordMdtBody]);
export type RecordAuthority = z.output<typeof recordAuthorityBody>;

export const revokeAuthorityBody = z.strictObject({ reason: text(500) });
export type RevokeAuthority = z.output<typeof revokeAuthorityBody>;

export const matchPersonBody = z
  .strictObject({ ssn: ssn.optional(), dateOfBirth: dateOfBirth.optional() })
  .refine((b) => b.ssn !== undefined || b.dateOfBirth !== undefined, { message: 'give ssn, dateOfBirth or both' });
export type MatchPerson = z.output<typeof matchPersonBody>;

// Responses: what the views return, as JSON.

/** A referral as the caller may see it: fields absent when the disclosure basis does not cover their class. */
export const disclosedReferralResponse = z.object({
  id: z.uuid().optional(),
  familyId: z.uuid().optional(),
  countyCode: z.string().optional(),
  status: z.enum(['open', 'closed']).optional(),
  createdAt: z.string().optional(),
  caseType: z.enum(['ER', 'FM', 'FR']).optional(),
  cwsCaseNumber: z.string().optional(),
  calworksCaseNumber: z.string().nullable().optional(),
  calworksAided: z.boolean().optional(),
  removedOn: z.string().nullable().optional(),
  childrenRemoved: z.number().int().optional(),
  memberCount: z.number().int().optional(),
  members: z
    .array(
      z.object({
        personId: z.uuid().optional(),
        role: z.enum(['parent', 'child', 'caregiver']).optional(),
        firstName: z.string().optional(),
        lastName: z.string().optional(),
        dateOfBirth: z.string().optional(),
        ssnMasked: z.string().nullable().optional().describe('Last four digits only'),
      }),
    )
    .optional(),
  allegations: z.array(z.string()).optional(),
  safetyConcerns: z.string().nullable().optional(),
  servicesRecommended: z.array(z.string()).optional(),
  reporter: z
    .object({ name: z.string().optional(), phone: z.string().optional(), relationship: z.string().optional() })
    .nullable()
    .optional(),
  disclosure: z
    .object({
      basis: z.string().describe('own-agency, wic-10850, consent or mdt'),
      citation: z.string(),
      classes: z.array(z.string()).describe('The field classes disclosed'),
      authorityIds: z.array(z.string()).describe('The consents or MDT memberships that widened the view'),
    })
    .describe('Why the caller sees these fields'),
});

export const personMatchListResponse = z.array(
  z.object({ referralId: z.uuid(), familyId: z.uuid(), personId: z.uuid(), matchedOn: z.array(z.enum(['ssn', 'dateOfBirth'])) }),
);

export const authorityResponse = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  kind: z.enum(['consent', 'mdt']),
  effectiveFrom: z.string(),
  expiresAt: z.string(),
  active: z.boolean().describe('In force now'),
  categories: z.array(z.string()).describe('What it releases beyond the minimum-necessary facts'),
  scopes: z.array(z.string()).describe('Records a consent names specifically (`substance-use-records`); none for an MDT'),
  memberSubjects: z.array(z.string()).nullable(),
  reference: z.string(),
  basis: z.string().describe('How its window was computed (rule, citation, extension)'),
  recordedBy: z.string(),
  recordedAt: z.string(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});
export const authorityListResponse = z.array(authorityResponse);

schemaMatches<MatchesSchema<DisclosedReferral, typeof disclosedReferralResponse>>();
schemaMatches<MatchesSchema<PersonMatch[], typeof personMatchListResponse>>();
schemaMatches<MatchesSchema<AuthorityView, typeof authorityResponse>>();
