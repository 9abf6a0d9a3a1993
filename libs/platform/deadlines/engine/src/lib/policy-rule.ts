import type { RollDirection } from './compute-due';
import type { DeadlinePolicy } from './policy';

export type { EscalationLevel, ReminderStage } from './policy';

/** The rule's domain and area, `<domain>-<area>` (cws-er, calworks-wtw, linkages): a label for docs and search. */
export type PolicyDomain = string;

/** One legal rule: the deadline it sets, where it comes from, and how it is enforced. */
export interface PolicyRule extends DeadlinePolicy {
  domain: PolicyDomain;
  /** The fact the count starts from, named with its date in every explanation ("the disposition hearing"). */
  anchor: string;
  trigger: string;
  action: string;
  who: string;
  /** Where the number was found, and what check of the official text has been done. */
  source: string;
  verification: string;
  /** How a last day on a closed day moves, why, and on what authority (every rule states it). */
  rollDirection: RollDirection;
  rollReason: string;
  rollSource: string;
  /**
   * The fields a county may change: only what the law leaves open (RULES.md legend). Empty for a confirmed rule
   * unless it names the open part (e.g. `['rollDirection']` for a day-20 roll the source does not settle).
   */
  configurable: readonly ConfigurableField[];
  /** True when `configurable` is not empty. */
  configurablePerCounty: boolean;
  note?: string;
}

/** Fields of a rule that a county configuration could change (identity, citation and status never). */
export type ConfigurableField = keyof Omit<
  PolicyRule,
  | 'id'
  | 'domain'
  | 'title'
  | 'citation'
  | 'status'
  | 'kind'
  | 'anchor'
  | 'source'
  | 'verification'
  | 'configurable'
  | 'configurablePerCounty'
  | 'rollForward'
>;

/** A county's configuration of one rule: the configurable fields it changes, and the source it names. */
export type PolicyOverride = Partial<Pick<PolicyRule, ConfigurableField>> & { source: string };
