import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { MatchKeySetShape, RefKind } from '@linkages/referrals-domain';
import { FamilyIdentityEntity } from './family-identity.entity';
import { tableOf } from './family-resolver';
import { MatchReviewEntity } from './match-review.entity';
import { MatchTokenEntity } from './match-token.entity';
import { PersonLinkEntity } from './person-link.entity';
import { PersonRecordEntity } from './person-record.entity';

/** Token kinds: blocking tokens find candidates; exact-name tokens give the names' term frequencies. */
export const tokenKinds = { blocking: 'block', firstExact: 'first', lastExact: 'last' } as const;

export type PersonRecordInput = Omit<PersonRecordEntity, 'id' | 'updatedAt'>;

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

  /** Candidates: other current records of the county sharing at least one blocking token, at most `limit`. */
  async candidates(tx: EntityManager, record: PersonRecordEntity, limit = 200): Promise<PersonRecordEntity[]> {
    const tokens = tableOf(tx, MatchTokenEntity);
    const rows = (await tx.query(
      `SELECT DISTINCT c.person_record_id AS id
         FROM ${tokens} t JOIN ${tokens} c ON c.county_code = t.county_code AND c.token = t.token AND c.kind = t.kind
        WHERE t.person_record_id = $1 AND t.kind = $2 AND c.person_record_id <> $1
        LIMIT $3`,
      [record.id, tokenKinds.blocking, limit],
    )) as { id: string }[];
    const people = await this.byIds(
      tx,
      rows.map((r) => r.id),
    );
    return people.filter((p) => !p.withdrawnAt && p.countyCode === record.countyCode);
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
  add(tokenKinds.firstExact, record.keys.first.exact);
  add(tokenKinds.lastExact, record.keys.last.exact);
  return [...rows.values()];
}
