import type { Basis, RollDirection } from './compute-due';
import { daysLadder, daysReminders, hoursLadder, hoursReminders, monthsReminders } from './ladders';
import type { DeadlinePolicy, EscalationPolicy } from './policy';
import type { ConfigurableField, PolicyRule } from './policy-rule';

type Defaulted =
  | 'reminders'
  | 'escalation'
  | 'escalationPolicy'
  | 'pause'
  | 'extension'
  | 'configurablePerCounty'
  | 'configurable'
  | 'verification'
  | 'rollDirection'
  | 'rollReason'
  | 'rollSource';
type RuleInput = Omit<PolicyRule, Defaulted> & Partial<Pick<PolicyRule, Defaulted>>;

const secondary = 'Number taken from the source named; not yet checked against the official text (leginfo / CDSS ACL index).';

/** What a county may change of a county or unconfirmed rule when the record does not say: the number, its basis and its handling. */
export const openRuleFields: readonly ConfigurableField[] = [
  'length',
  'basis',
  'calendar',
  'rollDirection',
  'rollReason',
  'rollSource',
  'reminders',
  'escalation',
  'escalationPolicy',
  'pause',
  'extension',
  'note',
];

/** How a closed last day moves when the record does not say, by basis. */
export function defaultRoll(basis: Basis): { rollDirection: RollDirection; rollReason: string; rollSource: string } {
  switch (basis) {
    case 'hours':
    case 'hours-excluding-non-court-days':
      return {
        rollDirection: 'none',
        rollReason: 'Hour-based limits count elapsed time and do not move for weekends or holidays',
        rollSource: 'RULES.md 6 (CCP 12a applies to day periods, not hours)',
      };
    case 'business-days':
    case 'court-days':
      return {
        rollDirection: 'forward',
        rollReason: 'Only open days are counted, so the last day is always an open day',
        rollSource: 'CCP 12, 12a; CCP 135 (court days); Gov. Code 6700 (county calendar)',
      };
    case 'calendar-days':
      return {
        rollDirection: 'forward',
        rollReason: 'A "within N days" period whose last day is closed ends on the next open day',
        rollSource: 'CCP 12, 12a; Gov. Code 6800 (RULES.md 6)',
      };
    case 'months':
    case 'calendar-months':
    case 'full-calendar-months':
      return {
        rollDirection: 'backward',
        rollReason:
          'A month-based "no later than" limit: tracked to the last open day on or before it, so the tracked date never passes the limit',
        rollSource: 'RULES.md 6 and 9 (months from anchor dates); CCP 12a could extend it',
      };
  }
}

const businessHours = { start: '08:00', end: '17:00' };

/** How notifications runs a rule's ladder when the record does not say, by basis. */
export function defaultEscalationPolicy(basis: Basis): EscalationPolicy {
  const hourly = basis === 'hours' || basis === 'hours-excluding-non-court-days';
  return hourly
    ? { windows: 'clock-hours', businessHours: { ...businessHours }, legallyUrgent: false, acknowledgmentExpiry: 'PT4H' }
    : { windows: 'business-hours', businessHours: { ...businessHours }, legallyUrgent: false, acknowledgmentExpiry: 'P1D' };
}

/** The record's escalation policy, or the default for its basis (records written before issue 14 have none). */
export function escalationPolicyOf(policy: Pick<DeadlinePolicy, 'basis' | 'escalationPolicy'>): EscalationPolicy {
  return policy.escalationPolicy ?? defaultEscalationPolicy(policy.basis);
}

/** Fills the defaults a rule's basis implies; unconfirmed and county rules are configurable per county. */
export function defineRule(input: RuleInput): PolicyRule {
  const hourly = input.basis === 'hours' || input.basis === 'hours-excluding-non-court-days';
  if (input.status === 'confirmed' && input.configurablePerCounty && !input.configurable)
    throw new Error(
      `Rule ${input.id} is confirmed: name the fields the law leaves open (configurable: [...]) instead of configurablePerCounty`,
    );
  if (input.rollDirection && (!input.rollReason || !input.rollSource))
    throw new Error(`Rule ${input.id}: a rollDirection needs its rollReason and rollSource`);
  const configurable = input.configurable ?? (input.status === 'confirmed' ? [] : openRuleFields);
  const roll = defaultRoll(input.basis);
  return {
    reminders: hourly
      ? hoursReminders
      : input.basis === 'months' || input.basis === 'calendar-months' || input.basis === 'full-calendar-months'
        ? monthsReminders
        : daysReminders,
    escalation: hourly ? hoursLadder : daysLadder,
    escalationPolicy: defaultEscalationPolicy(input.basis),
    pause: { allowed: false, reasonCodes: [] },
    extension: { allowed: false, reasonCodes: [] },
    verification: secondary,
    ...roll,
    ...(input.rollForward === false && !input.rollDirection ? { rollDirection: 'none' as const } : {}),
    ...input,
    configurable,
    configurablePerCounty: configurable.length > 0,
  };
}
