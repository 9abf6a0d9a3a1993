import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '@linkages/shared-contracts';
import { DeadlineQueueItemEntity, DeadlineQueueRepository, OrganisationRepository } from '@linkages/notifications-data-access';
import {
  agencyOfOwnerService,
  foldQueueEvents,
  isQueueEventKind,
  programOf,
  queueAgencyOf,
  resolveRole,
  type QueueEventFact,
} from '@linkages/notifications-domain';
import { deadlineSubjectOf, type DeadlineEventData } from '../escalation/deadline-subject';

/** What every deadline event carries that the queue keeps (ids, codes, instants, the explanation). */
export type QueueDeadlineData = DeadlineEventData;

/** One heard event: its kind in the queue, the ids / dates it adds, and whether it says the deadline is legally urgent. */
export interface QueueFact {
  kind: QueueEventFact['kind'];
  detail: Record<string, string | number | boolean>;
  legallyUrgent?: boolean;
}

/**
 * The queue's read model of the deadlines this service hears about: each event appended once (its CloudEvent id),
 * the item's state and due instant folded from all its events (any arrival order), its assignee resolved through the
 * organisation as `assigned-worker` is. Runs in the handler's transaction, with its inbox entry.
 */
@Injectable()
export class DeadlineQueueRecorder {
  constructor(
    private readonly queue: DeadlineQueueRepository,
    private readonly organisation: OrganisationRepository,
  ) {}

  async record(tx: EntityManager, event: CloudEvent<QueueDeadlineData>, fact: QueueFact, now: Date = new Date()): Promise<boolean> {
    const d = event.data;
    await this.queue.lockDeadline(tx, d.deadlineId);
    const appended = await this.queue.appendEvent(tx, {
      eventId: event.id,
      deadlineId: d.deadlineId,
      at: new Date(event.time),
      kind: fact.kind,
      detail: { ...fact.detail, dueAt: d.dueAt },
    });
    if (!appended) return false;
    const events = await this.queue.eventsOf(tx, d.deadlineId);
    const folded = foldQueueEvents(
      events.flatMap((e): QueueEventFact[] =>
        isQueueEventKind(e.kind) ? [{ kind: e.kind, at: e.at.toISOString(), dueAt: String(e.detail['dueAt']) }] : [],
      ),
    );
    if (!folded) return false;
    const prior = await this.queue.item(tx, d.deadlineId);
    const holder = await this.assigneeOf(tx, event, now);
    await this.queue.upsertItem(
      tx,
      Object.assign(new DeadlineQueueItemEntity(), {
        deadlineId: d.deadlineId,
        familyId: d.familyId,
        countyCode: event.countycode,
        ownerService: d.ownerService,
        agency: queueAgencyOf(d.ownerService),
        program: programOf(d.ruleId),
        ruleId: d.ruleId,
        citation: d.citation,
        subjectRef: d.subjectRef,
        dueAt: new Date(folded.dueAt),
        explanation: d.explanation ?? prior?.explanation ?? null,
        state: folded.state,
        legallyUrgent: fact.legallyUrgent ?? false,
        assigneeStaffId: holder.staffId,
        unitId: holder.unitId,
        updatedAt: now,
      }),
    );
    return true;
  }

  /** The assigned worker as resolveRole finds `assigned-worker` (the cover of an absent one is not the assignee); their unit. */
  private async assigneeOf(
    tx: EntityManager,
    event: CloudEvent<QueueDeadlineData>,
    now: Date,
  ): Promise<{ staffId: string | null; unitId: string | null }> {
    const d = event.data;
    const agency = agencyOfOwnerService(d.ownerService);
    const at = now.toISOString();
    const snap = await this.organisation.snapshot(tx, event.countycode, agency, at);
    const resolved = resolveRole(snap, {
      subject: deadlineSubjectOf(event, d.deadlineId, d.dueAt),
      level: 0,
      role: 'assigned-worker',
      at,
      legallyUrgent: false,
    });
    const first = resolved.recipients[0];
    const staffId = first && first.via !== 'unassigned-fallback' ? (first.skipped ?? first.staffId) : null;
    const person = staffId ? snap.people.find((p) => p.staffId === staffId) : undefined;
    const unit =
      person?.unitId ??
      snap.units.find((u) => u.countyCode === event.countycode && u.agency === agency && u.programs.includes(d.ownerService))?.unitId ??
      null;
    return { staffId: person ? staffId : null, unitId: unit };
  }
}
