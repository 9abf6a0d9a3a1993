import { HttpException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import type { Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import { validateOrganisation, type OrganisationSnapshot, type Person, type StaffAgency, type Unit } from '@linkages/notifications-domain';
import { organisationInvalid, personNotAssignable, personNotFound, unitNotFound } from './organisation.problems';

export interface OrganisationCtx {
  principal: Principal;
  correlationId: string;
}

/** The county and agency an edit may touch: the caller's own (a platform caller has none, so finds nothing). */
export interface EditScope {
  tx: EntityManager;
  countyCode: string;
  agency: StaffAgency | 'platform';
  /** The organisation of the scope as it stood when the edit began (under the scope's lock). */
  before: OrganisationSnapshot;
  now: Date;
}

/** What the audit records of an edit: ids and codes only. */
export interface EditRecord {
  action: 'create' | 'update';
  recordType: 'staff-person' | 'staff-unit' | 'staff-absence' | 'staff-preferences';
  recordId: string;
  purpose: string;
}

const inScope = (x: Pick<Person | Unit, 'countyCode' | 'agency'>, scope: Pick<EditScope, 'countyCode' | 'agency'>) =>
  x.countyCode === scope.countyCode && x.agency === scope.agency;

/**
 * Runs one organisation edit: in one transaction under the county's and agency's edit lock, refused with a
 * problem+json that leaves everything as it was, checked with `validateOrganisation` against what it would leave, and
 * audited (allowed or denied, ids only) once the transaction has ended.
 */
@Injectable()
export class OrganisationEdit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    readonly repository: OrganisationRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async run<T>(
    ctx: OrganisationCtx,
    record: EditRecord,
    work: (scope: EditScope) => Promise<{ value: T; details?: Record<string, unknown> }>,
    now: Date = new Date(),
  ): Promise<T> {
    const { principal } = ctx;
    const agency = principal.agency === 'cws' || principal.agency === 'calworks' ? principal.agency : 'platform';
    let outcome: { value: T; details?: Record<string, unknown> };
    try {
      outcome = await this.dataSource.transaction(async (tx) => {
        // A platform caller belongs to no agency: nothing is in its scope, so every lookup refuses.
        let before: OrganisationSnapshot = { people: [], units: [], assignments: [] };
        if (agency !== 'platform') {
          await this.repository.lockScope(tx, principal.county, agency);
          before = await this.repository.snapshot(tx, principal.county, agency, now.toISOString());
        }
        return work({ tx, countyCode: principal.county, agency, before, now });
      });
    } catch (error) {
      if (error instanceof HttpException) await this.append(ctx, record, 'denied', { refusal: slugOf(error) });
      throw error;
    }
    await this.append(ctx, record, 'allowed', outcome.details ?? {});
    return outcome.value;
  }

  /** The person of the scope, or a 404 (`not-found` for the addressed record, `person-not-found` for one named in the body). */
  async personInScope(scope: EditScope, staffId: string, named: 'path' | 'body'): Promise<Person> {
    const person = await this.repository.personById(scope.tx, staffId);
    if (!person) throw problemException(named === 'path' ? 'not-found' : personNotFound, 'No such person in the organisation', { staffId });
    if (!inScope(person, scope)) {
      if (named === 'path') throw problemException('not-found', 'No such person in your county and agency');
      throw problemException(personNotAssignable, 'The person is of another agency or county', { staffId });
    }
    return person;
  }

  /** The unit of the scope, or a 404 (`not-found` for the addressed unit, `unit-not-found` for one named in the body). */
  async unitInScope(scope: EditScope, unitId: string, named: 'path' | 'body'): Promise<Unit> {
    const unit = await this.repository.unitById(scope.tx, unitId);
    if (!unit || !inScope(unit, scope))
      throw problemException(named === 'path' ? 'not-found' : unitNotFound, 'No such unit in your county and agency', { unitId });
    return unit;
  }

  /** Refuses the edit when it would add a problem `validateOrganisation` finds (problems already there do not block it). */
  assertValid(scope: EditScope, after: OrganisationSnapshot): void {
    const known = new Set(validateOrganisation(scope.before));
    const added = validateOrganisation(after).filter((p) => !known.has(p));
    if (added.length > 0)
      throw problemException(organisationInvalid, 'The edit would leave the organisation inconsistent', { problems: added });
  }

  private async append(ctx: OrganisationCtx, record: EditRecord, outcome: 'allowed' | 'denied', details: Record<string, unknown>) {
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: outcome === 'allowed' ? record.action : 'deny',
      recordType: record.recordType,
      recordId: record.recordId,
      recordCounty: ctx.principal.county,
      purpose: record.purpose,
      outcome,
      correlationId: ctx.correlationId,
      details,
    });
  }
}

const slugOf = (error: HttpException): string => {
  const body = error.getResponse();
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type.slice(type.lastIndexOf('/') + 1) : String(error.getStatus());
};

/** The snapshot with one person replaced (or added). */
export const withPerson = (snap: OrganisationSnapshot, person: Person): OrganisationSnapshot => ({
  ...snap,
  people: [...snap.people.filter((p) => p.staffId !== person.staffId), person],
});

/** The snapshot with one unit replaced. */
export const withUnit = (snap: OrganisationSnapshot, unit: Unit): OrganisationSnapshot => ({
  ...snap,
  units: snap.units.map((u) => (u.unitId === unit.unitId ? unit : u)),
});
