import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { frDateOf } from '@linkages/calworks-domain';
import { AssistanceUnitRepository } from '@linkages/calworks-data-access';
import { confirmMembersUpdate } from '@linkages/calworks-workflows';
import { staffIdOf } from '@linkages/platform-access';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { householdImpossible } from '../household/household.problems';
import { HouseholdRecords } from '../household/household-records';
import { FrProcesses } from './fr-processes';
import type { MemberConfirmationInput } from './fr-window.schemas';

/**
 * The eligibility worker confirms which AU members the removed children are (the task LA says to do "immediately").
 * The AU's facts come from the household: aided on the removal date, the adult's role and needy status; the process
 * decides the window (a non-needy caretaker relative or an AU not aided at removal, unless WTW-sanctioned, is refused
 * with its reason, RULES.md 4) and AB 429 (its exclusions).
 */
@Injectable()
export class ConfirmMembers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly processes: FrProcesses,
    private readonly records: HouseholdRecords,
    private readonly units: AssistanceUnitRepository,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, removalId: string, input: MemberConfirmationInput) {
    const tx = this.dataSource.manager;
    const removal = await this.processes.removal(tx, ctx, removalId);
    if (!removal.auId) throw householdImpossible('The removal is on the review list: match its case number to an AU first');
    for (const id of input.removedMemberIds) await this.records.memberOf(tx, removal.auId, id);
    const parent = await this.records.memberOf(tx, removal.auId, input.parentMemberId);
    if (parent.role !== 'parent' && parent.role !== 'caretaker-relative' && parent.role !== 'applicant')
      throw householdImpossible('The adult in reunification must be a parent or caretaker relative of the AU');
    const aided = await this.units.aidedStatusOn(tx, removal.auId, frDateOf(removal.removedAt.toISOString()));
    await this.processes.update(removalId, confirmMembersUpdate, {
      removedMemberIds: input.removedMemberIds,
      parentMemberId: input.parentMemberId,
      facts: {
        auAidedAtRemoval: aided === 'aided',
        caretakerRole: parent.role === 'caretaker-relative' ? 'caretaker-relative' : 'parent',
        caretakerNeedy: parent.needy,
        parentWtwSanctioned: input.parentWtwSanctioned,
      },
      exclusions: input.exclusions,
      by: staffIdOf(ctx.principal.subject),
      ...(input.confirmedAt ? { confirmedAt: input.confirmedAt } : {}),
    });
    await this.dataSource.transaction((t) =>
      this.audit.record(t, ctx, 'update', 'fr-removal', removalId, removal.countyCode, { step: 'member-confirmation' }),
    );
    return this.processes.reread(ctx, removalId);
  }
}
