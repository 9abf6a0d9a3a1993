import type { MatchReviewEntity, PersonLinkEntity, PersonRecordEntity } from '@linkages/referrals-data-access';
import type { MatchEvidence } from '@linkages/referrals-domain';

/**
 * Views are built from explicit fields: a person record's keys (match tokens, Bloom filters) have no way into an
 * answer, and evidence keeps levels, weights and guards only.
 */
export const personRefView = (p: PersonRecordEntity) => ({
  personRecordId: p.id,
  agency: p.agency,
  refKind: p.refKind,
  refId: p.refId,
  familyRefKind: p.familyRefKind,
  familyRefId: p.familyRefId,
  role: p.role,
  ageBand: p.ageBand,
});

export const evidenceView = (e: MatchEvidence) => ({
  levels: { ssn: e.levels.ssn, dob: e.levels.dob, first: e.levels.first, last: e.levels.last, role: e.levels.role },
  partialWeights: { ...e.partialWeights },
  weight: e.weight,
  probability: e.probability,
  guards: [...e.guards],
  modelVersion: e.modelVersion,
});

const people = (records: readonly PersonRecordEntity[]) => new Map(records.map((r) => [r.id, r]));

const refOf = (byId: Map<string, PersonRecordEntity>, id: string) => {
  const record = byId.get(id);
  if (!record) throw new Error(`Person record ${id} is missing`);
  return personRefView(record);
};

export function matchReviewView(
  review: MatchReviewEntity,
  records: readonly PersonRecordEntity[],
  after: { linkId?: string | null; familyId?: string | null } = {},
) {
  const byId = people(records);
  return {
    reviewId: review.id,
    kind: review.kind,
    status: review.status,
    probability: review.probability,
    evidence: evidenceView(review.evidence),
    a: refOf(byId, review.aId),
    b: refOf(byId, review.bId),
    openedAt: review.openedAt.toISOString(),
    decidedBy: review.decidedBy,
    decidedAt: review.decidedAt?.toISOString() ?? null,
    reason: review.reason,
    linkId: after.linkId ?? null,
    familyId: after.familyId ?? null,
  };
}
export type MatchReviewView = ReturnType<typeof matchReviewView>;

export function personLinkView(link: PersonLinkEntity, records: readonly PersonRecordEntity[]) {
  const byId = people(records);
  return {
    linkId: link.id,
    kind: link.kind,
    status: link.status,
    decidedBy: link.decidedBy,
    probability: link.probability,
    evidence: evidenceView(link.evidence),
    a: refOf(byId, link.aId),
    b: refOf(byId, link.bId),
    createdAt: link.createdAt.toISOString(),
    endedAt: link.endedAt?.toISOString() ?? null,
    endedBy: link.endedBy,
    endReason: link.endReason,
  };
}
export type PersonLinkView = ReturnType<typeof personLinkView>;
