import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { AgencyRef, FamilyFactSignal, RefKind } from '@linkages/referrals-domain';
import { FamilyIdentityEntity } from './family-identity.entity';
import { FamilyTimelineEntity, type TimelineAgency } from './family-timeline.entity';
import { LinkagesFamilyEntity } from './linkages-family.entity';

export type { RefKind } from '@linkages/referrals-domain';

/** A fact to append to a shared family's timeline (key/fact fields only: no names, no identifiers, no match keys). */
export interface TimelineEntryInput {
  eventId: string;
  eventType: string;
  agency: TimelineAgency;
  occurredAt: string;
  subject: string;
  entry: Record<string, unknown>;
}

export interface FamilyIdentityRef {
  kind: RefKind;
  id: string;
  calworksCaseNumber: string | null;
}

/** Raw SQL needs the table as the data source maps it (a throwaway schema in tests, `referrals` in the service). */
export const tableOf = (tx: EntityManager, entity: new () => unknown): string => {
  const path = tx.connection.getMetadata(entity).tablePath;
  return path
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
};

/** The rows of an UPDATE/DELETE … RETURNING (TypeORM's postgres driver answers `[rows, count]` for those). */
export const returnedRows = <T>(result: unknown): T[] => {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
};

/**
 * Maps each agency's own family ids (CWS family, CalWORKs AU, typed-in referral) to the shared Linkages family, and
 * keeps the family's one order across both agencies (the timeline's seq). Every method runs in the caller's
 * transaction (the inbox's or the use case's); `resolve` locks the family row, so one family's facts are sequenced
 * one at a time while other families go on in parallel.
 */
@Injectable()
export class FamilyResolver {
  /** The shared family of the ref, minted (active, seq 0) if the ref has none; the family row is locked FOR UPDATE. */
  async resolve(tx: EntityManager, countyCode: string, ref: AgencyRef): Promise<{ familyId: string; created: boolean }> {
    const existing = await this.currentIdentity(tx, ref);
    if (existing) {
      this.assertCounty(existing.countyCode, countyCode, ref);
      return { familyId: await this.lockSurvivor(tx, existing.familyId), created: false };
    }
    const familyId = randomUUID();
    const now = new Date();
    await tx.insert(LinkagesFamilyEntity, { id: familyId, countyCode, status: 'active', mergedInto: null, lastSeq: 0, createdAt: now });
    const inserted = (await tx.query(
      `INSERT INTO ${tableOf(tx, FamilyIdentityEntity)} (id, family_id, county_code, ref_kind, ref_id, calworks_case_number, link_id, linked_at, unlinked_at)
       VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, NULL)
       ON CONFLICT (ref_kind, ref_id) WHERE unlinked_at IS NULL DO NOTHING
       RETURNING id`,
      [randomUUID(), familyId, countyCode, ref.kind, ref.id, now],
    )) as { id: string }[];
    if (inserted.length === 1) {
      await this.lockSurvivor(tx, familyId);
      return { familyId, created: true };
    }
    // Another transaction mapped the ref first: its family wins, the minted row goes.
    await tx.delete(LinkagesFamilyEntity, { id: familyId });
    const winner = await this.currentIdentity(tx, ref);
    if (!winner) throw new Error(`The ${ref.kind} ref could not be mapped to a shared family`);
    this.assertCounty(winner.countyCode, countyCode, ref);
    return { familyId: await this.lockSurvivor(tx, winner.familyId), created: false };
  }

  /** The shared family of the ref in the county (following a merge to the survivor), without minting or locking. */
  async familyOf(tx: EntityManager, countyCode: string, ref: AgencyRef): Promise<string | undefined> {
    const identity = await this.currentIdentity(tx, ref);
    if (!identity || identity.countyCode !== countyCode) return undefined;
    return this.survivorOf(tx, identity.familyId);
  }

  /** The agency refs currently mapped to the family (a merged family's refs were moved to its survivor). */
  async identitiesOf(tx: EntityManager, familyId: string): Promise<FamilyIdentityRef[]> {
    const survivor = await this.survivorOf(tx, familyId);
    const rows = await tx.getRepository(FamilyIdentityEntity).find({
      where: { familyId: survivor, unlinkedAt: IsNull() },
      order: { linkedAt: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({ kind: r.refKind, id: r.refId, calworksCaseNumber: r.calworksCaseNumber }));
  }

  /**
   * Appends a fact to the family's timeline with the next seq (the family row is locked by the increment) and returns
   * the seq; a redelivered event (same eventId) appends nothing and returns the seq it got the first time.
   */
  async appendTimeline(tx: EntityManager, familyId: string, entry: TimelineEntryInput): Promise<number> {
    const seen = await tx.getRepository(FamilyTimelineEntity).findOne({ where: { eventId: entry.eventId } });
    if (seen) return seen.seq;
    const survivor = await this.survivorOf(tx, familyId);
    const result: unknown = await tx.query(
      `UPDATE ${tableOf(tx, LinkagesFamilyEntity)} SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq, county_code`,
      [survivor],
    );
    const updated = returnedRows<{ last_seq: string; county_code: string }>(result)[0];
    if (!updated) throw new Error(`No shared family ${survivor}`);
    const { last_seq, county_code } = updated;
    const seq = Number(last_seq);
    await tx.getRepository(FamilyTimelineEntity).save(
      tx.getRepository(FamilyTimelineEntity).create({
        familyId: survivor,
        seq,
        countyCode: county_code,
        occurredAt: new Date(entry.occurredAt),
        recordedAt: new Date(),
        agency: entry.agency,
        eventId: entry.eventId,
        eventType: entry.eventType,
        subject: entry.subject,
        entry: entry.entry,
      }),
    );
    return seq;
  }

  /**
   * The coordination facts the family's timeline kept (each event's fact, in timeline order, with its event id): what a
   * merge tells the survivor's process. Entries without a kept fact (an event that tells coordination nothing) are left out.
   */
  async timelineFacts(tx: EntityManager, familyId: string): Promise<FamilyFactSignal[]> {
    const survivor = await this.survivorOf(tx, familyId);
    const rows = await tx
      .getRepository(FamilyTimelineEntity)
      .createQueryBuilder('t')
      .where('t.familyId = :familyId', { familyId: survivor })
      .andWhere("jsonb_exists(t.entry, 'coordination')")
      .orderBy('t.seq', 'ASC')
      .getMany();
    return rows.flatMap((r) => {
      const kept = r.entry['coordination'] as { fact?: FamilyFactSignal['fact'] } | undefined;
      return kept?.fact ? [{ eventId: r.eventId, fact: kept.fact }] : [];
    });
  }

  /** Records the CalWORKs case number an agency gave for its family ref (used by the family-link rules). */
  async recordCaseNumber(tx: EntityManager, ref: AgencyRef, caseNumber: string): Promise<void> {
    await tx
      .getRepository(FamilyIdentityEntity)
      .createQueryBuilder()
      .update()
      .set({ calworksCaseNumber: caseNumber })
      .where('ref_kind = :kind AND ref_id = :id AND unlinked_at IS NULL', { kind: ref.kind, id: ref.id })
      .execute();
  }

  private currentIdentity(tx: EntityManager, ref: AgencyRef): Promise<FamilyIdentityEntity | null> {
    return tx
      .getRepository(FamilyIdentityEntity)
      .createQueryBuilder('i')
      .where('i.ref_kind = :kind AND i.ref_id = :id AND i.unlinked_at IS NULL', { kind: ref.kind, id: ref.id })
      .getOne();
  }

  private assertCounty(actual: string, expected: string, ref: AgencyRef): void {
    if (actual !== expected) throw new Error(`The ${ref.kind} ref belongs to another county's shared family`);
  }

  /** Follows merged_into to the surviving family (merges re-point identities, so this is at most a step or two). */
  async survivorOf(tx: EntityManager, familyId: string): Promise<string> {
    let id = familyId;
    for (let hops = 0; hops < 16; hops++) {
      const family = await tx.getRepository(LinkagesFamilyEntity).findOne({ where: { id } });
      if (!family) throw new Error(`No shared family ${id}`);
      if (family.status !== 'merged' || !family.mergedInto) return id;
      id = family.mergedInto;
    }
    throw new Error(`The merge chain of shared family ${familyId} does not end`);
  }

  private async lockSurvivor(tx: EntityManager, familyId: string): Promise<string> {
    for (let hops = 0; hops < 16; hops++) {
      const family = await tx.getRepository(LinkagesFamilyEntity).findOne({ where: { id: familyId }, lock: { mode: 'pessimistic_write' } });
      if (!family) throw new Error(`No shared family ${familyId}`);
      if (family.status !== 'merged' || !family.mergedInto) return family.id;
      familyId = family.mergedInto;
    }
    throw new Error('The merge chain does not end');
  }
}
