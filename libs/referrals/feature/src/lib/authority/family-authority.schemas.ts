import { z } from 'zod';
import { schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import type { FamilyAuthorityView } from './authority.view';

export const familyAuthorityResponse = z.object({
  id: z.uuid(),
  familyId: z.uuid().describe('The shared Linkages family'),
  referralId: z.uuid().nullable().describe('The referral it was recorded on, if any'),
  kind: z.enum(['consent', 'mdt']),
  effectiveFrom: z.string(),
  expiresAt: z.string().describe('Sharing stops at this instant; the authority’s process records the end then'),
  active: z.boolean().describe('In force now'),
  categories: z.array(z.string()).describe('What it releases beyond the minimum-necessary facts'),
  scopes: z.array(z.string()).describe('Records a consent names specifically (`substance-use-records`); none for an MDT'),
  memberSubjects: z.array(z.string()).nullable(),
  reference: z.string(),
  basis: z.string().describe('How its window was computed (rule, citation, extension)'),
  recordedBy: z.string(),
  recordedAt: z.string(),
  revokedAt: z.string().nullable().describe('When it stopped: revoked by staff, or its expiry / window end as recorded'),
  revocationReason: z.string().nullable(),
  endedReason: z.enum(['expired', 'window-ended', 'revoked']).nullable(),
});
export const familyAuthorityListResponse = z.array(familyAuthorityResponse);

schemaMatches<MatchesSchema<FamilyAuthorityView, typeof familyAuthorityResponse>>();
