import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { problemException } from '@linkages/platform-http';
import type { Absence, Person } from '@linkages/notifications-domain';
import { OrganisationEdit, withPerson, type OrganisationCtx } from './organisation-edit';
import { absenceOverlaps, coverNotAvailable } from './organisation.problems';
import type { AbsenceBody } from './organisation.schemas';

const overlaps = (a: Pick<Absence, 'from' | 'to'>, b: Pick<Absence, 'from' | 'to'>) =>
  Date.parse(a.from) < Date.parse(b.to) && Date.parse(b.from) < Date.parse(a.to);

/** The absences of a person that still count: not ended early. */
const openAbsences = (p: Person) => p.absences.filter((a) => !a.endedAt);

/**
 * Records an absence of a person of the caller's county and agency: escalation levels raised during it skip the person
 * to the cover (given, else the unit's supervisor, then manager). Refused: the person not of the scope (404), a cover
 * unknown (404 person-not-found), of another county or agency (422 person-not-assignable), the absent person or absent
 * then themselves (422 cover-not-available), an overlap with an absence not ended (409 absence-overlaps). Audited.
 */
@Injectable()
export class RecordAbsenceCommand {
  constructor(private readonly edit: OrganisationEdit) {}

  execute(
    ctx: OrganisationCtx,
    staffId: string,
    body: AbsenceBody,
    now: Date = new Date(),
  ): Promise<{ staffId: string; absence: Absence }> {
    const absenceId = randomUUID();
    return this.edit.run(
      ctx,
      { action: 'create', recordType: 'staff-absence', recordId: absenceId, purpose: 'record an absence' },
      async (scope) => {
        const person = await this.edit.personInScope(scope, staffId, 'path');
        const absence: Absence = {
          absenceId,
          from: new Date(body.from).toISOString(),
          to: new Date(body.to).toISOString(),
          ...(body.coverId ? { coverId: body.coverId } : {}),
          reasonCode: body.reasonCode,
        };
        if (openAbsences(person).some((a) => overlaps(a, absence)))
          throw problemException(absenceOverlaps, 'The person has an absence overlapping this one; end it first');
        if (body.coverId) {
          if (body.coverId === staffId) throw problemException(coverNotAvailable, 'The absent person cannot cover their own absence');
          const cover = await this.edit.personInScope(scope, body.coverId, 'body');
          if (openAbsences(cover).some((a) => overlaps(a, absence)))
            throw problemException(coverNotAvailable, 'The cover is absent during this absence', { coverId: body.coverId });
        }
        const after = { ...person, absences: [...person.absences, absence] };
        this.edit.assertValid(scope, withPerson(scope.before, after));
        await this.edit.repository.savePerson(scope.tx, after, scope.now);
        return { value: { staffId, absence }, details: { staffId, ...(body.coverId ? { coverId: body.coverId } : {}) } };
      },
      now,
    );
  }
}
