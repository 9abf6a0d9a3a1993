import { Injectable } from '@nestjs/common';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { mdtMembershipTerms, mdtWindowOpening } from '@linkages/referrals-domain';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import type { RecordMdt } from '../referral.schemas';
import { AuthorityRecorder } from './authority.recorder';
import type { AuthorityView } from './authority.view';

/**
 * Records CalWORKs staff as members of the family's child-abuse MDT (WIC 18961.7). The information window is the
 * policy rule as it applies in the referral's county, explained in the authority's basis.
 */
@Injectable()
export class RecordMdtCommand {
  constructor(
    private readonly referralInCounty: ReferralInCounty,
    private readonly recorder: AuthorityRecorder,
    private readonly deadlines: TrackedDeadlines,
  ) {}

  async execute(ctx: RequestContext, referralId: string, input: RecordMdt): Promise<AuthorityView> {
    const referral = await this.referralInCounty.find(ctx, referralId, 'record MDT membership');
    const opening = mdtWindowOpening(input, { by: ctx.principal.subject, at: new Date().toISOString() });
    const due = this.deadlines.due(opening.ruleId, referral.countyCode, opening.startAt, opening.adjustments);
    return this.recorder.record(ctx, referral, mdtMembershipTerms(input, opening, due));
  }
}
