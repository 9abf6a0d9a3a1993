import { Injectable } from '@nestjs/common';
import type { Person } from '@linkages/notifications-domain';
import { OrganisationEdit, withPerson, type OrganisationCtx } from './organisation-edit';
import type { UpdatePersonBody } from './organisation.schemas';

/**
 * Changes a person's name, e-mail, unit or channels (the fields given; `email: null` removes it). Refused: a person not
 * of the caller's county and agency (404), a unit not of it (404 unit-not-found), a move that leaves a unit's
 * supervisor outside it (422 organisation-invalid). The row becomes `source: api`: the seeder never overwrites it. Audited.
 */
@Injectable()
export class UpdatePersonCommand {
  constructor(private readonly edit: OrganisationEdit) {}

  execute(ctx: OrganisationCtx, staffId: string, body: UpdatePersonBody, now: Date = new Date()): Promise<Person> {
    return this.edit.run(
      ctx,
      { action: 'update', recordType: 'staff-person', recordId: staffId, purpose: 'change a person of the organisation' },
      async (scope) => {
        const current = await this.edit.personInScope(scope, staffId, 'path');
        if (body.unitId !== undefined) await this.edit.unitInScope(scope, body.unitId, 'body');
        const { email: _email, ...rest } = current;
        const email = body.email === undefined ? current.email : (body.email ?? undefined);
        const person: Person = {
          ...rest,
          ...(email ? { email } : {}),
          displayName: body.displayName ?? current.displayName,
          unitId: body.unitId ?? current.unitId,
          channels: body.channels ?? current.channels,
        };
        this.edit.assertValid(scope, withPerson(scope.before, person));
        await this.edit.repository.savePerson(scope.tx, person, scope.now);
        const changed = (['displayName', 'email', 'unitId', 'channels'] as const).filter((k) => body[k] !== undefined);
        return { value: person, details: { changed, ...(body.unitId ? { unitId: body.unitId } : {}) } };
      },
      now,
    );
  }
}
