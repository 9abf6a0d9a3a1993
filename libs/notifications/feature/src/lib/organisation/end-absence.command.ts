import { Injectable } from '@nestjs/common';
import { problemException } from '@linkages/platform-http';
import type { Absence } from '@linkages/notifications-domain';
import { OrganisationEdit, withPerson, type OrganisationCtx } from './organisation-edit';
import { absenceNotOpen } from './organisation.problems';

/**
 * Ends a person's absence now (the person is back early; one not begun yet is withdrawn: it ends where it starts).
 * Levels raised from now on reach the person again. Refused: unknown person or absence (404), ended already (409). Audited.
 */
@Injectable()
export class EndAbsenceCommand {
  constructor(private readonly edit: OrganisationEdit) {}

  execute(
    ctx: OrganisationCtx,
    staffId: string,
    absenceId: string,
    now: Date = new Date(),
  ): Promise<{ staffId: string; absence: Absence }> {
    return this.edit.run(
      ctx,
      { action: 'update', recordType: 'staff-absence', recordId: absenceId, purpose: 'end an absence' },
      async (scope) => {
        const person = await this.edit.personInScope(scope, staffId, 'path');
        const current = person.absences.find((a) => a.absenceId === absenceId);
        if (!current) throw problemException('not-found', 'No such absence of this person');
        if (current.endedAt || Date.parse(current.to) <= now.getTime())
          throw problemException(absenceNotOpen, 'The absence has ended already');
        const ended: Absence = {
          ...current,
          to: new Date(Math.max(now.getTime(), Date.parse(current.from))).toISOString(),
          endedAt: now.toISOString(),
        };
        const after = { ...person, absences: person.absences.map((a) => (a.absenceId === absenceId ? ended : a)) };
        this.edit.assertValid(scope, withPerson(scope.before, after));
        await this.edit.repository.savePerson(scope.tx, after, scope.now);
        return { value: { staffId, absence: ended }, details: { staffId } };
      },
      now,
    );
  }
}
