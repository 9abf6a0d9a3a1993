import { Injectable } from '@nestjs/common';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { mdtMembershipTerms, mdtWindowOpening, type AuthorityTerms } from '@linkages/referrals-domain';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import type { RecordMdt } from '../referral.schemas';
import { AuthorityRecorder, type MdtWindowClock } from './authority.recorder';
import { authorityView, familyAuthorityView, type AuthorityView, type FamilyAuthorityView } from './authority.view';
import { FamilyInCounty } from './family-in-county';

/**
 * Records CalWORKs staff as members of the family's child-abuse MDT (WIC 18961.7). The information window is the
 * policy rule as it applies in the county, explained in the authority's basis, tracked as a clock on the authority
 * (the timeline explains it) and ended by the authority's process at its end.
 */
@Injectable()
export class RecordMdtCommand {
  constructor(
    private readonly referralInCounty: ReferralInCounty,
    private readonly familyInCounty: FamilyInCounty,
    private readonly recorder: AuthorityRecorder,
    private readonly deadlines: TrackedDeadlines,
  ) {}

  async execute(ctx: RequestContext, referralId: string, input: RecordMdt): Promise<AuthorityView> {
    const referral = await this.referralInCounty.find(ctx, referralId, 'record MDT membership');
    const { terms, clock } = this.terms(ctx, referral.countyCode, input);
    return authorityView(await this.recorder.record(ctx, { referral }, terms, clock));
  }

  async executeOnFamily(ctx: RequestContext, familyId: string, input: RecordMdt): Promise<FamilyAuthorityView> {
    const family = await this.familyInCounty.find(ctx, familyId, 'record MDT membership');
    const { terms, clock } = this.terms(ctx, family.countyCode, input);
    return familyAuthorityView(await this.recorder.record(ctx, { family }, terms, clock));
  }

  private terms(ctx: RequestContext, countyCode: string, input: RecordMdt): { terms: AuthorityTerms; clock: MdtWindowClock } {
    const opening = mdtWindowOpening(input, { by: ctx.principal.subject, at: new Date().toISOString() });
    const due = this.deadlines.due(opening.ruleId, countyCode, opening.startAt, opening.adjustments);
    return {
      terms: mdtMembershipTerms(input, opening, due),
      clock: { startAt: opening.startAt, ...(input.goodCauseExtensionDays && due.dueDate ? { extendedTo: due.dueDate } : {}) },
    };
  }
}
