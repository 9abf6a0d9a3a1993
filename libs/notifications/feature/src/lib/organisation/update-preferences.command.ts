import { Injectable } from '@nestjs/common';
import { staffIdOf } from '@linkages/platform-access';
import type { Person } from '@linkages/notifications-domain';
import { OrganisationEdit, type OrganisationCtx } from './organisation-edit';
import { preferencesOf } from './preferences.view';
import type { PreferencesBody, PreferencesResponse } from './organisation.schemas';

/**
 * Sets the caller's own quiet hours (county local time, may wrap midnight, or none) and channels. They shape ordinary
 * e-mail and webhook delivery only: legally urgent escalations ignore them and go to coverage during quiet hours.
 * 404 when the caller is not a person of the organisation. Audited, ids only.
 */
@Injectable()
export class UpdatePreferencesCommand {
  constructor(private readonly edit: OrganisationEdit) {}

  execute(ctx: OrganisationCtx, body: PreferencesBody, now: Date = new Date()): Promise<PreferencesResponse> {
    const staffId = staffIdOf(ctx.principal.subject);
    return this.edit.run(
      ctx,
      { action: 'update', recordType: 'staff-preferences', recordId: staffId, purpose: 'set own delivery preferences' },
      async (scope) => {
        const { quietHours: _q, ...current } = await this.edit.personInScope(scope, staffId, 'path');
        const person: Person = { ...current, ...(body.quietHours ? { quietHours: body.quietHours } : {}), channels: body.channels };
        await this.edit.repository.savePerson(scope.tx, person, scope.now);
        return { value: preferencesOf(person) };
      },
      now,
    );
  }
}
