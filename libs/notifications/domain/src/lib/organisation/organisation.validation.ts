import type { OrganisationSnapshot } from './organisation.types';

/**
 * Problems of an organisation (coverage across agencies or counties, unknown people, a supervisor outside their unit,
 * people in a unit of another agency or county): codes and ids only.
 */
export const validateOrganisation = (snap: OrganisationSnapshot): string[] => {
  const problems: string[] = [];
  const byId = new Map(snap.people.map((p) => [p.staffId, p]));
  const unitById = new Map(snap.units.map((u) => [u.unitId, u]));
  for (const unit of snap.units) {
    const roles = {
      supervisorId: unit.supervisorId,
      managerId: unit.managerId,
      managerOnDutyId: unit.managerOnDutyId,
      afterHoursCoverId: unit.afterHoursCoverId,
      intakeWorkerId: unit.intakeWorkerId,
    };
    for (const [field, id] of Object.entries(roles)) {
      if (!id) continue;
      const p = byId.get(id);
      if (!p) problems.push(`unit ${unit.unitId}: ${field} ${id} unknown`);
      else if (p.agency !== unit.agency || p.countyCode !== unit.countyCode)
        problems.push(`unit ${unit.unitId}: ${field} ${id} is of another agency or county`);
      // The supervisor supervises the unit's own people; managers and coverage may sit elsewhere.
      else if (field === 'supervisorId' && p.unitId !== unit.unitId)
        problems.push(`unit ${unit.unitId}: supervisorId ${id} is not in the unit`);
    }
  }
  for (const person of snap.people) {
    const unit = unitById.get(person.unitId);
    if (!unit) problems.push(`person ${person.staffId}: unit ${person.unitId} unknown`);
    else if (unit.agency !== person.agency || unit.countyCode !== person.countyCode)
      problems.push(`person ${person.staffId}: unit ${person.unitId} is of another agency or county`);
    for (const a of person.absences) {
      if (!a.endedAt && Date.parse(a.to) <= Date.parse(a.from))
        problems.push(`person ${person.staffId}: absence ${a.absenceId} ends before it starts`);
      if (!a.coverId) continue;
      const c = byId.get(a.coverId);
      if (a.coverId === person.staffId) problems.push(`person ${person.staffId}: absence ${a.absenceId} covered by the absent person`);
      else if (!c) problems.push(`person ${person.staffId}: cover ${a.coverId} unknown`);
      else if (c.agency !== person.agency || c.countyCode !== person.countyCode)
        problems.push(`person ${person.staffId}: cover ${a.coverId} is of another agency or county`);
    }
  }
  return problems;
};
