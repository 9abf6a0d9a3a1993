#!/usr/bin/env node
// npm run bench:matching [-- --families 2000 --seed 20261201 --fit]
// Measures the Linkages matching (issue 13, Deliver 1) on a generated population: families known to child welfare,
// CalWORKs or both, each agency's copy of a person with recording noise (typos, swapped day/month, DOB digit typos,
// hyphenated and changed surnames, nicknames, missing SSNs, twins, families child welfare entered twice). Runs the
// built code (dist/): MatchKeys (platform-crypto) makes the keys under a random MATCH_KEY; referrals-domain compares,
// scores and decides exactly as the pipeline does. Phases: keys → u by random pairs → m by EM on the blocked pairs →
// score and decide every blocked pair. Reports pairs, automatic links, TP/FP/FN, the review queue, duplicates found.
// `--fit` decides with the EM-fitted model and prints it (to freeze in default-match-model.ts under a new version);
// without it, the frozen default model decides. Last line: `matching precision = <p> recall = <r>`. Asserts nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from '../stack/lib.mjs';
import { generatePopulation, prng } from './matching-population.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const FAMILIES = arg('--families', 2000);
const SEED = arg('--seed', 20261201);
const FIT = argv.includes('--fit');
const RANDOM_PAIRS = arg('--random-pairs', 200_000);
const log = (m) => process.stdout.write(`${m}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

log(`bench:matching — ${FAMILIES} families, seed ${SEED}${FIT ? ', fitting the model by EM' : ', frozen default model'}`);
await ensureBuilt();
const needed = ['dist/libs/platform/crypto/src/lib/match/match-keys.js', 'dist/libs/referrals/domain/src/lib/matching/match-pair.js'];
if (!needed.every((f) => existsSync(join(repoRoot, f)))) {
  log('the built code predates the matching: building (npm run build)');
  execFileSync(process.execPath, [join(repoRoot, 'tools/build.mjs')], { stdio: 'ignore' });
}
const { MatchKeys } = require(join(repoRoot, 'dist/libs/platform/crypto/src/index.js'));
const domain = require(join(repoRoot, 'dist/libs/referrals/domain/src/index.js'));
const {
  assessPair,
  compare,
  defaultMatchModel,
  defaultMatchSettings,
  estimateLambda,
  estimateMBySessions,
  estimateU,
  modelOf,
  MATCH_MODEL_VERSION,
} = domain;
const { ssnLevels, dobLevels, firstLevels, lastLevels, roleLevels } = domain;

// 1. The population and its keys.
const population = generatePopulation({ seed: SEED, families: FAMILIES });
const { records } = population;
const byAgency = (a) => records.filter((r) => r.agency === a).length;
log(
  `population: ${population.families.length} families, ${population.people.length} people, ${records.length} agency records ` +
    `(child welfare ${byAgency('cws')}, CalWORKs ${byAgency('calworks')}); ${population.twins} twin pairs, ` +
    `${population.duplicateFamilies} families child welfare entered twice; SSN missing on ${records.filter((r) => !r.ssn).length} records`,
);
// A key derived from the seed: a run is reproducible (any key gives the same levels, up to Bloom-filter collisions).
const matchKeys = new MatchKeys(createHash('sha256').update(`bench:matching:${SEED}`).digest());
for (const [i, r] of records.entries()) {
  r.keys = matchKeys.forPerson(r);
  if ((i + 1) % 2500 === 0 || i + 1 === records.length) log(`keys: ${i + 1}/${records.length} (${elapsed()})`);
}

// Term frequencies of the exact name tokens (share of the county's records), as the pipeline reads them from match_tokens.
const frequency = (select) => {
  const counts = new Map();
  for (const r of records) counts.set(select(r), (counts.get(select(r)) ?? 0) + 1);
  return (token) => (counts.get(token) ?? 0) / records.length;
};
const firstTf = frequency((r) => r.keys.first.exact);
const lastTf = frequency((r) => r.keys.last.exact);
const tfOf = (r) => ({ first: firstTf(r.keys.first.exact), last: lastTf(r.keys.last.exact) });
// Families holding two people born the same day (what the pipeline reads from the two families' person records).
const birthdays = new Map();
for (const r of records) {
  const key = `${r.familyRef}|${r.keys.dob?.full}`;
  birthdays.set(key, (birthdays.get(key) ?? 0) + 1);
}
const sameBirthSibling = (a, b) => [a, b].some((r) => (birthdays.get(`${r.familyRef}|${r.keys.dob?.full}`) ?? 0) > 1);
const subject = (r) => ({ keys: r.keys, ageBand: r.ageBand, role: r.role });
const kindOf = (a, b) => (a.agency === b.agency ? 'duplicate' : 'cross-agency');

// 2. Candidate pairs: records sharing a blocking token, from different agency families (as the pipeline's query).
const blocks = new Map();
for (const r of records) for (const t of r.keys.blocking) blocks.set(t, [...(blocks.get(t) ?? []), r.index]);
const pairs = new Map();
let largestBlock = 0;
for (const members of blocks.values()) {
  largestBlock = Math.max(largestBlock, members.length);
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = records[members[i]];
      const b = records[members[j]];
      if (a.familyRef === b.familyRef) continue;
      pairs.set(a.index < b.index ? `${a.index}|${b.index}` : `${b.index}|${a.index}`, [a, b]);
    }
  }
}
const candidateCount = new Map();
for (const [a, b] of pairs.values()) for (const r of [a, b]) candidateCount.set(r.index, (candidateCount.get(r.index) ?? 0) + 1);
log(
  `blocking: ${blocks.size} tokens, ${pairs.size} candidate pairs (largest block ${largestBlock}, ` +
    `most candidates of one record ${Math.max(...candidateCount.values())}; the pipeline takes 200) (${elapsed()})`,
);

// Truth.
const truePair = (a, b) => a.personId === b.personId;
const cws = records.filter((r) => r.agency === 'cws');
const calworks = records.filter((r) => r.agency === 'calworks');
const calworksByPerson = new Map();
for (const r of calworks) calworksByPerson.set(r.personId, [...(calworksByPerson.get(r.personId) ?? []), r]);
let trueCross = 0;
for (const r of cws) trueCross += calworksByPerson.get(r.personId)?.length ?? 0;
const cwsByPerson = new Map();
for (const r of cws) cwsByPerson.set(r.personId, [...(cwsByPerson.get(r.personId) ?? []), r]);
let trueDuplicates = 0;
for (const list of cwsByPerson.values()) trueDuplicates += (list.length * (list.length - 1)) / 2;
const blockedTrue = [...pairs.values()].filter(([a, b]) => kindOf(a, b) === 'cross-agency' && truePair(a, b)).length;
log(
  `truth: ${trueCross} cross-agency pairs of one person (${blockedTrue} found by blocking), ${trueDuplicates} duplicate pairs in child welfare`,
);

// 3. u from random cross-agency pairs (nearly all different people), 4. m and λ by EM over the blocked pairs.
const levelsOf = { ssn: ssnLevels, dob: dobLevels, first: firstLevels, last: lastLevels, role: roleLevels };
const rand = prng(SEED ^ 0x5bd1e995);
const randomLevels = [];
for (let i = 0; i < RANDOM_PAIRS; i++) {
  const a = cws[Math.floor(rand() * cws.length)];
  const b = calworks[Math.floor(rand() * calworks.length)];
  randomLevels.push(compare(subject(a), subject(b)));
  if ((i + 1) % 50_000 === 0) log(`u: ${i + 1}/${RANDOM_PAIRS} random pairs compared (${elapsed()})`);
}
const u = estimateU(randomLevels, levelsOf);
const crossPairs = [...pairs.values()].filter(([a, b]) => kindOf(a, b) === 'cross-agency');
const blockedLevels = crossPairs.map(([a, b]) => compare(subject(a), subject(b)));
log(`EM: ${blockedLevels.length} blocked cross-agency pairs compared (${elapsed()})`);
const startM = Object.fromEntries(
  Object.entries(defaultMatchModel.fields).map(([f, levels]) => [f, Object.fromEntries(Object.entries(levels).map(([l, p]) => [l, p.m]))]),
);
// Splink's training: one EM session per blocking rule, each estimating the fields it does not block on.
const sessions = [
  { name: 'blocked on SSN', pairs: blockedLevels.filter((l) => l.ssn === 'exact'), blockedOn: ['ssn'] },
  {
    name: 'blocked on date of birth',
    pairs: blockedLevels.filter((l) => l.dob === 'exact' || l.dob === 'swapped'),
    blockedOn: ['dob'],
  },
];
const trained = estimateMBySessions(sessions, u, levelsOf, { lambda: 0.5, m: startM });
for (const [i, s] of trained.sessions.entries())
  log(`EM ${sessions[i].name}: ${s.pairs} pairs, ${s.iterations} iterations, λ = ${s.lambda.toFixed(4)}`);
// λ of the model is P(match) over all cross-agency pairs (the u are random pairs'). As Splink's
// estimate_probability_two_random_records_match with a deterministic rule: pairs agreeing on the SSN are matches, and
// they are the share m(ssn = exact) of all matches, so matches ≈ |SSN-exact pairs| / m(ssn = exact).
const allCrossPairs = cws.length * calworks.length;
const estimatedMatches = sessions[0].pairs.length / trained.m.ssn.exact;
const lambda = estimatedMatches / allCrossPairs;
log(
  `λ: ${estimatedMatches.toFixed(0)} matches estimated (${sessions[0].pairs.length} SSN-exact pairs / m(ssn = exact) ${trained.m.ssn.exact.toFixed(3)}); ` +
    `λ = ${lambda.toExponential(3)} over all ${allCrossPairs} cross-agency pairs (${elapsed()})`,
);
const fitted = modelOf(`${MATCH_MODEL_VERSION}-fit`, lambda, trained.m, u, defaultMatchModel.tfMinimumU);
const model = FIT ? fitted : defaultMatchModel;

// 5. Score and decide every blocked pair as the pipeline does.
const settings = defaultMatchSettings;
const count = { link: { tp: 0, fp: 0 }, review: { cross: 0, crossTrue: 0, duplicate: 0 }, duplicate: { found: 0, trueFound: 0 } };
const guards = new Map();
const falsePositives = [];
const missedPatterns = new Map();
// For the threshold sweep: every cross-agency pair's probability, guards and truth.
const sweep = [];
let done = 0;
for (const [a, b] of pairs.values()) {
  const tf = tfOf(a);
  const result = assessPair(subject(a), subject(b), model, settings, tf, { sameBirthSibling: sameBirthSibling(a, b) });
  for (const g of result.guards) guards.set(g, (guards.get(g) ?? 0) + 1);
  const same = truePair(a, b);
  if (kindOf(a, b) === 'duplicate') {
    if (result.outcome !== 'none') {
      count.duplicate.found++;
      if (same) count.duplicate.trueFound++;
    }
  } else if ((sweep.push([result.evidence.probability, result.guards.length > 0, same]), result.outcome === 'link')) {
    if (same) count.link.tp++;
    else {
      count.link.fp++;
      if (falsePositives.length < 5) falsePositives.push(result.evidence);
    }
  } else {
    if (result.outcome === 'review') count.review.cross++;
    if (result.outcome === 'review' && same) count.review.crossTrue++;
    if (same) {
      const l = result.evidence.levels;
      const key = `${l.ssn}/${l.dob}/${l.first}/${l.last}/${l.role}${result.guards.length ? ` [${result.guards.join(',')}]` : ''} → ${result.outcome}`;
      missedPatterns.set(key, (missedPatterns.get(key) ?? 0) + 1);
    }
  }
  if (++done % 100_000 === 0) log(`decide: ${done}/${pairs.size} pairs (${elapsed()})`);
}
const fn = trueCross - count.link.tp;
const precision = count.link.tp + count.link.fp === 0 ? 1 : count.link.tp / (count.link.tp + count.link.fp);
const recall = trueCross === 0 ? 1 : count.link.tp / trueCross;

if (FIT) {
  log('fitted model (paste into libs/referrals/domain/src/lib/matching/default-match-model.ts under a new version):');
  const round = (x) => Number(x.toPrecision(4));
  const fields = Object.fromEntries(
    Object.entries(fitted.fields).map(([f, levels]) => [
      f,
      Object.fromEntries(Object.entries(levels).map(([l, p]) => [l, { m: round(p.m), u: round(p.u) }])),
    ]),
  );
  log(JSON.stringify({ lambda: round(fitted.lambda), tfMinimumU: fitted.tfMinimumU, fields }, null, 1));
}
log(
  `model ${model.version}; thresholds link ≥ ${settings.linkThreshold}, review ≥ ${settings.reviewThreshold}, common name ≥ ${settings.commonNameFrequency}`,
);
log(`pairs compared: ${pairs.size} (cross-agency ${crossPairs.length}, inside one agency ${pairs.size - crossPairs.length})`);
log(`automatic links: ${count.link.tp + count.link.fp} — TP ${count.link.tp}, FP ${count.link.fp}, FN ${fn} (of ${trueCross} true pairs)`);
log(
  `review queue: ${count.review.cross} cross-agency pairs (${count.review.crossTrue} of them the same person), ${count.duplicate.found} duplicate warnings`,
);
log(
  `duplicates found: ${count.duplicate.trueFound} of ${trueDuplicates} true duplicate pairs in child welfare (${count.duplicate.found - count.duplicate.trueFound} warnings on different people)`,
);
log(`guards fired: ${[...guards.entries()].map(([g, n]) => `${g} ${n}`).join(', ') || 'none'}`);
const sweepLine = [0.9, 0.93, 0.95, 0.97, 0.99, 0.995, 0.999, 0.9999].map((t) => {
  const links = sweep.filter(([p, guarded]) => p >= t && !guarded);
  const tp = links.filter(([, , same]) => same).length;
  return `≥${t}: p=${(tp / Math.max(links.length, 1)).toFixed(4)} r=${(tp / trueCross).toFixed(4)} queue=${sweep.filter(([p, guarded]) => (p >= t && guarded) || (p < t && p >= settings.reviewThreshold)).length}`;
});
log(`link-threshold sweep (same model and guards): ${sweepLine.join('; ')}`);
const missed = [...missedPatterns.entries()].sort((x, y) => y[1] - x[1]).slice(0, 8);
log(`missed true pairs by pattern (ssn/dob/first/last/role): ${missed.map(([k, n]) => `${k} ×${n}`).join('; ') || 'none'}`);
for (const e of falsePositives) log(`false positive: levels ${JSON.stringify(e.levels)} p=${e.probability.toFixed(5)}`);
log(`time ${elapsed()}`);
log(`matching precision = ${precision.toFixed(4)} recall = ${recall.toFixed(4)}`);
