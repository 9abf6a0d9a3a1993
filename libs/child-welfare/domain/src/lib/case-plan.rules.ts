import type { CasePlanKind, CaseState } from './child-welfare.types';
import { startOfDay } from './cws-dates';
import { refusal, type ClockOpening, type Refusal } from './refusal';

export const INITIAL_CASE_PLAN = 'initial-case-plan';
export const INITIAL_CASE_PLAN_RULE = 'cws.case.initial-case-plan';
export const CASE_PLAN_UPDATE_RULE = 'cws.case.case-plan-update';

/** The update clocks are numbered: `case-plan-update-1` follows the initial plan, `-2` the first update… */
export const casePlanUpdatePurpose = (n: number): string => `case-plan-update-${n}`;

export function casePlanRefusal(kase: Pick<CaseState, 'openedOn'>, filedOn: string): Refusal | undefined {
  return filedOn < kase.openedOn ? refusal('A case plan cannot precede its case') : undefined;
}

export interface CasePlanFiling {
  kind: CasePlanKind;
  /** The clock the plan meets: the initial plan's, or the update that was due. */
  satisfies: string;
  /** WIC 16501.1: updated at least every 6 months, counted from this filing. */
  opens: ClockOpening;
}

/** A plan filed after `previous` plans of the case. */
export function casePlanFiling(previous: number, filedOn: string): CasePlanFiling {
  return {
    kind: previous === 0 ? 'initial' : 'update',
    satisfies: previous === 0 ? INITIAL_CASE_PLAN : casePlanUpdatePurpose(previous),
    opens: { purpose: casePlanUpdatePurpose(previous + 1), ruleId: CASE_PLAN_UPDATE_RULE, startAt: startOfDay(filedOn) },
  };
}

/** An amendment changes the plan in effect: there must be one (RULES.md 4: a plan without the AB 135 recommendation is amended). */
export function casePlanAmendmentRefusal(previous: number): Refusal | undefined {
  return previous === 0 ? refusal('There is no case plan to amend: file the initial case plan first') : undefined;
}

/** WIC 16501.1: without a removal, the initial case plan is due 60 days after the in-person response. */
export function initialCasePlanWithoutRemoval(firstContactAt: Date): ClockOpening {
  return { purpose: INITIAL_CASE_PLAN, ruleId: INITIAL_CASE_PLAN_RULE, startAt: firstContactAt.toISOString() };
}

/**
 * A clock due "within N days, or by disposition if earlier" is due at disposition when that comes before its own
 * date: the initial case plan (WIC 16501.1, 60 days) and the first CFT meeting (60 days of entering placement, 30 with
 * ICWA, or before disposition, whichever is first: WIC 16501(a)(4), 16501.1, ACL 22-35; RULES.md 2).
 */
export function dueAtDisposition(dispositionOn: string, dueDate: string | null | undefined): boolean {
  return !!dueDate && dispositionOn < dueDate;
}

/** The reason the new due date gives (initial case plan, first CFT meeting). */
export const DUE_AT_DISPOSITION = 'due-at-disposition';
