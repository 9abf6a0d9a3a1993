import type { DueRule } from '@linkages/platform-deadlines';

/** A reminder before the due instant, as an ISO 8601 duration (P3D, PT4H). */
export interface ReminderStage {
  before: string;
  notify: string;
}

/** One rung of the overdue ladder: who is told, and how long they have to acknowledge before the next rung. */
export interface EscalationLevel {
  level: number;
  role: string;
  acknowledgeWithin: string;
}

export type PolicyDomain = 'cws-er' | 'cws-court' | 'cws-case' | 'calworks-wtw' | 'calworks-fr' | 'linkages';

/** One legal rule: the deadline it sets, where it comes from, and how it is enforced. */
export interface PolicyRule extends DueRule {
  domain: PolicyDomain;
  /** Which calendar decides closed days. */
  calendar: 'county' | 'court';
  trigger: string;
  action: string;
  who: string;
  /** Where the number was found, and what check of the official text has been done. */
  source: string;
  verification: string;
  /** Unconfirmed and county rules can be changed per county (RULES.md legend). */
  configurablePerCounty: boolean;
  reminders: ReminderStage[];
  escalation: EscalationLevel[];
  pause: { allowed: boolean; reasonCodes: string[] };
  extension: { allowed: boolean; reasonCodes: string[]; max?: number };
  note?: string;
}

export type PolicyOverride = Partial<Omit<PolicyRule, 'id' | 'domain'>> & { source: string };
