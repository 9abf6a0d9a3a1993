import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import { agencyOfOwnerService, type Assignment } from '@linkages/notifications-domain';
import { personNotAssignable } from './organisation.problems';
import type { AssignmentBody } from './organisation.schemas';

/**
 * Assigns a deadline's subject (or a family) of an owner service to a worker; the latest assignment wins. The worker
 * must exist (404) and be of the owner service's agency and the caller's county (422). Audited (ids only); `by` is the caller's staff id.
 */
@Injectable()
export class AssignWorkCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: OrganisationRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: { principal: Principal; correlationId: string }, body: AssignmentBody, now: Date = new Date()): Promise<Assignment> {
    const { principal } = ctx;
    const assignment = await this.dataSource.transaction(async (tx) => {
      const person = await this.repository.contactOf(tx, body.staffId);
      if (!person) throw problemException('not-found', 'No such person in the organisation');
      if (
        person.countyCode !== principal.county ||
        person.agency !== agencyOfOwnerService(body.ownerService) ||
        person.agency !== principal.agency
      )
        throw problemException(personNotAssignable, 'The person is of another agency or county', { staffId: body.staffId });
      const a: Assignment = {
        countyCode: principal.county,
        ownerService: body.ownerService,
        ...(body.subjectRef ? { subjectRef: body.subjectRef } : {}),
        ...(body.familyId ? { familyId: body.familyId } : {}),
        staffId: body.staffId,
        reason: body.reason,
        by: staffIdOf(principal.subject),
        at: now.toISOString(),
      };
      await this.repository.assign(tx, a);
      return a;
    });
    await this.audit.append({
      ...auditActor(principal),
      action: 'update',
      recordType: 'staff-assignment',
      recordId: assignment.familyId ?? assignment.subjectRef ?? null,
      recordCounty: assignment.countyCode,
      purpose: 'assign work',
      outcome: 'allowed',
      correlationId: ctx.correlationId,
      details: { ownerService: assignment.ownerService, staffId: assignment.staffId },
    });
    return assignment;
  }
}
