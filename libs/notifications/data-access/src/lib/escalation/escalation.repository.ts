import type { EntityManager } from 'typeorm';
import type { RecordEscalationRequest } from '@linkages/notifications-domain';
import { EscalationEntity } from './escalation.entity';
import { EscalationTimelineEntryEntity } from './escalation-timeline-entry.entity';

/** The key of a timeline entry: a retried recordEscalation appends nothing twice. */
export const timelineEntryKey = (req: RecordEscalationRequest): string =>
  `${req.subject.escalationId}/${req.entry.kind}/${req.entry.level ?? 0}/${req.entry.at}`;

/** Reads and writes of the escalations' read model, inside the caller's transaction. */
export class EscalationRepository {
  /** Upserts the row and appends the entry; false when the entry was there already (a retry). */
  async record(tx: EntityManager, req: RecordEscalationRequest): Promise<boolean> {
    const s = req.subject;
    const at = new Date(req.entry.at);
    await tx
      .createQueryBuilder()
      .insert()
      .into(EscalationEntity)
      .values({
        escalationId: s.escalationId,
        deadlineId: s.deadlineId,
        familyId: s.familyId,
        countyCode: s.countyCode,
        ownerService: s.ownerService,
        ruleId: s.ruleId,
        citation: s.citation,
        status: req.status,
        level: req.level,
        next: req.next,
        frozenPolicy: null,
        startedAt: at,
        updatedAt: at,
        resolvedAt: req.status === 'resolved' ? at : null,
      })
      .orUpdate(['status', 'level', 'next', 'updated_at', 'resolved_at'], ['escalation_id'])
      .execute();
    const entryKey = timelineEntryKey(req);
    if (await tx.exists(EscalationTimelineEntryEntity, { where: { entryKey } })) return false;
    await tx
      .createQueryBuilder()
      .insert()
      .into(EscalationTimelineEntryEntity)
      .values({
        entryKey,
        escalationId: s.escalationId,
        at,
        kind: req.entry.kind,
        level: req.entry.level ?? null,
        detail: req.entry.detail as never,
      })
      .orIgnore()
      .execute();
    return true;
  }

  async find(
    tx: EntityManager,
    escalationId: string,
  ): Promise<{ row: EscalationEntity | null; timeline: EscalationTimelineEntryEntity[] }> {
    const row = await tx.findOne(EscalationEntity, { where: { escalationId } });
    const timeline = await tx.find(EscalationTimelineEntryEntity, { where: { escalationId }, order: { seq: 'ASC' } });
    return { row, timeline };
  }
}
