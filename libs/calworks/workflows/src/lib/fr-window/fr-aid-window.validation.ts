import { ApplicationFailure } from '@temporalio/workflow';
import { frDateOf } from '@linkages/calworks-domain';
import type {
  ConfirmMembersRequest,
  FrAidWindowInput,
  FrAidWindowView,
  MatchAuRequest,
  RecordRedeterminationRequest,
} from './fr-aid-window.messages';

// Validation of the FR aid process's input and updates: a refused update changes nothing and says why.

export const invalid = (message: string) => ApplicationFailure.nonRetryable(message, 'InvalidFrAidWindowRequest');

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const requireUuid = (value: unknown, what: string) => {
  if (typeof value !== 'string' || !uuid.test(value)) throw invalid(`${what} must be a UUID`);
};
const requireBooleans = (o: object | undefined, keys: string[], what: string) => {
  for (const k of keys)
    if (typeof (o as Record<string, unknown> | undefined)?.[k] !== 'boolean') throw invalid(`${what}.${k} must be true or false`);
};
/** Clock skew allowed for a fact's instant. */
const SKEW_MS = 5 * 60_000;

export function validateInput(input: FrAidWindowInput): void {
  if (!input?.removalId || !input.familyId || !input.caseId || !input.countyCode || !input.removedAt || !input.settings)
    throw invalid('frAidWindowWorkflow needs removalId, familyId, caseId, countyCode, removedAt and settings');
}

export function initialView(input: FrAidWindowInput): FrAidWindowView {
  return {
    removalId: input.removalId,
    familyId: input.familyId,
    caseId: input.caseId,
    countyCode: input.countyCode,
    status: input.auId ? 'temporary-absence' : 'awaiting-au-match',
    auId: input.auId,
    reviewId: input.reviewId,
    allChildrenRemoved: input.allChildrenRemoved,
    removedAt: input.removedAt,
    settings: input.settings,
    refusals: [],
    timeline: [],
  };
}

export function validateMatchAu(req: MatchAuRequest, view: FrAidWindowView): void {
  if (view.auId) throw invalid('The removal is already matched to an AU');
  requireUuid(req?.auId, 'auId');
  requireUuid(req?.by, 'by');
}

export function validateConfirmMembers(req: ConfirmMembersRequest, view: FrAidWindowView, ended: boolean): void {
  if (!view.auId) throw invalid('The removal is not matched to an AU yet (review list)');
  if (view.members) throw invalid('The AU members of this removal are already confirmed');
  if (ended) throw invalid('The process has ended');
  if (!Array.isArray(req?.removedMemberIds) || req.removedMemberIds.length === 0)
    throw invalid('removedMemberIds must name at least one AU member');
  for (const id of req.removedMemberIds) requireUuid(id, 'removedMemberIds[]');
  requireUuid(req.parentMemberId, 'parentMemberId');
  requireUuid(req.by, 'by');
  if (req.facts?.caretakerRole !== 'parent' && req.facts?.caretakerRole !== 'caretaker-relative')
    throw invalid('facts.caretakerRole must be parent or caretaker-relative');
  requireBooleans(req.facts, ['auAidedAtRemoval', 'caretakerNeedy', 'parentWtwSanctioned'], 'facts');
  requireBooleans(req.exclusions, ['ssiRecipient', 'undocumentedNoncitizen', 'fleeingFelon', 'timeOnAidLimitReached'], 'exclusions');
  if (req.confirmedAt !== undefined) {
    const t = Date.parse(req.confirmedAt);
    if (Number.isNaN(t) || t > Date.now() + SKEW_MS) throw invalid('confirmedAt must be an ISO instant, not in the future');
  }
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A redetermination is recorded for AB 429 services that run, dated from their start (or the last one) to today. */
export function validateRedetermination(req: RecordRedeterminationRequest, view: FrAidWindowView, ended: boolean): void {
  const services = view.ab429;
  if (ended || !services) throw invalid('This removal has no AB 429 services: there is no redetermination to record');
  if (services.endedOn) throw invalid(`The AB 429 services ended on ${services.endedOn}: no redetermination is due`);
  requireUuid(req?.by, 'by');
  if (typeof req.completedOn !== 'string' || !isoDate.test(req.completedOn)) throw invalid('completedOn must be a date (YYYY-MM-DD)');
  const today = frDateOf(new Date(Date.now()).toISOString());
  if (req.completedOn > today) throw invalid(`completedOn ${req.completedOn} is in the future (today is ${today} in California)`);
  const earliest = services.lastRedeterminationOn ?? services.startsOn;
  if (req.completedOn < earliest)
    throw invalid(
      `completedOn ${req.completedOn} is before ${services.lastRedeterminationOn ? 'the last redetermination' : 'the services started'} (${earliest})`,
    );
}
