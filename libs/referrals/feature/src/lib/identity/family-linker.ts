import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { OutboxWriter, shareEvent } from '@linkages/platform-messaging';
import { familyLinkedEvent, familyUnlinkedEvent } from '@linkages/shared-contracts';
import {
  FamilyIdentityEntity,
  FamilyResolver,
  FamilyTimelineEntity,
  IdentityRepository,
  LinkagesFamilyEntity,
  PersonLinkEntity,
  PersonRecordEntity,
  tableOf,
} from '@linkages/referrals-data-access';
import {
  agencyOfRefKind,
  familyLinkOf,
  identityEventClassification,
  type AgencyRef,
  type FamilyPersonLink,
  type RefKind,
} from '@linkages/referrals-domain';

/** Who made the family-level decision (the contract's `decidedBy`). */
export type FamilyLinkDecidedBy = 'auto' | 'liaison' | 'case-number';

export interface IdentityContext {
  correlationId: string;
  /** The subject recorded in the audit log: `system:referrals` for the pipeline, the liaison's subject otherwise. */
  actor: { actorSubject: string; actorRoles: string[]; actorAgency?: string | null; actorCounty?: string | null };
}

/** What changed in the shared families: who must hear of it (H3's coordination workflows, by family id). */
export interface IdentityChange {
  kind: 'merged' | 'split';
  familyId: string;
  otherFamilyId: string;
}

export const systemActor = (countyCode: string): IdentityContext['actor'] => ({
  actorSubject: 'system:referrals',
  actorRoles: [],
  actorAgency: 'linkages',
  actorCounty: countyCode,
});

const refKey = (ref: AgencyRef) => `${ref.kind}:${ref.id}`;
const refOfPerson = (p: PersonRecordEntity): AgencyRef => ({ kind: p.familyRefKind, id: p.familyRefId });

/**
 * Keeps the shared families in step with the person links: two agency families become one shared family when the
 * family-link rules say so (an adult linked, or the case number with a person agreeing): the older family survives,
 * the other is merged into it (its identities and timeline move, it keeps `merged_into`). An unlink recomputes the
 * family: a part no longer held by the rules leaves for a new shared family (a split). Every change is an event and
 * an audit record, in the caller's transaction.
 */
@Injectable()
export class FamilyLinker {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly families: FamilyResolver,
    private readonly outbox: OutboxWriter,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  /** The CalWORKs case number recorded for an agency family: the identity's own, else its members' (AU). */
  async caseNumberOf(tx: EntityManager, ref: AgencyRef, members: readonly PersonRecordEntity[]): Promise<string | null> {
    const row = await tx
      .getRepository(FamilyIdentityEntity)
      .createQueryBuilder('i')
      .where('i.ref_kind = :kind AND i.ref_id = :id AND i.unlinked_at IS NULL', { kind: ref.kind, id: ref.id })
      .getOne();
    return row?.calworksCaseNumber ?? members.find((m) => m.caseNumber)?.caseNumber ?? null;
  }

  /** The family-link decision between two agency families from their members' current cross-agency links. */
  async familyDecision(tx: EntityManager, a: AgencyRef, b: AgencyRef) {
    const [membersA, membersB] = [await this.identity.personsOfFamily(tx, a), await this.identity.personsOfFamily(tx, b)];
    const byId = new Map([...membersA, ...membersB].map((p) => [p.id, p]));
    const inA = new Set(membersA.map((p) => p.id));
    const inB = new Set(membersB.map((p) => p.id));
    const links = (await this.identity.currentLinksOf(tx, [...inA]))
      .filter((l) => l.kind === 'cross-agency')
      .filter((l) => (inA.has(l.aId) && inB.has(l.bId)) || (inB.has(l.aId) && inA.has(l.bId)));
    const personLinks: FamilyPersonLink[] = links.map((l) => ({
      linkId: l.id,
      aAgeBand: byId.get(l.aId)?.ageBand ?? 'child',
      bAgeBand: byId.get(l.bId)?.ageBand ?? 'child',
    }));
    return familyLinkOf(personLinks, { a: await this.caseNumberOf(tx, a, membersA), b: await this.caseNumberOf(tx, b, membersB) });
  }

  /**
   * After a person link between two agency families: joins their shared families when the family-link rules hold.
   * Returns the change (or undefined when they were already one, or the rules do not hold yet).
   */
  async afterPersonLink(
    tx: EntityManager,
    countyCode: string,
    link: PersonLinkEntity,
    ctx: IdentityContext,
    decidedBy: FamilyLinkDecidedBy,
  ): Promise<IdentityChange | undefined> {
    const people = await this.identity.byIds(tx, [link.aId, link.bId]);
    const a = people.find((p) => p.id === link.aId);
    const b = people.find((p) => p.id === link.bId);
    if (!a || !b) return undefined;
    const decision = await this.familyDecision(tx, refOfPerson(a), refOfPerson(b));
    if (decision.outcome !== 'link') return undefined;
    return this.join(
      tx,
      countyCode,
      refOfPerson(a),
      refOfPerson(b),
      link.id,
      decision.basis === 'case-number' ? 'case-number' : decidedBy,
      ctx,
    );
  }

  /** Joins the shared families of two agency refs (the older survives). */
  async join(
    tx: EntityManager,
    countyCode: string,
    a: AgencyRef,
    b: AgencyRef,
    linkId: string,
    decidedBy: FamilyLinkDecidedBy,
    ctx: IdentityContext,
  ): Promise<IdentityChange | undefined> {
    // Lock in one order (by ref), so two joins of the same families cannot deadlock.
    const [first, second] = refKey(a) < refKey(b) ? [a, b] : [b, a];
    const f1 = (await this.families.resolve(tx, countyCode, first)).familyId;
    const f2 = (await this.families.resolve(tx, countyCode, second)).familyId;
    if (f1 === f2) return undefined;
    const rows = await tx.getRepository(LinkagesFamilyEntity).findBy([{ id: f1 }, { id: f2 }]);
    rows.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
    const [survivor, absorbed] = rows;
    if (!survivor || !absorbed) throw new Error('A shared family to join is missing');
    const now = new Date();
    const moved = await this.moveIdentities(tx, absorbed.id, survivor.id, linkId, now);
    await this.moveTimeline(tx, absorbed.id, survivor.id);
    await tx.update(LinkagesFamilyEntity, { id: absorbed.id }, { status: 'merged', mergedInto: survivor.id });
    for (const identity of moved) {
      await shareEvent(
        this.outbox,
        tx,
        identityEventClassification,
        familyLinkedEvent,
        {
          familyId: survivor.id,
          linkId,
          agency: agencyOfRefKind(identity.refKind),
          refKind: identity.refKind,
          refId: identity.refId,
          decidedBy,
          mergedFromFamilyId: absorbed.id,
          at: now.toISOString(),
        },
        { countyCode, correlationId: ctx.correlationId },
      );
    }
    await this.audit.append(
      {
        ...ctx.actor,
        action: 'link',
        recordType: 'linkages-family',
        recordId: survivor.id,
        recordCounty: countyCode,
        purpose: 'linkages matching',
        authority: 'wic-10850',
        outcome: 'allowed',
        correlationId: ctx.correlationId,
        details: { mergedFamilyId: absorbed.id, personLinkId: linkId, decidedBy, refs: moved.map((i) => `${i.refKind}/${i.refId}`) },
      },
      tx,
    );
    return { kind: 'merged', familyId: survivor.id, otherFamilyId: absorbed.id };
  }

  /**
   * After a link ended: the family keeps the part still held together by the family-link rules around its first
   * identity; each other part leaves for a new shared family (its identities move; `family-unlinked` per identity).
   */
  async afterUnlink(
    tx: EntityManager,
    countyCode: string,
    link: PersonLinkEntity,
    ctx: IdentityContext,
    reason: string,
  ): Promise<IdentityChange[]> {
    const person = await this.identity.byId(tx, link.aId);
    if (!person) return [];
    const familyId = await this.families.familyOf(tx, countyCode, refOfPerson(person));
    if (!familyId) return [];
    await tx.getRepository(LinkagesFamilyEntity).findOne({ where: { id: familyId }, lock: { mode: 'pessimistic_write' } });
    const identities = (await this.identity.identityRowsOf(tx, familyId)).filter((i) => i.unlinkedAt === null);
    if (identities.length < 2) return [];
    // Union-find over the identities, an edge where the family-link rules hold.
    const parent = identities.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] ?? i)));
    for (let i = 0; i < identities.length; i++) {
      for (let j = i + 1; j < identities.length; j++) {
        const x = identities[i];
        const y = identities[j];
        if (!x || !y) continue;
        const decision = await this.familyDecision(tx, { kind: x.refKind, id: x.refId }, { kind: y.refKind, id: y.refId });
        if (decision.outcome === 'link') parent[find(i)] = find(j);
      }
    }
    const keep = find(0);
    const groups = new Map<number, FamilyIdentityEntity[]>();
    identities.forEach((identity, i) => {
      const root = find(i);
      if (root !== keep) groups.set(root, [...(groups.get(root) ?? []), identity]);
    });
    const changes: IdentityChange[] = [];
    const now = new Date();
    for (const group of groups.values()) {
      const newFamilyId = randomUUID();
      await tx.insert(LinkagesFamilyEntity, {
        id: newFamilyId,
        countyCode,
        status: 'active',
        mergedInto: null,
        lastSeq: 0,
        createdAt: now,
      });
      for (const identity of group) {
        await tx.update(FamilyIdentityEntity, { id: identity.id }, { unlinkedAt: now });
        await tx.insert(FamilyIdentityEntity, {
          id: randomUUID(),
          familyId: newFamilyId,
          countyCode,
          refKind: identity.refKind,
          refId: identity.refId,
          calworksCaseNumber: identity.calworksCaseNumber,
          linkId: null,
          linkedAt: now,
          unlinkedAt: null,
        });
        await shareEvent(
          this.outbox,
          tx,
          identityEventClassification,
          familyUnlinkedEvent,
          {
            familyId,
            linkId: link.id,
            agency: agencyOfRefKind(identity.refKind),
            refKind: identity.refKind,
            refId: identity.refId,
            decidedBy: 'liaison',
            reason,
            newFamilyId,
            at: now.toISOString(),
          },
          { countyCode, correlationId: ctx.correlationId },
        );
      }
      await this.audit.append(
        {
          ...ctx.actor,
          action: 'unlink',
          recordType: 'linkages-family',
          recordId: familyId,
          recordCounty: countyCode,
          purpose: 'linkages matching',
          outcome: 'allowed',
          reason,
          correlationId: ctx.correlationId,
          details: { newFamilyId, personLinkId: link.id, refs: group.map((i) => `${i.refKind}/${i.refId}`) },
        },
        tx,
      );
      changes.push({ kind: 'split', familyId, otherFamilyId: newFamilyId });
    }
    return changes;
  }

  private async moveIdentities(tx: EntityManager, from: string, to: string, linkId: string, at: Date): Promise<FamilyIdentityEntity[]> {
    const current = (await this.identity.identityRowsOf(tx, from)).filter((i) => i.unlinkedAt === null);
    const moved: FamilyIdentityEntity[] = [];
    for (const identity of current) {
      await tx.update(FamilyIdentityEntity, { id: identity.id }, { unlinkedAt: at });
      const row = Object.assign(new FamilyIdentityEntity(), {
        id: randomUUID(),
        familyId: to,
        countyCode: identity.countyCode,
        refKind: identity.refKind as RefKind,
        refId: identity.refId,
        calworksCaseNumber: identity.calworksCaseNumber,
        linkId,
        linkedAt: at,
        unlinkedAt: null,
      });
      await tx.insert(FamilyIdentityEntity, row);
      moved.push(row);
    }
    return moved;
  }

  /** The absorbed family's timeline joins the survivor's, after it, in its own order (one sequence per family). */
  private async moveTimeline(tx: EntityManager, from: string, to: string): Promise<void> {
    const families = tableOf(tx, LinkagesFamilyEntity);
    const timeline = tableOf(tx, FamilyTimelineEntity);
    await tx.query(
      `WITH base AS (SELECT last_seq FROM ${families} WHERE id = $2),
            renumbered AS (SELECT seq, (SELECT last_seq FROM base) + row_number() OVER (ORDER BY occurred_at, seq) AS new_seq
                             FROM ${timeline} WHERE family_id = $1)
       UPDATE ${timeline} t SET family_id = $2, seq = r.new_seq FROM renumbered r WHERE t.family_id = $1 AND t.seq = r.seq`,
      [from, to],
    );
    await tx.query(
      `UPDATE ${families} SET last_seq = GREATEST(last_seq, COALESCE((SELECT max(seq) FROM ${timeline} WHERE family_id = $1), 0)) WHERE id = $1`,
      [to],
    );
  }
}
