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
 * AB 2085 (2022; PC 11165.2(b)): a family's economic disadvantage alone is not general neglect, and poverty alone is
 * never the reason to accept a referral (RULES.md 1). A referral the screener marks poverty-only is therefore refused
 * for acceptance (investigation or Differential Response) whatever its allegations: an allegation of another type
 * does not make poverty a reason. It may be evaluated out (and linked to services), or screened again without the
 * poverty-only mark when another concern is the reason.
 */
export function refusedByAb2085(input: Pick<ScreeningInput, 'decision' | 'povertyOnly'>): boolean {
  return input.decision !== 'evaluated-out' && input.povertyOnly;
}

/** The reason the refusal is audited with (outcome 'denied'). */
export const ab2085AuditReason = `${ab2085Problem.slug}: ${ab2085Problem.message}`;

/** The referral's status after the screening decision. */
export const statusAfterScreening = (decision: ScreeningDecision): 'evaluated-out' | 'accepted' =>
  decision === 'evaluated-out' ? 'evaluated-out' : 'accepted';

/** The response clock of a priority: 24 hours or 10 calendar days (WIC 16501(f)). */
export const responseClockRule = (priority: ResponsePriority): string =>
  priority === 'immediate' ? 'cws.er.immediate-response' : 'cws.er.ten-day-response';

/**
 * Only an investigation (not Differential Response) has a disposition clock, and it starts at the first face-to-face
 * contact (RULES.md 1, LA DCFS 0070-548.10): see emergency-response.rules `firstContactClocks`.
 */
export const opensInvestigationClock = (decision: ScreeningDecision): boolean => decision === 'accepted';

export interface Acceptance {
  responsePriority: ResponsePriority;
  path: 'investigation' | 'differential-response';
  /**
   * The response clock only. An accepted referral has no disposition clock before contact: the 30 days count from
   * the first face-to-face contact (RULES.md 1), and until then the response clock (24 hours / 10 days, WIC 16501(f))
   * is the deadline that runs.
   */
  clocks: ClockOpening[];
}

/** What accepting a referral starts (nothing when it is evaluated out, or accepted without a priority). */
export function acceptanceOf(input: ScreeningInput): Acceptance | undefined {
  if (input.decision === 'evaluated-out' || !input.responsePriority) return undefined;
  const clocks: ClockOpening[] = [{ purpose: 'er-response', ruleId: responseClockRule(input.responsePriority), startAt: input.decidedAt }];
  return {
    responsePriority: input.responsePriority,
    path: input.decision === 'accepted' ? 'investigation' : 'differential-response',
    clocks,
  };
}
