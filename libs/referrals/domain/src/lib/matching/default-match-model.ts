import type { MatchModel } from './match-model';

/** The version stored with every link and review: a change of parameters is a new version. */
export const MATCH_MODEL_VERSION = 'fs-2026-12-01.1';

/**
 * The frozen Fellegi–Sunter parameters (plan §3), fitted by `npm run bench:matching -- --fit` on the generated
 * population (seed 20261201, 2,000 families, 10,505 agency records): u from 200,000 random cross-agency pairs; m by EM
 * in two sessions (pairs blocked on the SSN estimate the date of birth and the names, pairs blocked on the date of
 * birth estimate the SSN), m floored at 0.001 and renormalized; λ = P(two random cross-agency records are one person)
 * from the SSN rule (SSN-exact pairs / m(ssn = exact)) over all cross-agency pairs. Refit and bump the version when
 * the keys, the levels or the population change; counties tune the thresholds only (match-settings.ts).
 */
export const defaultMatchModel: MatchModel = {
  version: MATCH_MODEL_VERSION,
  lambda: 0.0001169,
  tfMinimumU: 0.0005,
  fields: {
    ssn: { exact: { m: 0.4172, u: 7e-5 }, differ: { m: 0.000999, u: 0.4226 }, null: { m: 0.5818, u: 0.5773 } },
    dob: {
      exact: { m: 0.9571, u: 0.000215 },
      swapped: { m: 0.01981, u: 2.5e-5 },
      'two-of-three': { m: 0.02057, u: 0.00619 },
      none: { m: 0.001524, u: 0.9936 },
      null: { m: 0.000999, u: 5e-12 },
    },
    first: {
      exact: { m: 0.8661, u: 0.01033 },
      nickname: { m: 0.06211, u: 0.001085 },
      'dice-85': { m: 0.01342, u: 0.000155 },
      phonetic: { m: 0.01329, u: 0.004255 },
      'dice-70': { m: 0.02463, u: 0.001715 },
      none: { m: 0.02047, u: 0.9825 },
    },
    last: {
      exact: { m: 0.8937, u: 0.008475 },
      'shared-part': { m: 0.02233, u: 0.00078 },
      'dice-85': { m: 0.01224, u: 0.000795 },
      phonetic: { m: 0.01004, u: 0.0015 },
      none: { m: 0.06171, u: 0.9884 },
    },
    role: { compatible: { m: 0.999, u: 0.5546 }, incompatible: { m: 0.000999, u: 0.4454 } },
  },
};
