/**
 * A request that the record's history makes impossible. Decisions return it instead of throwing; the feature answers
 * it as the 409 `impossible-sequence` problem with this text, and nothing changes.
 */
export interface Refusal {
  readonly refused: string;
}

export const refusal = (message: string): Refusal => ({ refused: message });

export const isRefusal = (value: unknown): value is Refusal => typeof value === 'object' && value !== null && 'refused' in value;

/** A clock a fact starts: `purpose` is unique per record, `ruleId` names the rule in the catalog. */
export interface ClockOpening {
  purpose: string;
  ruleId: string;
  /** ISO 8601 instant the rule counts from. */
  startAt: string;
}
