import { DateTime } from 'luxon';
import type { Adjustments, DueResult } from '@linkages/platform-deadlines';
import type { AuthorityTerms, MdtMembershipInput } from './authority';
import { COUNTY_ZONE } from './referral';

/** The MDT information-sharing window (WIC 18961.7): 30 days from the report, extendable for good cause. */
export const MDT_WINDOW_RULE = 'linkages.mdt-information-window';

/** Where the window's computation starts: the rule, its start and the recorded good-cause extension. */
export interface MdtWindowOpening {
  ruleId: typeof MDT_WINDOW_RULE;
  /** The start of the day the report was received, county time (ISO 8601 with offset). */
  startAt: string;
  adjustments: Adjustments;
}

/** The window opens at the start of the report's day (county time); a good-cause extension is recorded by whoever recorded the membership, when. */
export function mdtWindowOpening(
  input: Pick<MdtMembershipInput, 'reportReceivedOn' | 'goodCauseExtensionDays'>,
  recorded: { by: string; at: string },
): MdtWindowOpening {
  const start = DateTime.fromISO(input.reportReceivedOn, { zone: COUNTY_ZONE }).startOf('day');
  return {
    ruleId: MDT_WINDOW_RULE,
    startAt: start.toISO() ?? input.reportReceivedOn,
    adjustments: {
      extensions: input.goodCauseExtensionDays
        ? [{ length: input.goodCauseExtensionDays, reasonCode: 'good-cause', by: recorded.by, at: recorded.at }]
        : [],
    },
  };
}

/**
 * An MDT membership lets its members see identity and case details from the window's start to its end as the rule
 * computes it in the county (`due`); its basis is the rule's explanation, and the good cause when extended.
 */
export function mdtMembershipTerms(
  input: MdtMembershipInput,
  opening: Pick<MdtWindowOpening, 'startAt'>,
  due: Pick<DueResult, 'dueAt' | 'explanation'>,
): AuthorityTerms {
  if (!due.dueAt) throw new Error('The MDT window rule produced no end date');
  return {
    kind: 'mdt',
    effectiveFrom: DateTime.fromISO(opening.startAt).toJSDate(),
    expiresAt: DateTime.fromISO(due.dueAt).toJSDate(),
    categories: ['identity', 'detail'],
    scopes: [], // an MDT exchange never covers substance-use records (42 CFR 2.31 needs a written consent)
    memberSubjects: [...new Set(input.memberSubjects)],
    reference: input.reference,
    basis: `${due.explanation.summary}${input.goodCauseReason ? ` Good cause: ${input.goodCauseReason}.` : ''}`,
  };
}
