import { blockIsUsable, bestDuplicateCandidate, duplicateToOpen, looksAlike, planCrossAgency, type AssessedCandidate } from './match-plan';
import { defaultMatchSettings, matchSettingsFor } from './match-settings';

const candidate = (id: string, over: Partial<AssessedCandidate> = {}): AssessedCandidate => ({
  id,
  kind: 'cross-agency',
  outcome: 'review',
  probability: 0.8,
  since: 1000,
  pending: false,
  refused: false,
  ...over,
});

describe('matching: the block cap (Splink-style)', () => {
  const settings = { maxBlockSize: 100 };
  it('a fuzzy block is used up to maxBlockSize records and dropped above it', () => {
    expect(blockIsUsable('block', 1, settings)).toBe(true);
    expect(blockIsUsable('block', 100, settings)).toBe(true);
    expect(blockIsUsable('block', 101, settings)).toBe(false);
  });
  it('the exact SSN key always blocks, whatever its size', () => {
    expect(blockIsUsable('ssn', 10_000, settings)).toBe(true);
  });
  it('the cap and the per-record review limit are county settings', () => {
    expect(defaultMatchSettings.maxBlockSize).toBe(100);
    expect(matchSettingsFor('06001', { '06001': { maxBlockSize: 40, maxOpenReviewsPerRecord: 1 } })).toMatchObject({
      maxBlockSize: 40,
      maxOpenReviewsPerRecord: 1,
    });
  });
});

describe('matching: cross-agency reviews per record are capped, the best kept', () => {
  const settings = { maxOpenReviewsPerRecord: 3, maxLookAlikes: 2, maxLinksPerRecord: 2 };
  const quiet = (openReviews = 0) => ({ openReviews, links: 0, lookAlikes: 0 });
  it('opens the best reviews within the cap (probability, then the earliest record) and links every confident pair', () => {
    const crowd = [
      candidate('a', { probability: 0.6 }),
      candidate('b', { probability: 0.9, since: 2000 }),
      candidate('c', { probability: 0.9, since: 1500 }),
      candidate('d', { probability: 0.7 }),
      candidate('e', { probability: 0.55 }),
      candidate('l1', { outcome: 'link', probability: 0.99 }),
      candidate('l2', { outcome: 'link', probability: 0.98 }),
    ];
    expect(planCrossAgency(crowd, quiet(), settings)).toEqual({
      links: ['l1', 'l2'],
      reviews: ['c', 'b', 'd'],
      capped: 2,
      lookAlikes: 0,
      linksOverCap: 0,
    });
  });
  it('the reviews the record already has count against the cap', () => {
    const plan = planCrossAgency([candidate('a'), candidate('b')], quiet(2), settings);
    expect(plan).toEqual({ links: [], reviews: ['a'], capped: 1, lookAlikes: 0, linksOverCap: 0 });
    expect(planCrossAgency([candidate('a')], quiet(5), settings)).toEqual({
      links: [],
      reviews: [],
      capped: 1,
      lookAlikes: 0,
      linksOverCap: 0,
    });
  });
  it('pending and refused pairs, and duplicates, open nothing here', () => {
    const plan = planCrossAgency(
      [candidate('p', { pending: true }), candidate('r', { refused: true, outcome: 'link' }), candidate('d', { kind: 'duplicate' })],
      quiet(),
      settings,
    );
    expect(plan).toEqual({ links: [], reviews: [], capped: 0, lookAlikes: 0, linksOverCap: 0 });
  });
  it('a record with more look-alikes than one person can be links only on the SSN; the rest go to review, capped', () => {
    const pairs = [
      candidate('ssn', { outcome: 'link', probability: 0.999, ssnAgrees: true }),
      candidate('x', { outcome: 'link', probability: 0.99 }),
      candidate('y', { outcome: 'link', probability: 0.98 }),
      candidate('z', { outcome: 'link', probability: 0.97 }),
      candidate('w', { outcome: 'link', probability: 0.96 }),
    ];
    expect(planCrossAgency(pairs, { openReviews: 0, links: 0, lookAlikes: 3 }, settings)).toEqual({
      links: ['ssn'],
      reviews: ['x', 'y', 'z'],
      capped: 1,
      lookAlikes: 4,
      linksOverCap: 0,
    });
    // Two look-alikes are one person an agency entered twice: they still link.
    expect(planCrossAgency(pairs.slice(1, 3), { openReviews: 0, links: 0, lookAlikes: 2 }, settings).links).toEqual(['x', 'y']);
  });
  it('at most maxLinksPerRecord links (the best, the record’s current links counting); more confident pairs go to review', () => {
    const sameSsn = ['a', 'b', 'c', 'd'].map((id, i) => candidate(id, { outcome: 'link', probability: 0.999 - i / 1000, ssnAgrees: true }));
    expect(planCrossAgency(sameSsn, quiet(), settings)).toEqual({
      links: ['a', 'b'],
      reviews: ['c', 'd'],
      capped: 0,
      lookAlikes: 0,
      linksOverCap: 2,
    });
    expect(planCrossAgency(sameSsn, { openReviews: 2, links: 1, lookAlikes: 0 }, settings)).toEqual({
      links: ['a'],
      reviews: ['b'],
      capped: 2,
      lookAlikes: 0,
      linksOverCap: 3,
    });
  });
  it('look-alikes: same name and birth date (or day and month swapped, or a nickname), no SSN agreement', () => {
    const levels = { ssn: 'null', dob: 'exact', first: 'exact', last: 'exact', role: 'compatible' } as const;
    expect(looksAlike(levels)).toBe(true);
    expect(looksAlike({ ...levels, ssn: 'differ' })).toBe(true);
    expect(looksAlike({ ...levels, dob: 'swapped', first: 'nickname' })).toBe(true);
    expect(looksAlike({ ...levels, ssn: 'exact' })).toBe(false);
    expect(looksAlike({ ...levels, dob: 'two-of-three' })).toBe(false);
    expect(looksAlike({ ...levels, first: 'dice-85' })).toBe(false);
    expect(looksAlike({ ...levels, last: 'shared-part' })).toBe(false);
  });
});

describe('matching: duplicates inside one agency as clusters', () => {
  const dup = (id: string, over: Partial<AssessedCandidate> = {}) => candidate(id, { kind: 'duplicate', ...over });
  it('the best candidate: highest probability, ties by the earliest record; refused pairs left out', () => {
    expect(bestDuplicateCandidate([dup('x', { since: 3 }), dup('y', { since: 1 }), dup('z', { since: 2 })])?.id).toBe('y');
    expect(bestDuplicateCandidate([dup('x', { probability: 0.7 }), dup('y', { probability: 0.95, since: 9 })])?.id).toBe('y');
    expect(bestDuplicateCandidate([dup('x', { probability: 0.99, refused: true }), dup('y')])?.id).toBe('y');
    expect(bestDuplicateCandidate([candidate('cross')])).toBeUndefined();
  });
  it('at most one review, none when the record is already in the candidate’s cluster', () => {
    const best = dup('y');
    expect(duplicateToOpen(best, new Set(['r']))?.id).toBe('y');
    expect(duplicateToOpen(best, new Set(['r', 'y']))).toBeUndefined();
    expect(duplicateToOpen(dup('y', { pending: true }), new Set(['r']))).toBeUndefined();
    expect(duplicateToOpen(undefined, new Set(['r']))).toBeUndefined();
  });
  it('a crowd of n look-alikes opens n − 1 reviews, not n(n − 1)/2 (each newcomer against the earliest)', () => {
    const opened: [string, string][] = [];
    const clusterOf = new Map<string, Set<string>>();
    const cluster = (id: string) => clusterOf.get(id) ?? new Set([id]);
    const ids = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    ids.forEach((id, i) => {
      const earlier = ids.slice(0, i).map((o, j) => dup(o, { since: j }));
      const open = duplicateToOpen(bestDuplicateCandidate(earlier), cluster(id));
      if (!open) return;
      opened.push([id, open.id]);
      const joined = new Set([...cluster(id), ...cluster(open.id)]);
      for (const member of joined) clusterOf.set(member, joined);
    });
    expect(opened).toHaveLength(29);
    expect(new Set(opened.map(([, to]) => to))).toEqual(new Set(['p00']));
    // Run again (a record re-published): it is already in the cluster, nothing more.
    expect(duplicateToOpen(bestDuplicateCandidate([dup('p00', { since: 0 })]), cluster('p05'))).toBeUndefined();
  });
});
