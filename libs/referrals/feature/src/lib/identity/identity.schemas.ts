import { z } from 'zod';

const reasonCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be a lower-case code (e.g. not-same-person)')
  .describe('Why, as a code: same-person, not-same-person, not-same-family, wrong-person, data-error, …');

export const decideMatchReviewBody = z
  .strictObject({
    decision: z.enum(['link', 'reject']).describe('link: the two records are one person; reject: they are not'),
    reason: reasonCode,
    note: z.string().trim().min(1).max(500).optional().describe('A free-text note for the audit (no names or identifiers)'),
  })
  .describe('A liaison’s decision on a match review');
export type DecideMatchReview = z.output<typeof decideMatchReviewBody>;

export const unlinkPersonBody = z
  .strictObject({ reason: reasonCode })
  .describe('Ends a person link (reversible: a new link is a new decision)');
export type UnlinkPerson = z.output<typeof unlinkPersonBody>;

const levels = z
  .object({
    ssn: z.enum(['exact', 'differ', 'null']),
    dob: z.enum(['exact', 'swapped', 'two-of-three', 'none', 'null']),
    first: z.enum(['exact', 'nickname', 'dice-85', 'phonetic', 'dice-70', 'none']),
    last: z.enum(['exact', 'shared-part', 'dice-85', 'phonetic', 'none']),
    role: z.enum(['compatible', 'incompatible']),
  })
  .describe('Agreement level per field (never the compared values or their match keys)');

export const evidenceResponse = z.object({
  levels,
  partialWeights: z.record(z.string(), z.number()).describe('log2(m/u) per field'),
  weight: z.number().describe('Total match weight (prior included)'),
  probability: z.number().min(0).max(1),
  guards: z.array(z.enum(['ssn-conflict', 'twin', 'role-conflict', 'common-name-only'])),
  modelVersion: z.string(),
});

const personRef = z.object({
  personRecordId: z.uuid(),
  agency: z.enum(['cws', 'calworks', 'linkages']),
  refKind: z.enum(['cws-person', 'au-member', 'referral-member']),
  refId: z.uuid().describe('The agency’s own person id'),
  familyRefKind: z.enum(['cws-family', 'au', 'linkages-referral']),
  familyRefId: z.uuid(),
  role: z.string(),
  ageBand: z.enum(['child', 'under-20', '20-plus']),
});

export const matchReviewResponse = z.object({
  reviewId: z.uuid(),
  kind: z.enum(['cross-agency', 'duplicate']),
  status: z.enum(['open', 'linked', 'rejected', 'superseded']),
  probability: z.number(),
  evidence: evidenceResponse,
  a: personRef,
  b: personRef,
  openedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  linkId: z.uuid().nullable().describe('The person link the decision made (decision link)'),
  familyId: z.uuid().nullable().describe('The shared family of the first record after the decision'),
});
export const matchReviewListResponse = z
  .object({
    reviews: z.array(matchReviewResponse).describe('Oldest first (opened at, then id)'),
    nextCursor: z.string().nullable().describe('Pass as `after` for the next page; null on the last page'),
  })
  .describe('One page of the county’s match review queue');

/** The review queue's cursor: opaque to callers (base64url of the last review's position: opened-at microseconds and id). */
export const reviewCursor = {
  encode: (position: { micros: string; id: string }) => Buffer.from(`${position.micros}.${position.id}`, 'utf8').toString('base64url'),
  decode: (cursor: string): { micros: string; id: string } | undefined => {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    const match = /^(-?\d{1,19})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(text);
    const [, micros, id] = match ?? [];
    return micros && id ? { micros, id } : undefined;
  },
};

export const matchReviewListQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50).describe('Reviews per page, 1–100 (default 50)'),
    after: z
      .string()
      .max(200)
      .transform((cursor, ctx) => {
        const position = reviewCursor.decode(cursor);
        if (!position) ctx.addIssue({ code: 'custom', message: 'is not a cursor this list gave (nextCursor)' });
        return position ?? { micros: '0', id: '' };
      })
      .optional()
      .describe('The `nextCursor` of the previous page'),
    kind: z.enum(['cross-agency', 'duplicate']).optional().describe('Only cross-agency pairs, or only duplicates inside one agency'),
    status: z.enum(['open', 'linked', 'rejected', 'superseded']).default('open').describe('Default open (the queue)'),
  })
  .describe('Paging and filters of the match review queue');
export type MatchReviewListQuery = z.output<typeof matchReviewListQuery>;

export const personLinkResponse = z.object({
  linkId: z.uuid(),
  kind: z.enum(['cross-agency', 'duplicate']),
  status: z.enum(['linked', 'unlinked']),
  decidedBy: z.string(),
  probability: z.number(),
  evidence: evidenceResponse,
  a: personRef,
  b: personRef,
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
});

export const unlinkResponse = personLinkResponse.extend({
  familyIds: z.array(z.uuid()).describe('The shared families after the unlink (two when the family was split)'),
});

export const sharedFamilyResponse = z.object({
  familyId: z.uuid(),
  countyCode: z.string(),
  status: z.enum(['active', 'merged']),
  mergedInto: z.uuid().nullable(),
  createdAt: z.string(),
  identities: z.array(
    z.object({
      refKind: z.enum(['cws-family', 'au', 'linkages-referral']),
      refId: z.uuid(),
      calworksCaseNumber: z.string().nullable(),
      linkId: z.uuid().nullable(),
      linkedAt: z.string(),
    }),
  ),
  links: z.array(personLinkResponse).describe('Current person links inside the family, with evidence levels (never match keys)'),
});
