import { Injectable } from '@nestjs/common';
import { staffIdOf } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import type { Person } from '@linkages/notifications-domain';
import { OrganisationEdit, withPerson, type OrganisationCtx } from './organisation-edit';
import { personExists } from './organisation.problems';
import type { CreatePersonBody } from './organisation.schemas';

/**
 * Adds a person to a unit of the caller's county and agency. Their staff id is derived from their identity-provider
 * subject (as for the demo users), so their inbox and preferences are theirs at first sign-in. Refused: a unit not of
 * the caller's county and agency (404 unit-not-found), a staff id already in the organisation (409). Audited, ids only.
 */
@Injectable()
export class CreatePersonCommand {
  constructor(private readonly edit: OrganisationEdit) {}

  execute(ctx: OrganisationCtx, body: CreatePersonBody, now: Date = new Date()): Promise<Person> {
    const staffId = staffIdOf(body.subject);
    return this.edit.run(
      ctx,
      { action: 'create', recordType: 'staff-person', recordId: staffId, purpose: 'add a person to the organisation' },
      async (scope) => {
        const unit = await this.edit.unitInScope(scope, body.unitId, 'body');
        const person: Person = {
          staffId,
          displayName: body.displayName,
          ...(body.email ? { email: body.email } : {}),
          agency: unit.agency,
          countyCode: unit.countyCode,
          unitId: unit.unitId,
          absences: [],
          channels: body.channels ?? { email: body.email !== undefined, webhook: false },
        };
        if ((await this.edit.repository.personById(scope.tx, staffId)) !== null)
          throw problemException(personExists, 'This person is in the organisation already', { staffId });
        this.edit.assertValid(scope, withPerson(scope.before, person));
        if (!(await this.edit.repository.insertPerson(scope.tx, person, scope.now)))
          throw problemException(personExists, 'This person is in the organisation already', { staffId });
        return { value: person, details: { unitId: unit.unitId } };
      },
      now,
    );
  }
}
