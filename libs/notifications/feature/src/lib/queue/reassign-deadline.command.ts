import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { staffIdOf } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditLog, type AuditOutcome } from '@linkages/platform-audit';
import { problemException } from '@linkages/platform-http';
import { DeadlineQueueRepository, OrganisationRepository } from '@linkages/notifications-data-access';
import { absenceAt, agencyOfOwnerService } from '@linkages/notifications-domain';
import type { ServiceName } from '@linkages/shared-contracts';
import { AssignWorkCommand } from '../organisation/assign-work.command';
import { queueVisibilityOf, supervisesItem, type DeadlineQueueCtx } from './deadline-queue-access';
import { assigneeNotEligible, notYourUnit } from './deadline-queue.problems';
import { DeadlineQueueViews } from './deadline-queue.view';
import type { DeadlineQueueItem, ReassignDeadlineBody } from './deadline-queue.schemas';

/**
 * Re-assigns a deadline of the queue (issue 15 item 2) to another worker, with a reason: only a supervisor of its
 * agency in its county (else 403 not-your-unit; one the caller may not see is 404). The new assignee must be a person
 * of the deadline's county and agency, not absent now (else 422). The assignment of its subject is recorded by the
 * same use case as PUT /assignments (the latest wins, so the ladder's later levels resolve the new assignee), then the
 * item's assignee and a `reassigned` entry on its timeline (ids only); audited with the reason.
 */
@Injectable()
export class ReassignDeadlineCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: DeadlineQueueRepository,
    private readonly organisation: OrganisationRepository,
    private readonly assignWork: AssignWorkCommand,
    private readonly views: DeadlineQueueViews,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: DeadlineQueueCtx, deadlineId: string, body: ReassignDeadlineBody, now: Date = new Date()): Promise<DeadlineQueueItem> {
    const { principal } = ctx;
    const record = (action: 'update' | 'deny', outcome: AuditOutcome, county: string | null, details: Record<string, unknown>) =>
      this.audit.append({
        ...auditActor(principal),
        action,
        recordType: 'deadline',
        recordId: deadlineId,
        recordCounty: county,
        purpose: 'reassign-deadline',
        outcome,
        reason: body.reason,
        correlationId: ctx.correlationId,
        details,
      });
    const { row, person } = await this.dataSource.transaction(async (tx) => {
      const visible = await this.queue.visible(tx, queueVisibilityOf(principal), deadlineId);
      return { row: visible, person: visible ? await this.organisation.personById(tx, body.staffId) : null };
    });
    if (!row) {
      await record('deny', 'denied', null, {});
      throw problemException('not-found', 'No deadline in your queue with this id');
    }
    const item = row.item;
    if (!supervisesItem(principal, item)) {
      await record('deny', 'denied', item.countyCode, { refused: 'not-your-unit' });
      throw problemException(notYourUnit, 'Only a supervisor of the deadline’s agency in its county may re-assign it');
    }
    const ownerService = item.ownerService as ServiceName;
    if (
      !person ||
      person.countyCode !== item.countyCode ||
      person.agency !== agencyOfOwnerService(ownerService) ||
      absenceAt(person, now.toISOString())
    ) {
      await record('deny', 'denied', item.countyCode, { refused: 'assignee-not-eligible', staffId: body.staffId });
      throw problemException(assigneeNotEligible, 'The person is not an active member of the deadline’s county and agency', {
        staffId: body.staffId,
      });
    }
    await this.assignWork.execute(ctx, { ownerService, subjectRef: item.subjectRef, staffId: person.staffId, reason: body.reason }, now);
    const updated = await this.dataSource.transaction(async (tx) => {
      await this.queue.setAssignee(tx, deadlineId, person.staffId, person.unitId, now);
      // On the deadline's timeline (never folded into its state): who holds it now, and who did before.
      await this.queue.appendEvent(tx, {
        eventId: `reassigned/${randomUUID()}`,
        deadlineId,
        at: now,
        kind: 'reassigned',
        detail: { staffId: person.staffId, previousStaffId: item.assigneeStaffId, by: staffIdOf(principal.subject) },
      });
      const fresh = await this.queue.visible(tx, queueVisibilityOf(principal), deadlineId);
      return fresh ? (await this.views.itemsOf(tx, [fresh], now))[0] : undefined;
    });
    await record('update', 'allowed', item.countyCode, { staffId: person.staffId, previousStaffId: item.assigneeStaffId });
    if (!updated) throw new Error(`Deadline ${deadlineId} vanished while being re-assigned`);
    return updated;
  }
}
