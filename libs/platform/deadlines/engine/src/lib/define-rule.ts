import { daysLadder, daysReminders, hoursLadder, hoursReminders, monthsReminders } from './ladders';
import type { PolicyRule } from './policy-rule';

type RuleInput = Omit<PolicyRule, 'reminders' | 'escalation' | 'pause' | 'extension' | 'configurablePerCounty' | 'verification'> &
  Partial<Pick<PolicyRule, 'reminders' | 'escalation' | 'pause' | 'extension' | 'configurablePerCounty' | 'verification'>>;

const secondary = 'Number taken from the source named; not yet checked against the official text (leginfo / CDSS ACL index).';

/** Fills the defaults a rule's basis implies; unconfirmed and county rules are configurable per county. */
export function defineRule(input: RuleInput): PolicyRule {
  const hourly = input.basis === 'hours' || input.basis === 'hours-excluding-non-court-days';
  return {
    reminders: hourly ? hoursReminders : input.basis === 'months' || input.basis === 'calendar-months' ? monthsReminders : daysReminders,
    escalation: hourly ? hoursLadder : daysLadder,
    pause: { allowed: false, reasonCodes: [] },
    extension: { allowed: false, reasonCodes: [] },
    configurablePerCounty: input.status !== 'confirmed',
    verification: secondary,
    ...input,
  };
}
