/** Comparison levels per field (plan §3): what the evidence of a pair records, never the tokens compared. */
export const ssnLevels = ['exact', 'differ', 'null'] as const;
/** `null`: one side has no date of birth (no evidence either way). */
export const dobLevels = ['exact', 'swapped', 'two-of-three', 'none', 'null'] as const;
export const firstLevels = ['exact', 'nickname', 'dice-85', 'phonetic', 'dice-70', 'none'] as const;
export const lastLevels = ['exact', 'shared-part', 'dice-85', 'phonetic', 'none'] as const;
export const roleLevels = ['compatible', 'incompatible'] as const;

export type SsnLevel = (typeof ssnLevels)[number];
export type DobLevel = (typeof dobLevels)[number];
export type FirstLevel = (typeof firstLevels)[number];
export type LastLevel = (typeof lastLevels)[number];
export type RoleLevel = (typeof roleLevels)[number];

export interface MatchLevels {
  ssn: SsnLevel;
  dob: DobLevel;
  first: FirstLevel;
  last: LastLevel;
  role: RoleLevel;
}

export type MatchField = keyof MatchLevels;
export const matchFields: readonly MatchField[] = ['ssn', 'dob', 'first', 'last', 'role'];

export const matchGuards = ['ssn-conflict', 'twin', 'role-conflict', 'common-name-only'] as const;
export type MatchGuard = (typeof matchGuards)[number];

/** What a link or review keeps as its reason: levels, partial weights (log2 m/u), the total, guards, the model version. */
export interface MatchEvidence {
  levels: MatchLevels;
  partialWeights: Record<MatchField, number>;
  priorWeight: number;
  weight: number;
  probability: number;
  guards: MatchGuard[];
  modelVersion: string;
  /** Set when the link rests on the CalWORKs case number agreeing (family-link rules). */
  caseNumberAgrees?: boolean;
}
