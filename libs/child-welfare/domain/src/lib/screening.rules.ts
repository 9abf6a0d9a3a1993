import type { ReferralState, ResponsePriority, ScreeningDecision } from './child-welfare.types';
import { refusal, type ClockOpening, type Refusal } from './refusal';

export interface ScreeningInput {
  decision: ScreeningDecision;
  responsePriority?: ResponsePriority | undefined;
  povertyOnly: boolean;
  /** ISO 8601 instant. */
  decidedAt: string;
}

/** The 422 problem AB 2085 gives (type slug, title and message as the API shows them). */
export const ab2085Problem = {
  slug: 'ab-2085-poverty-is-not-neglect',
  title: 'Poverty alone is not neglect',
  message:
    'AB 2085: a referral whose only concern is poverty cannot be accepted as general neglect; evaluate it out and refer the family to services (e.g. CalWORKs)',
} as const;

/** A referral is screened once, and not before it was received. */
export function screeningRefusal(
  referral: Pick<ReferralState, 'status' | 'screeningDecision' | 'receivedAt'>,
  decidedAt: string,
): Refusal | undefined {
  if (referral.status !== 'received') return refusal(`This referral was already screened (${referral.screeningDecision})`);
  if (new Date(decidedAt) < referral.receivedAt) return refusal('A referral cannot be screened before it was received');
  return undefined;
}

/**
 * AB 2085 (2022): poverty alone (homelessness, lack of food or housing) is not general neglect, so a poverty-only
 * referral whose allegations are general neglect cannot be accepted. As today, it refuses only when *every*
 * allegation is general neglect (a poverty-only referral with another allegation type is accepted): a known gap,
 * kept so that this re-cut changes no behaviour.
 */
export function refusedByAb2085(input: Pick<ScreeningInput, 'decision' | 'povertyOnly'>, allegationTypes: readonly string[]): boolean {
  return input.decision !== 'evaluated-out' && input.povertyOnly && allegationTypes.every((t) => t === 'general-neglect');
}

/** The referral's status after the screening decision. */
export const statusAfterScreening = (decision: ScreeningDecision): 'evaluated-out' | 'accepted' =>
  decision === 'evaluated-out' ? 'evaluated-out' : 'accepted';

/** The response clock of a priority: 24 hours or 10 calendar days (WIC 16501(f)). */
export const responseClockRule = (priority: ResponsePriority): string =>
  priority === 'immediate' ? 'cws.er.immediate-response' : 'cws.er.ten-day-response';

/** Only an investigation (not Differential Response) has a disposition clock. */
export const opensInvestigationClock = (decision: ScreeningDecision): boolean => decision === 'accepted';

export interface Acceptance {
  responsePriority: ResponsePriority;
  path: 'investigation' | 'differential-response';
  /** In order: the response clock, then (investigation only) the disposition clock. */
  clocks: ClockOpening[];
}

/** What accepting a referral starts (nothing when it is evaluated out, or accepted without a priority). */
export function acceptanceOf(input: ScreeningInput): Acceptance | undefined {
  if (input.decision === 'evaluated-out' || !input.responsePriority) return undefined;
  const clocks: ClockOpening[] = [{ purpose: 'er-response', ruleId: responseClockRule(input.responsePriority), startAt: input.decidedAt }];
  if (opensInvestigationClock(input.decision))
    clocks.push({ purpose: 'investigation-disposition', ruleId: 'cws.er.investigation-disposition', startAt: input.decidedAt });
  return {
    responsePriority: input.responsePriority,
    path: input.decision === 'accepted' ? 'investigation' : 'differential-response',
    clocks,
  };
}
