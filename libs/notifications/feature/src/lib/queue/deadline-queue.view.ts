import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { OrganisationRepository, StaffPersonEntity, type QueueRow } from '@linkages/notifications-data-access';
import { agencyOfOwnerService, resolveRole, type OrganisationSnapshot, type StaffAgency } from '@linkages/notifications-domain';
import type { ServiceName } from '@linkages/shared-contracts';
import type { DeadlineQueueItem } from './deadline-queue.schemas';

/**
 * Queue rows as the API shows them: the assignee's and next recipients' display names from the organisation (staff,
 * not clients), and who would be told at the next level as the organisation resolves its role at that instant.
 */
@Injectable()
export class DeadlineQueueViews {
  constructor(private readonly organisation: OrganisationRepository) {}

  async itemsOf(tx: EntityManager, rows: readonly QueueRow[], now: Date = new Date()): Promise<DeadlineQueueItem[]> {
    const snapshots = new Map<string, OrganisationSnapshot>();
    const snapshotOf = async (countyCode: string, agency: StaffAgency) => {
      const key = `${countyCode}/${agency}`;
      let snap = snapshots.get(key);
      if (!snap) {
        snap = await this.organisation.snapshot(tx, countyCode, agency, now.toISOString());
        snapshots.set(key, snap);
      }
      return snap;
    };
    const nextIds: string[][] = [];
    for (const { item, escalation } of rows) {
      const next = escalation?.status !== 'resolved' ? escalation?.next : null;
      if (!next) {
        nextIds.push([]);
        continue;
      }
      const ownerService = item.ownerService as ServiceName;
      const snap = await snapshotOf(item.countyCode, agencyOfOwnerService(ownerService));
      const resolved = resolveRole(snap, {
        subject: {
          escalationId: escalation?.escalationId ?? item.deadlineId,
          deadlineId: item.deadlineId,
          familyId: item.familyId,
          countyCode: item.countyCode,
          ownerService,
          ruleId: item.ruleId,
          citation: item.citation,
          subjectRef: item.subjectRef,
          dueAt: item.dueAt.toISOString(),
          overdueSince: item.dueAt.toISOString(),
        },
        level: next.level,
        role: next.role,
        at: next.at,
        legallyUrgent: item.legallyUrgent,
      });
      nextIds.push(resolved.recipients.map((r) => r.staffId));
    }
    const ids = [...new Set([...rows.flatMap((r) => (r.item.assigneeStaffId ? [r.item.assigneeStaffId] : [])), ...nextIds.flat()])];
    const people = ids.length ? await tx.find(StaffPersonEntity, { where: { staffId: In(ids) } }) : [];
    const nameOf = new Map(people.map((p) => [p.staffId, p.displayName]));
    const person = (staffId: string) => ({ staffId, displayName: nameOf.get(staffId) ?? staffId });
    return rows.map(({ item, escalation, viewState }, i) => ({
      deadlineId: item.deadlineId,
      familyId: item.familyId,
      countyCode: item.countyCode,
      agency: item.agency,
      ownerService: item.ownerService,
      program: item.program,
      ruleId: item.ruleId,
      citation: item.citation,
      subjectRef: item.subjectRef,
      dueAt: item.dueAt.toISOString(),
      explanation: item.explanation,
      state: viewState,
      legallyUrgent: item.legallyUrgent,
      assignee: item.assigneeStaffId ? person(item.assigneeStaffId) : null,
      unitId: item.unitId,
      escalation: escalation
        ? {
            escalationId: escalation.escalationId,
            status: escalation.status,
            level: escalation.level,
            next: escalation.status === 'resolved' ? null : escalation.next,
            nextRecipients: (nextIds[i] ?? []).map(person),
          }
        : null,
    }));
  }
}
