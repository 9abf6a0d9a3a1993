/** A current cross-agency link of a CWS person to a CalWORKs AU member. */
export interface CwsToAuLink {
  linkId: string;
  cwsPersonId: string;
  auId: string;
  auMemberId: string;
}

export interface RemovalMemberProposal {
  auId: string;
  proposedMemberIds: string[];
  linkIds: string[];
}

/**
 * Which Assistance Unit members a child welfare removal concerns (plan §3): the AU members linked to the removed child,
 * grouped by AU (the eligibility worker confirms; referrals only proposes). No link, no proposal.
 */
export function proposedAuMembers(removedChildPersonId: string, links: readonly CwsToAuLink[]): RemovalMemberProposal[] {
  const byAu = new Map<string, RemovalMemberProposal>();
  for (const link of links) {
    if (link.cwsPersonId !== removedChildPersonId) continue;
    const proposal = byAu.get(link.auId) ?? { auId: link.auId, proposedMemberIds: [], linkIds: [] };
    if (!proposal.proposedMemberIds.includes(link.auMemberId)) proposal.proposedMemberIds.push(link.auMemberId);
    proposal.linkIds.push(link.linkId);
    byAu.set(link.auId, proposal);
  }
  return [...byAu.values()].sort((x, y) => x.auId.localeCompare(y.auId));
}
