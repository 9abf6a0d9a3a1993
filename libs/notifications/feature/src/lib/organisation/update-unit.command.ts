import { Injectable } from '@nestjs/common';
import type { Unit } from '@linkages/notifications-domain';
import { OrganisationEdit, withUnit, type OrganisationCtx } from './organisation-edit';
import type { UpdateUnitBody } from './organisation.schemas';

const holders = ['supervisorId', 'managerId', 'managerOnDutyId', 'afterHoursCoverId'] as const;

/**
 * Changes a unit's name and who supervises it, manages it, is its manager on duty and covers it after hours (the
 * fields given; `afterHoursCoverId: null` removes the cover). Each holder must be a person of the unit's county and
 * agency (404 person-not-found, 422 person-not-assignable); the supervisor must be in the unit (422 organisation-invalid).
 * Levels raised from now on resolve to the new holders. The row becomes `source: api`. Audited, ids only.
 */
@Injectable()
export class UpdateUnitCommand {
  constructor(private readonly edit: OrganisationEdit) {}

  execute(ctx: OrganisationCtx, unitId: string, body: UpdateUnitBody, now: Date = new Date()): Promise<Unit> {
    return this.edit.run(
      ctx,
      { action: 'update', recordType: 'staff-unit', recordId: unitId, purpose: 'change a unit of the organisation' },
      async (scope) => {
        const current = await this.edit.unitInScope(scope, unitId, 'path');
        for (const field of holders) {
          const id = body[field];
          if (id) await this.edit.personInScope(scope, id, 'body');
        }
        const { afterHoursCoverId: _cover, ...rest } = current;
        const afterHoursCoverId = body.afterHoursCoverId === undefined ? current.afterHoursCoverId : (body.afterHoursCoverId ?? undefined);
        const unit: Unit = {
          ...rest,
          name: body.name ?? current.name,
          supervisorId: body.supervisorId ?? current.supervisorId,
          managerId: body.managerId ?? current.managerId,
          managerOnDutyId: body.managerOnDutyId ?? current.managerOnDutyId,
          ...(afterHoursCoverId ? { afterHoursCoverId } : {}),
        };
        this.edit.assertValid(scope, withUnit(scope.before, unit));
        await this.edit.repository.saveUnit(scope.tx, unit, scope.now);
        const changed = (['name', ...holders] as const).filter((k) => body[k] !== undefined);
        const ids = Object.fromEntries(holders.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
        return { value: unit, details: { changed, ...ids } };
      },
      now,
    );
  }
}
