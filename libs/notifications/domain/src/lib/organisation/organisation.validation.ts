import type { OrganisationSnapshot } from './organisation.types';

/** Problems of an organisation (coverage across agencies or counties, unknown people): codes and ids only. */
export const validateOrganisation = (snap: OrganisationSnapshot): string[] => {
  const problems: string[] = [];
  const byId = new Map(snap.people.map((p) => [p.staffId, p]));
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
    }
  }
  for (const person of snap.people) {
    for (const a of person.absences) {
      if (Date.parse(a.to) <= Date.parse(a.from)) problems.push(`person ${person.staffId}: absence ${a.absenceId} ends before it starts`);
      if (!a.coverId) continue;
      const c = byId.get(a.coverId);
      if (!c) problems.push(`person ${person.staffId}: cover ${a.coverId} unknown`);
      else if (c.agency !== person.agency || c.countyCode !== person.countyCode)
        problems.push(`person ${person.staffId}: cover ${a.coverId} is of another agency or county`);
    }
  }
  return problems;
};
