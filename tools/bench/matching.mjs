#!/usr/bin/env node
// npm run bench:matching [-- --families 2000 --seed 20261201 --fit --crowd 300 --dist <built tree>]
// Measures the Linkages matching (issue 13, Deliver 1) on a generated population: families known to child welfare,
// CalWORKs or both, each agency's copy of a person with recording noise (typos, swapped day/month, DOB digit typos,
// hyphenated and changed surnames, nicknames, missing SSNs, twins, families child welfare entered twice). Runs the
// built code (dist/): MatchKeys (platform-crypto) makes the keys under a random MATCH_KEY; referrals-domain compares,
// scores and decides exactly as the pipeline does. Phases: keys → u by random pairs → m by EM on the blocked pairs →
// score and decide every blocked pair. Reports pairs, automatic links, TP/FP/FN, the review queue, duplicates found.
// `--fit` decides with the EM-fitted model and prints it (to freeze in default-match-model.ts under a new version);
// without it, the frozen default model decides. Blocking is the pipeline's: a fuzzy block shared by more than the
// county's maxBlockSize records is not used, the exact SSN key always is.
// Then the pipeline's per-record flow is replayed in arrival order (matching-pipeline-sim.mjs) on the population
// followed by a crowd of `--crowd` look-alikes (one name and birth date, many families, both agencies, a few real
// matches): candidate pairs compared, reviews opened and ms per record for the crowd against the same run's normal
// population, before (pairwise) and after (clusters and caps), as ratios. Last line (the normal population's
// automatic links): `matching precision = <p> recall = <r>`. Asserts nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from '../stack/lib.mjs';
import { simulatePipeline } from './matching-pipeline-sim.mjs';
import { generateCrowd, generatePopulation, prng } from './matching-population.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const FAMILIES = arg('--families', 2000);
const SEED = arg('--seed', 20261201);
const FIT = argv.includes('--fit');
const RANDOM_PAIRS = arg('--random-pairs', 200_000);
const CROWD = arg('--crowd', 300);
// The built tree to run (default dist/; another for a tree built elsewhere, e.g. before `npm run build` ran here).
const DIST = argv.includes('--dist') ? argv[argv.indexOf('--dist') + 1] : join(repoRoot, 'dist');
const log = (m) => process.stdout.write(`${m}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

log(`bench:matching — ${FAMILIES} families, seed ${SEED}${FIT ? ', fitting the model by EM' : ', frozen default model'}`);
const needed = ['libs/platform/crypto/src/lib/match/match-keys.js', 'libs/referrals/domain/src/lib/matching/match-plan.js'];
if (DIST === join(repoRoot, 'dist')) {
  await ensureBuilt();
  if (!needed.every((f) => existsSync(join(DIST, f)))) {
    log('the built code predates the matching: building (npm run build)');
    execFileSync(process.execPath, [join(repoRoot, 'tools/build.mjs')], { stdio: 'ignore' });
  }
} else if (!needed.every((f) => existsSync(join(DIST, f)))) throw new Error(`${DIST} holds no built matching code`);
const { MatchKeys } = require(join(DIST, 'libs/platform/crypto/src/index.js'));
const domain = require(join(DIST, 'libs/referrals/domain/src/index.js'));
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

// 2. Candidate pairs: records sharing a usable blocking token, from different agency families (as the pipeline's
// query): a fuzzy block over maxBlockSize is not used; the exact SSN key (its own token kind) always is.
const settings = defaultMatchSettings;
const blocks = new Map();
const addTo = (t, r) => (blocks.get(t) ?? blocks.set(t, []).get(t)).push(r.index);
for (const r of records) {
  for (const t of r.keys.blocking) addTo(`block:${t}`, r);
  if (r.keys.ssn) addTo(`ssn:${r.keys.ssn}`, r);
}
const pairs = new Map();
let largestBlock = 0;
let capped = 0;
for (const [token, members] of blocks.entries()) {
  if (!domain.blockIsUsable(token.startsWith('ssn:') ? 'ssn' : 'block', members.length, settings)) {
    capped++;
    continue;
  }
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
  `blocking: ${blocks.size} tokens (${capped} over maxBlockSize ${settings.maxBlockSize}, not used), ${pairs.size} candidate pairs ` +
    `(largest block used ${largestBlock}, most candidates of one record ${Math.max(...candidateCount.values())}) (${elapsed()})`,
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

// 6. The pipeline's per-record flow in arrival order: the population, then a crowd of look-alikes.
const crowd = generateCrowd({ seed: SEED, size: CROWD, start: records.length });
for (const r of crowd.records) r.keys = matchKeys.forPerson(r);
const arrivals = [...records, ...crowd.records];
const segmentOf = (r) => (r.crowd ? 'crowd' : 'normal');
log(
  `pipeline replay: ${records.length} records, then a crowd of ${crowd.records.length} (one name and birth date, each in her own family, ` +
    `both agencies; ${crowd.matches} people in both agencies, ${crowd.duplicates} entered twice by child welfare) (${elapsed()})`,
);
const perRecord = (x, n) => (n === 0 ? 0 : x / n);
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(4));
const results = {};
for (const mode of ['pairwise', 'clusters']) {
  // Warm-up pass (JIT), then the measured pass; both deterministic.
  simulatePipeline(arrivals.slice(0, 2000), { domain, model, settings, mode, segmentOf });
  const segments = simulatePipeline(arrivals, { domain, model, settings, mode, segmentOf });
  results[mode] = segments;
  for (const [name, s] of segments) {
    log(
      `pipeline ${mode === 'pairwise' ? 'before (pairwise)' : 'after (clusters + caps)'} — ${name}: ${s.records} records, ` +
        `${s.compared} candidate pairs compared (${fmt(perRecord(s.compared, s.records))}/record), ` +
        `links ${s.links} (TP ${s.tp}, FP ${s.fp}), reviews opened ${s.crossReviews} cross-agency + ${s.duplicateReviews} duplicate ` +
        `(${fmt(perRecord(s.crossReviews + s.duplicateReviews, s.records))}/record), ${fmt(perRecord(s.ms, s.records))} ms/record` +
        (mode === 'clusters'
          ? `; ${s.blocksSkipped} blocks over the cap, ${s.capped} uncertain pairs over the review cap (${s.cappedSame} of them the same person), ${s.lookAlikes} confident pairs of records with too many look-alikes and ${s.linksOverCap} over the link cap sent to review (${s.linksOverCapSame} confident pairs of one person not linked)`
          : ''),
    );
  }
}
for (const mode of ['pairwise', 'clusters']) {
  const n = results[mode].get('normal');
  const c = results[mode].get('crowd');
  const ratio = (x, y) => (y === 0 ? (x === 0 ? '1.0' : '∞') : (x / y).toFixed(1));
  log(
    `crowd ÷ normal per record, ${mode === 'pairwise' ? 'before' : 'after'}: candidate pairs ×${ratio(perRecord(c.compared, c.records), perRecord(n.compared, n.records))}, ` +
      `reviews opened ×${ratio(perRecord(c.crossReviews + c.duplicateReviews, c.records), perRecord(n.crossReviews + n.duplicateReviews, n.records))}, ` +
      `ms ×${ratio(perRecord(c.ms, c.records), perRecord(n.ms, n.records))}`,
  );
}
const beforeCrowd = results.pairwise.get('crowd');
const afterCrowd = results.clusters.get('crowd');
log(
  `crowd after ÷ before: reviews opened ${afterCrowd.crossReviews + afterCrowd.duplicateReviews} vs ${beforeCrowd.crossReviews + beforeCrowd.duplicateReviews}, ` +
    `candidate pairs ${afterCrowd.compared} vs ${beforeCrowd.compared}; real matches linked ${afterCrowd.tp} (before ${beforeCrowd.tp}) of ${crowd.matches}`,
);
log(`time ${elapsed()}`);
log(`matching precision = ${precision.toFixed(4)} recall = ${recall.toFixed(4)}`);
