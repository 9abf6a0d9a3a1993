import type { MatchModel } from './match-model';

/** The version stored with every link and review: a change of parameters is a new version. */
export const MATCH_MODEL_VERSION = 'fs-2026-12-01.0';

/**
 * The frozen Fellegi–Sunter parameters (plan §3). Placeholder priors until `npm run bench:matching -- --fit` prints the
 * EM-estimated parameters of the generated population; then pasted here under a new version.
 */
export const defaultMatchModel: MatchModel = {
  version: MATCH_MODEL_VERSION,
  lambda: 0.05,
  tfMinimumU: 0.0005,
  fields: {
    ssn: { exact: { m: 0.65, u: 0.00001 }, differ: { m: 0.005, u: 0.65 }, null: { m: 0.345, u: 0.35 } },
    dob: {
      exact: { m: 0.95, u: 0.002 },
      swapped: { m: 0.02, u: 0.0005 },
      'two-of-three': { m: 0.025, u: 0.05 },
      none: { m: 0.004, u: 0.947 },
      null: { m: 0.001, u: 0.0005 },
    },
    first: {
      exact: { m: 0.88, u: 0.01 },
      nickname: { m: 0.05, u: 0.002 },
      'dice-85': { m: 0.03, u: 0.005 },
      phonetic: { m: 0.015, u: 0.01 },
      'dice-70': { m: 0.015, u: 0.03 },
      none: { m: 0.01, u: 0.943 },
    },
    last: {
      exact: { m: 0.85, u: 0.01 },
      'shared-part': { m: 0.07, u: 0.003 },
      'dice-85': { m: 0.03, u: 0.003 },
      phonetic: { m: 0.01, u: 0.01 },
      none: { m: 0.04, u: 0.974 },
    },
    role: { compatible: { m: 0.999, u: 0.8 }, incompatible: { m: 0.001, u: 0.2 } },
  },
};
