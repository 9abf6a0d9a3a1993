import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { MatchKeySetShape, RefKind } from '@linkages/referrals-domain';
import { FamilyIdentityEntity } from './family-identity.entity';
import { tableOf } from './family-resolver';
import { MatchReviewEntity, type MatchReviewStatus } from './match-review.entity';
import { MatchTokenEntity } from './match-token.entity';
import { PersonLinkEntity, type PersonLinkKind } from './person-link.entity';
import { PersonRecordEntity } from './person-record.entity';

/**
 * Token kinds: fuzzy blocking tokens and the exact SSN key find candidates (the fuzzy ones only while their block is
 * small enough); exact-name tokens give the names' term frequencies.
 */
export const tokenKinds = { blocking: 'block', ssn: 'ssn', firstExact: 'first', lastExact: 'last' } as const;

export type PersonRecordInput = Omit<PersonRecordEntity, 'id' | 'updatedAt'>;

/** The candidates of one record and how they were found (counts only). */
export interface CandidateSearch {
  people: PersonRecordEntity[];
  /** Blocking tokens of the record used (SSN key included) and left out as over the block cap. */
  blocksUsed: number;
  blocksSkipped: number;
}

/** What the record already has with another record: current or ended links, open or decided reviews. */
export interface PairState {
  otherId: string;
  kind: 'cross-agency' | 'duplicate';
  source: 'link' | 'review';
  status: 'linked' | 'unlinked' | 'open' | 'rejected' | 'superseded';
}

/** A page of the review queue: after the cursor position (opened at, id), oldest first. */
export interface ReviewPageQuery {
  status: MatchReviewStatus;
  kind?: PersonLinkKind | undefined;
  limit: number;
  after?: ReviewPosition | undefined;
}

/** Where a review stands in the queue: opened at (epoch microseconds, as text) and id. */
export interface ReviewPosition {
  micros: string;
  id: string;
}

/** Person records, their tokens, person links and the review queue. Every method runs in the caller's transaction. */
@Injectable()
export class IdentityRepository {
  /** Inserts or replaces the agency's person record (by its ref id) and its tokens; a withdrawn record keeps no tokens. */
  async upsertPerson(tx: EntityManager, input: PersonRecordInput): Promise<PersonRecordEntity> {
    const repo = tx.getRepository(PersonRecordEntity);
    const existing = await repo.findOne({ where: { refId: input.refId }, lock: { mode: 'pessimistic_write' } });
    const record = Object.assign(existing ?? new PersonRecordEntity(), input, { id: existing?.id ?? randomUUID(), updatedAt: new Date() });
    await repo.save(record);
    await tx.delete(MatchTokenEntity, { personRecordId: record.id });
    if (!record.withdrawnAt) await tx.insert(MatchTokenEntity, tokensOf(record));
    return record;
  }

  byId(tx: EntityManager, id: string): Promise<PersonRecordEntity | null> {
    return tx.getRepository(PersonRecordEntity).findOne({ where: { id } });
  }

  byIds(tx: EntityManager, ids: readonly string[]): Promise<PersonRecordEntity[]> {
    return ids.length ? tx.getRepository(PersonRecordEntity).find({ where: { id: In([...ids]) } }) : Promise.resolve([]);
  }

  byRefId(tx: EntityManager, refId: string): Promise<PersonRecordEntity | null> {
    return tx.getRepository(PersonRecordEntity).findOne({ where: { refId } });
  }

  /** The people the agency holds in one of its families (not withdrawn). */
  personsOfFamily(tx: EntityManager, ref: { kind: RefKind; id: string }): Promise<PersonRecordEntity[]> {
    return tx.getRepository(PersonRecordEntity).find({ where: { familyRefKind: ref.kind, familyRefId: ref.id, withdrawnAt: IsNull() } });
  }

  /**
   * Candidates: other current records of the county sharing a usable blocking token with the record, in one query.
   * A fuzzy block is used only while at most `maxBlockSize` records share it (counted up to one more, so a crowd's block
   * costs no more to reject than a small one); the exact SSN key is always used. `limit` is a safety bound only: with
   * the cap, a record's five or six blocks hold at most a few hundred others.
   */
  async candidates(
    tx: EntityManager,
    record: PersonRecordEntity,
    options: { maxBlockSize: number; limit?: number },
  ): Promise<CandidateSearch> {
    const tokens = tableOf(tx, MatchTokenEntity);
    const rows = (await tx.query(
      `WITH mine AS (
         SELECT t.kind, t.token,
                (SELECT count(*) FROM (SELECT 1 FROM ${tokens} c
                   WHERE c.county_code = t.county_code AND c.kind = t.kind AND c.token = t.token LIMIT $4 + 1) n)::int AS size
           FROM ${tokens} t WHERE t.person_record_id = $1 AND t.kind IN ($2, $3)
       ), usable AS (SELECT kind, token FROM mine WHERE kind = $3 OR size <= $4)
       SELECT NULL::uuid AS id, (SELECT count(*) FROM usable)::int AS used, (SELECT count(*) FROM mine)::int AS blocks
       UNION ALL
       (SELECT DISTINCT c.person_record_id, NULL::int, NULL::int FROM usable u
          JOIN ${tokens} c ON c.county_code = $5 AND c.kind = u.kind AND c.token = u.token
         WHERE c.person_record_id <> $1 LIMIT $6)`,
      [record.id, tokenKinds.blocking, tokenKinds.ssn, options.maxBlockSize, record.countyCode, options.limit ?? 1000],
    )) as { id: string | null; used: number | null; blocks: number | null }[];
    const head = rows.find((r) => r.id === null);
    const people = await this.byIds(
      tx,
      rows.flatMap((r) => (r.id ? [r.id] : [])),
    );
    return {
      people: people.filter((p) => !p.withdrawnAt && p.countyCode === record.countyCode),
      blocksUsed: head?.used ?? 0,
      blocksSkipped: (head?.blocks ?? 0) - (head?.used ?? 0),
    };
  }

  /** Everything the record has with other records, links and reviews, in one query (either side of each pair). */
  async pairStatesOf(tx: EntityManager, recordId: string): Promise<PairState[]> {
    const links = tableOf(tx, PersonLinkEntity);
    const reviews = tableOf(tx, MatchReviewEntity);
    return (await tx.query(
      `SELECT CASE WHEN a_id = $1 THEN b_id ELSE a_id END AS "otherId", kind, 'link' AS source, status
         FROM ${links} WHERE a_id = $1 OR b_id = $1
       UNION ALL
       SELECT CASE WHEN a_id = $1 THEN b_id ELSE a_id END, kind, 'review', status
         FROM ${reviews} WHERE a_id = $1 OR b_id = $1`,
      [recordId],
    )) as PairState[];
  }

  /**
   * Which of the records have a sibling born the same day in their own agency family (twins), in one query: the ids
   * of those records. A record without a date of birth has none.
   */
  async withSameBirthSibling(tx: EntityManager, records: readonly PersonRecordEntity[]): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const people = tableOf(tx, PersonRecordEntity);
    const rows = (await tx.query(
      `SELECT r.id FROM ${people} r
        WHERE r.id = ANY($1::uuid[]) AND r.keys->'dob'->>'full' IS NOT NULL
          AND EXISTS (SELECT 1 FROM ${people} o
                       WHERE o.family_ref_kind = r.family_ref_kind AND o.family_ref_id = r.family_ref_id AND o.id <> r.id
                         AND o.withdrawn_at IS NULL AND o.keys->'dob'->>'full' = r.keys->'dob'->>'full')`,
      [records.map((r) => r.id)],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The duplicate cluster of the seeds: the records reachable over current duplicate links and, with `openReviews`,
   * open duplicate reviews (connected components; the seeds included), at most `max` records.
   */
  async duplicateCluster(
    tx: EntityManager,
    seeds: readonly string[],
    options: { openReviews: boolean; max: number },
  ): Promise<Set<string>> {
    if (seeds.length === 0) return new Set();
    const links = tableOf(tx, PersonLinkEntity);
    const reviews = tableOf(tx, MatchReviewEntity);
    const rows = (await tx.query(
      `WITH RECURSIVE cluster(id) AS (
         SELECT unnest($1::uuid[])
         UNION
         SELECT e.other FROM cluster c CROSS JOIN LATERAL (
           SELECT b_id AS other FROM ${links} WHERE a_id = c.id AND kind = 'duplicate' AND status = 'linked'
           UNION ALL SELECT a_id FROM ${links} WHERE b_id = c.id AND kind = 'duplicate' AND status = 'linked'
           UNION ALL SELECT b_id FROM ${reviews} WHERE $2 AND a_id = c.id AND kind = 'duplicate' AND status = 'open'
           UNION ALL SELECT a_id FROM ${reviews} WHERE $2 AND b_id = c.id AND kind = 'duplicate' AND status = 'open'
         ) e
       )
       SELECT id FROM cluster LIMIT $3`,
      [seeds, options.openReviews, options.max],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Share of the county's current people holding this exact-name token (for the model's term-frequency adjustment);
   * undefined while the county holds fewer than `minimumPopulation` people.
   */
  async termFrequency(
    tx: EntityManager,
    countyCode: string,
    kind: string,
    token: string,
    minimumPopulation = 0,
  ): Promise<number | undefined> {
    const tokens = tableOf(tx, MatchTokenEntity);
    const [row] = (await tx.query(
      `SELECT (SELECT count(*) FROM ${tokens} WHERE county_code = $1 AND kind = $2 AND token = $3)::float AS hits,
              (SELECT count(*) FROM ${tokens} WHERE county_code = $1 AND kind = $2)::float AS total`,
      [countyCode, kind, token],
    )) as { hits: number; total: number }[];
    if (!row || row.total === 0 || row.total < minimumPopulation) return undefined;
    return row.hits / row.total;
  }

  /** Both exact-name term frequencies of a record in one query (see termFrequency). */
  async termFrequencies(
    tx: EntityManager,
    countyCode: string,
    names: { first: string; last: string },
    minimumPopulation = 0,
  ): Promise<{ first?: number; last?: number }> {
    const tokens = tableOf(tx, MatchTokenEntity);
    const [row] = (await tx.query(
      `SELECT (SELECT count(*) FROM ${tokens} WHERE county_code = $1 AND kind = $2 AND token = $3)::float AS first,
              (SELECT count(*) FROM ${tokens} WHERE county_code = $1 AND kind = $4 AND token = $5)::float AS last,
              (SELECT count(*) FROM ${tokens} WHERE county_code = $1 AND kind = $2)::float AS total`,
      [countyCode, tokenKinds.firstExact, names.first, tokenKinds.lastExact, names.last],
    )) as { first: number; last: number; total: number }[];
    if (!row || row.total === 0 || row.total < minimumPopulation) return {};
    return { first: row.first / row.total, last: row.last / row.total };
  }

  currentLinkOf(tx: EntityManager, a: string, b: string): Promise<PersonLinkEntity | null> {
    return tx.getRepository(PersonLinkEntity).findOne({
      where: [
        { aId: a, bId: b, status: 'linked' },
        { aId: b, bId: a, status: 'linked' },
      ],
    });
  }

  /** Current links touching any of the records. */
  currentLinksOf(tx: EntityManager, recordIds: readonly string[]): Promise<PersonLinkEntity[]> {
    if (recordIds.length === 0) return Promise.resolve([]);
    const ids = In([...recordIds]);
    return tx.getRepository(PersonLinkEntity).find({
      where: [
        { aId: ids, status: 'linked' },
        { bId: ids, status: 'linked' },
      ],
      order: { createdAt: 'ASC' },
    });
  }

  addLink(tx: EntityManager, link: PersonLinkEntity): Promise<PersonLinkEntity> {
    return tx.getRepository(PersonLinkEntity).save(link);
  }

  linkInCounty(tx: EntityManager, countyCode: string, id: string, options: { lock?: boolean } = {}): Promise<PersonLinkEntity | null> {
    return tx
      .getRepository(PersonLinkEntity)
      .findOne({ where: { id, countyCode }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  saveLink(tx: EntityManager, link: PersonLinkEntity): Promise<PersonLinkEntity> {
    return tx.getRepository(PersonLinkEntity).save(link);
  }

  /** The open review of the pair (either order), if any. */
  openReviewOf(tx: EntityManager, a: string, b: string): Promise<MatchReviewEntity | null> {
    return tx.getRepository(MatchReviewEntity).findOne({
      where: [
        { aId: a, bId: b, status: 'open' },
        { aId: b, bId: a, status: 'open' },
      ],
    });
  }

  /** Was the pair already decided "not the same" by a liaison? Then the model does not ask again. */
  async rejectedPair(tx: EntityManager, a: string, b: string): Promise<boolean> {
    const found = await tx.getRepository(MatchReviewEntity).findOne({
      where: [
        { aId: a, bId: b, status: 'rejected' },
        { aId: b, bId: a, status: 'rejected' },
      ],
    });
    return found !== null;
  }

  /** Was the pair's link ended by a liaison? Then the model does not relink it by itself. */
  async unlinkedPair(tx: EntityManager, a: string, b: string): Promise<boolean> {
    const found = await tx.getRepository(PersonLinkEntity).findOne({
      where: [
        { aId: a, bId: b, status: 'unlinked' },
        { aId: b, bId: a, status: 'unlinked' },
      ],
    });
    return found !== null;
  }

  addReview(tx: EntityManager, review: MatchReviewEntity): Promise<MatchReviewEntity> {
    return tx.getRepository(MatchReviewEntity).save(review);
  }

  reviewInCounty(tx: EntityManager, countyCode: string, id: string, options: { lock?: boolean } = {}): Promise<MatchReviewEntity | null> {
    return tx
      .getRepository(MatchReviewEntity)
      .findOne({ where: { id, countyCode }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  saveReview(tx: EntityManager, review: MatchReviewEntity): Promise<MatchReviewEntity> {
    return tx.getRepository(MatchReviewEntity).save(review);
  }

  /**
   * One page of the county's review queue, oldest first (opened at, then id), after the cursor position, with one
   * more row than asked so the caller knows whether another page follows; each review with its position.
   */
  async reviewPage(
    tx: EntityManager,
    countyCode: string,
    page: ReviewPageQuery,
  ): Promise<{ review: MatchReviewEntity; position: ReviewPosition }[]> {
    const reviews = tableOf(tx, MatchReviewEntity);
    // The position is opened_at in whole microseconds (as PostgreSQL holds it), so a cursor never skips or repeats a row.
    const rows = (await tx.query(
      `SELECT id, (extract(epoch FROM opened_at) * 1000000)::bigint::text AS micros FROM ${reviews}
        WHERE county_code = $1 AND status = $2 AND ($3::text IS NULL OR kind = $3)
          AND ($4::bigint IS NULL OR (opened_at, id) > (timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5::uuid))
        ORDER BY opened_at, id LIMIT $6`,
      [countyCode, page.status, page.kind ?? null, page.after?.micros ?? null, page.after?.id ?? null, page.limit + 1],
    )) as { id: string; micros: string }[];
    const found = new Map(
      (await tx.getRepository(MatchReviewEntity).find({ where: { id: In(rows.map((r) => r.id)) } })).map((r) => [r.id, r]),
    );
    return rows.flatMap((r) => {
      const review = found.get(r.id);
      return review ? [{ review, position: { micros: r.micros, id: r.id } }] : [];
    });
  }

  /**
   * Closes the open duplicate reviews a liaison's decision covers: those with one record in `left` and the other in
   * `right` (both in the cluster for a link), other than the decided one. Returns their ids.
   */
  async closeCoveredReviews(
    tx: EntityManager,
    countyCode: string,
    cover: { decidedReviewId: string; left: readonly string[]; right: readonly string[]; status: 'superseded' | 'rejected' },
    decision: { decidedBy: string; reason: string },
  ): Promise<string[]> {
    const reviews = tableOf(tx, MatchReviewEntity);
    const rows = (await tx.query(
      `UPDATE ${reviews} SET status = $5, decided_by = $6, decided_at = now(), reason = $7
        WHERE county_code = $1 AND status = 'open' AND kind = 'duplicate' AND id <> $2
          AND ((a_id = ANY($3::uuid[]) AND b_id = ANY($4::uuid[])) OR (a_id = ANY($4::uuid[]) AND b_id = ANY($3::uuid[])))
        RETURNING id`,
      [countyCode, cover.decidedReviewId, cover.left, cover.right, cover.status, decision.decidedBy, decision.reason],
    )) as [{ id: string }[], number] | { id: string }[];
    const returned = Array.isArray(rows[0]) ? (rows[0] as { id: string }[]) : (rows as { id: string }[]);
    return returned.map((r) => r.id);
  }

  /** The county's review queue, oldest first. */
  openReviews(
    tx: EntityManager,
    countyCode: string,
    options: { kind?: 'cross-agency' | 'duplicate'; limit?: number } = {},
  ): Promise<MatchReviewEntity[]> {
    return tx.getRepository(MatchReviewEntity).find({
      where: { countyCode, status: 'open', ...(options.kind ? { kind: options.kind } : {}) },
      order: { openedAt: 'ASC', id: 'ASC' },
      take: options.limit ?? 100,
    });
  }

  /** Current and past identity rows of a family. */
  identityRowsOf(tx: EntityManager, familyId: string): Promise<FamilyIdentityEntity[]> {
    return tx.getRepository(FamilyIdentityEntity).find({ where: { familyId }, order: { linkedAt: 'ASC', id: 'ASC' } });
  }
}

/** The tokens a record is found and weighed by: its blocking tokens and its exact first and last name tokens. */
export function tokensOf(record: { id: string; countyCode: string; keys: MatchKeySetShape }): MatchTokenEntity[] {
  const rows = new Map<string, MatchTokenEntity>();
  const add = (kind: string, token: string) =>
    rows.set(
      `${kind}:${token}`,
      Object.assign(new MatchTokenEntity(), { personRecordId: record.id, kind, token, countyCode: record.countyCode }),
    );
  for (const token of record.keys.blocking) add(tokenKinds.blocking, token);
  if (record.keys.ssn) add(tokenKinds.ssn, record.keys.ssn);
  add(tokenKinds.firstExact, record.keys.first.exact);
  add(tokenKinds.lastExact, record.keys.last.exact);
  return [...rows.values()];
}
