import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Assignment, OrganisationSnapshot, Person, RecipientContact, StaffAgency, Unit } from '@linkages/notifications-domain';
import { StaffAssignmentEntity } from './staff-assignment.entity';
import { StaffPersonEntity } from './staff-person.entity';
import { StaffUnitEntity } from './staff-unit.entity';

const personOf = (r: StaffPersonEntity): Person => ({
  staffId: r.staffId,
  displayName: r.displayName,
  ...(r.email ? { email: r.email } : {}),
  agency: r.agency,
  countyCode: r.countyCode,
  unitId: r.unitId,
  absences: r.absences,
  ...(r.quietHours ? { quietHours: r.quietHours } : {}),
  channels: r.channels,
});

const unitOf = (r: StaffUnitEntity): Unit => ({
  unitId: r.unitId,
  name: r.name,
  agency: r.agency,
  countyCode: r.countyCode,
  supervisorId: r.supervisorId,
  managerId: r.managerId,
  managerOnDutyId: r.managerOnDutyId,
  ...(r.afterHoursCoverId ? { afterHoursCoverId: r.afterHoursCoverId } : {}),
  ...(r.intakeWorkerId ? { intakeWorkerId: r.intakeWorkerId } : {}),
  programs: r.programs,
});

const assignmentOf = (r: StaffAssignmentEntity): Assignment => ({
  countyCode: r.countyCode,
  ownerService: r.ownerService,
  ...(r.subjectRef ? { subjectRef: r.subjectRef } : {}),
  ...(r.familyId ? { familyId: r.familyId } : {}),
  staffId: r.staffId,
  reason: r.reason,
  by: r.assignedBy,
  at: r.assignedAt.toISOString(),
});

/** The organisation's rows: one county's and agency's snapshot for resolving a ladder role, and each person's contact. */
@Injectable()
export class OrganisationRepository {
  /** People, units and assignments of a county and agency as they stand now (assignments made up to `at`). */
  async snapshot(tx: EntityManager, countyCode: string, agency: StaffAgency, at: string): Promise<OrganisationSnapshot> {
    // One after another: inside a transaction they share one connection, which runs one query at a time.
    const people = await tx.find(StaffPersonEntity, { where: { countyCode, agency }, order: { staffId: 'ASC' } });
    const units = await tx.find(StaffUnitEntity, { where: { countyCode, agency }, order: { unitId: 'ASC' } });
    const assignments = await tx.find(StaffAssignmentEntity, { where: { countyCode }, order: { assignedAt: 'ASC' } });
    return {
      people: people.map(personOf),
      units: units.map(unitOf),
      assignments: assignments.filter((a) => a.assignedAt.getTime() <= Date.parse(at)).map(assignmentOf),
    };
  }

  async contactOf(tx: EntityManager, staffId: string): Promise<RecipientContact | null> {
    const row = await tx.findOne(StaffPersonEntity, { where: { staffId } });
    if (!row) return null;
    return {
      staffId: row.staffId,
      agency: row.agency,
      countyCode: row.countyCode,
      ...(row.email ? { email: row.email } : {}),
      ...(row.quietHours ? { quietHours: row.quietHours } : {}),
      channels: row.channels,
    };
  }

  /** Inserts people and units that are not there yet; rows edited through the API are never overwritten. */
  async seed(tx: EntityManager, people: Person[], units: Unit[], now: Date): Promise<{ people: number; units: number }> {
    const p = await tx
      .createQueryBuilder()
      .insert()
      .into(StaffPersonEntity)
      .values(
        people.map((x) => ({
          ...x,
          email: x.email ?? null,
          quietHours: x.quietHours ?? null,
          source: 'configuration' as const,
          updatedAt: now,
        })),
      )
      .orIgnore()
      .returning('staff_id')
      .execute();
    const u = await tx
      .createQueryBuilder()
      .insert()
      .into(StaffUnitEntity)
      .values(
        units.map((x) => ({
          ...x,
          afterHoursCoverId: x.afterHoursCoverId ?? null,
          intakeWorkerId: x.intakeWorkerId ?? null,
          source: 'configuration' as const,
          updatedAt: now,
        })),
      )
      .orIgnore()
      .returning('unit_id')
      .execute();
    // RETURNING lists only the rows inserted (a conflicting row is skipped by ON CONFLICT DO NOTHING).
    return { people: (p.raw as unknown[]).length, units: (u.raw as unknown[]).length };
  }

  /**
   * Serialises the organisation edits of one county and agency until the transaction ends, so that each edit is
   * validated against the organisation as the previous one left it.
   */
  async lockScope(tx: EntityManager, countyCode: string, agency: StaffAgency): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notifications.organisation:${countyCode}:${agency}`]);
  }

  async personById(tx: EntityManager, staffId: string): Promise<Person | null> {
    const row = await tx.findOne(StaffPersonEntity, { where: { staffId } });
    return row ? personOf(row) : null;
  }

  async unitById(tx: EntityManager, unitId: string): Promise<Unit | null> {
    const row = await tx.findOne(StaffUnitEntity, { where: { unitId } });
    return row ? unitOf(row) : null;
  }

  /** A person added through the API (`source` api). Returns false when the staff id exists already (nothing written). */
  async insertPerson(tx: EntityManager, person: Person, now: Date): Promise<boolean> {
    const r = await tx
      .createQueryBuilder()
      .insert()
      .into(StaffPersonEntity)
      .values({ ...person, email: person.email ?? null, quietHours: person.quietHours ?? null, source: 'api', updatedAt: now })
      .orIgnore()
      .returning('staff_id')
      .execute();
    return (r.raw as unknown[]).length === 1;
  }

  /** Writes the person as given; `source` becomes api so the seeder never touches the row again. */
  async savePerson(tx: EntityManager, person: Person, now: Date): Promise<void> {
    await tx.update(
      StaffPersonEntity,
      { staffId: person.staffId },
      {
        displayName: person.displayName,
        email: person.email ?? null,
        unitId: person.unitId,
        absences: person.absences,
        quietHours: person.quietHours ?? null,
        channels: person.channels,
        source: 'api',
        updatedAt: now,
      },
    );
  }

  /** Writes the unit's name and holders as given; `source` becomes api. */
  async saveUnit(tx: EntityManager, unit: Unit, now: Date): Promise<void> {
    await tx.update(
      StaffUnitEntity,
      { unitId: unit.unitId },
      {
        name: unit.name,
        supervisorId: unit.supervisorId,
        managerId: unit.managerId,
        managerOnDutyId: unit.managerOnDutyId,
        afterHoursCoverId: unit.afterHoursCoverId ?? null,
        intakeWorkerId: unit.intakeWorkerId ?? null,
        source: 'api',
        updatedAt: now,
      },
    );
  }

  async assign(tx: EntityManager, a: Assignment): Promise<void> {
    await tx.insert(StaffAssignmentEntity, {
      countyCode: a.countyCode,
      ownerService: a.ownerService,
      subjectRef: a.subjectRef ?? null,
      familyId: a.familyId ?? null,
      staffId: a.staffId,
      reason: a.reason,
      assignedBy: a.by,
      assignedAt: new Date(a.at),
    });
  }
}
