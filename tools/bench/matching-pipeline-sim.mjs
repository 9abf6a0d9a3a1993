// The matching pipeline's per-record flow, replayed in memory for the benchmark (tools/bench/matching.mjs): records
// arrive one by one, as the match-keys events reach referrals; each is indexed by its blocking tokens (fuzzy blocks and
// the exact SSN key, as match_tokens holds them), its candidates found, compared and decided with the same domain
// functions as libs/referrals/feature/src/lib/identity/match-pipeline.ts, and the links and reviews it opens kept as
// the tables would keep them (no liaison decides meanwhile). Two modes:
// - `pairwise`: the pipeline before the crowd fix (every candidate of every block, at most 200, a review or duplicate
//   warning per uncertain pair);
// - `clusters`: the pipeline now (blocks over maxBlockSize dropped except the SSN key, cross-agency reviews capped per
//   record, duplicates as clusters: at most one warning per record, none when already in the candidate's cluster).
// Per segment of the arrivals (the normal population, the crowd): records, candidate pairs compared, links (TP/FP by
// the truth), reviews opened, and the time spent in the per-record work (ms per record, this process).

const pairKey = (a, b) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function simulatePipeline(records, { domain, model, settings, mode, segmentOf }) {
  const { assessPair, planCrossAgency, bestDuplicateCandidate, duplicateToOpen, looksAlike } = domain;
  const fuzzy = new Map();
  const ssnIndex = new Map();
  const firstCounts = new Map();
  const lastCounts = new Map();
  const birthdays = new Map();
  const pairs = new Map();
  const openCross = new Map();
  const linksOf = new Map();
  const parent = new Map();
  const find = (x) => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root);
    let node = x;
    while (node !== root) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a, b) => parent.set(find(a), find(b));
  const segments = new Map();
  const segment = (name) => {
    if (!segments.has(name))
      segments.set(name, {
        records: 0,
        compared: 0,
        links: 0,
        tp: 0,
        fp: 0,
        crossReviews: 0,
        duplicateReviews: 0,
        capped: 0,
        cappedSame: 0,
        lookAlikes: 0,
        linksOverCap: 0,
        linksOverCapSame: 0,
        blocksSkipped: 0,
        ms: 0,
      });
    return segments.get(name);
  };
  const subject = (r) => ({ keys: r.keys, ageBand: r.ageBand, role: r.role });
  const birthdayKey = (r) => `${r.familyRef}|${r.keys.dob?.full}`;
  const sibling = (r) => !!r.keys.dob && (birthdays.get(birthdayKey(r)) ?? 0) > 1;
  let total = 0;

  for (const [order, r] of records.entries()) {
    const s = segment(segmentOf(r));
    const started = performance.now();
    // The record is written first (upsertPerson), then matched: its own tokens count in the block sizes.
    const mine = [...new Set(r.keys.blocking)];
    const index = (map, t) => (map.get(t) ?? map.set(t, []).get(t)).push(order);
    for (const t of mine) index(fuzzy, t);
    if (r.keys.ssn) index(ssnIndex, r.keys.ssn);
    firstCounts.set(r.keys.first.exact, (firstCounts.get(r.keys.first.exact) ?? 0) + 1);
    lastCounts.set(r.keys.last.exact, (lastCounts.get(r.keys.last.exact) ?? 0) + 1);
    birthdays.set(birthdayKey(r), (birthdays.get(birthdayKey(r)) ?? 0) + 1);
    total++;

    const found = new Set();
    for (const t of mine) {
      const members = fuzzy.get(t);
      if (mode === 'clusters' && members.length > settings.maxBlockSize) {
        s.blocksSkipped++;
        continue;
      }
      for (const m of members) found.add(m);
    }
    if (mode === 'clusters' && r.keys.ssn) for (const m of ssnIndex.get(r.keys.ssn)) found.add(m);
    found.delete(order);
    let candidates = [...found].filter((i) => records[i].familyRef !== r.familyRef);
    if (mode === 'pairwise') candidates = candidates.slice(0, 200);
    s.compared += candidates.length;
    const tf =
      total >= settings.termFrequencyMinimumPopulation
        ? { first: firstCounts.get(r.keys.first.exact) / total, last: lastCounts.get(r.keys.last.exact) / total }
        : {};

    const scored = [];
    let lookAlikes = 0;
    for (const i of candidates) {
      const other = records[i];
      const assessment = assessPair(subject(r), subject(other), model, settings, tf, { sameBirthSibling: sibling(r) || sibling(other) });
      if (other.agency !== r.agency && looksAlike(assessment.evidence.levels)) lookAlikes++;
      if (assessment.outcome === 'none') continue;
      scored.push({
        id: i,
        kind: r.agency === other.agency ? 'duplicate' : 'cross-agency',
        outcome: assessment.outcome,
        probability: assessment.evidence.probability,
        since: i,
        pending: pairs.has(pairKey(order, i)),
        refused: false,
        ssnAgrees: assessment.evidence.levels.ssn === 'exact',
      });
    }
    const link = (i) => {
      pairs.set(pairKey(order, i), 'linked');
      linksOf.set(order, (linksOf.get(order) ?? 0) + 1);
      linksOf.set(i, (linksOf.get(i) ?? 0) + 1);
      s.links++;
      if (records[i].personId === r.personId) s.tp++;
      else s.fp++;
    };
    const review = (i, kind) => {
      pairs.set(pairKey(order, i), 'open');
      if (kind === 'duplicate') {
        s.duplicateReviews++;
        union(order, i);
      } else {
        s.crossReviews++;
        openCross.set(order, (openCross.get(order) ?? 0) + 1);
        openCross.set(i, (openCross.get(i) ?? 0) + 1);
      }
    };
    if (mode === 'pairwise') {
      for (const c of scored) {
        if (c.pending) continue;
        if (c.kind === 'duplicate') review(c.id, 'duplicate');
        else if (c.outcome === 'link') link(c.id);
        else review(c.id, 'cross-agency');
      }
    } else {
      const plan = planCrossAgency(
        scored,
        { openReviews: openCross.get(order) ?? 0, links: linksOf.get(order) ?? 0, lookAlikes },
        settings,
      );
      for (const i of plan.links) link(i);
      for (const i of plan.reviews) review(i, 'cross-agency');
      s.capped += plan.capped;
      s.lookAlikes += plan.lookAlikes;
      s.linksOverCap += plan.linksOverCap;
      const linked = new Set(plan.links);
      s.linksOverCapSame += scored.filter(
        (c) =>
          c.kind === 'cross-agency' && c.outcome === 'link' && !c.pending && !linked.has(c.id) && records[c.id].personId === r.personId,
      ).length;
      const opened = new Set(plan.reviews);
      s.cappedSame += scored.filter(
        (c) =>
          c.kind === 'cross-agency' && c.outcome === 'review' && !c.pending && !opened.has(c.id) && records[c.id].personId === r.personId,
      ).length;
      const cluster = { has: (id) => find(id) === find(order) };
      const open = duplicateToOpen(bestDuplicateCandidate(scored), cluster);
      if (open) review(open.id, 'duplicate');
    }
    s.ms += performance.now() - started;
    s.records++;
  }
  return segments;
}
