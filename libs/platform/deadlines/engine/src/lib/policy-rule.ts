import type { DeadlinePolicy } from './policy';

export type { EscalationLevel, ReminderStage } from './policy';

/** The rule's domain and area, `<domain>-<area>` (cws-er, calworks-wtw, linkages): a label for docs and search. */
export type PolicyDomain = string;

/** One legal rule: the deadline it sets, where it comes from, and how it is enforced. */
export interface PolicyRule extends DeadlinePolicy {
  domain: PolicyDomain;
  trigger: string;
  action: string;
  who: string;
  /** Where the number was found, and what check of the official text has been done. */
  source: string;
  verification: string;
  /** Unconfirmed and county rules can be changed per county (RULES.md legend). */
  configurablePerCounty: boolean;
  note?: string;
}

export type PolicyOverride = Partial<Omit<PolicyRule, 'id' | 'domain'>> & { source: string };
