import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { readSnapshot } from '@linkages/platform-persistence';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { FrWindowRepository, type FrRemovalEntity } from '@linkages/calworks-data-access';
import type { FrAidWindowView } from '@linkages/calworks-workflows';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { TEMPORAL, type TemporalClientHandle } from '@linkages/platform-temporal';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { householdImpossible } from '../household/household.problems';
import { frProcessId } from './fr-window-event.handlers';
import { frRemovalView } from './fr-window.view';

/** The type of the FR process's refusals (its update validators). */
const FR_REFUSED = 'InvalidFrAidWindowRequest';

/**
 * How the API reaches a removal's FR process: the removal in the caller's county (another county's is absent, 404,
 * audited), a validated update whose refusal becomes 409 with the process's reason (nothing changed), and the view of
 * its rows with its clocks explained.
 */
@Injectable()
export class FrProcesses {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    private readonly frWindows: FrWindowRepository,
    private readonly clocks: TrackedDeadlines,
    private readonly audit: HouseholdAudit,
  ) {}

  async removal(tx: EntityManager, ctx: HouseholdCtx, removalId: string): Promise<FrRemovalEntity> {
    return (await this.frWindows.removalInCounty(tx, ctx.principal.county, removalId)) ?? this.audit.deny(ctx, 'fr-removal', removalId);
  }

  async view(tx: EntityManager, removal: FrRemovalEntity) {
    const id = removal.removalId;
    // One after another: the caller's snapshot is one connection.
    const confirmation = await this.frWindows.confirmation(tx, id);
    const absence = await this.frWindows.temporaryAbsence(tx, id);
    const window = await this.frWindows.window(tx, id);
    const ab429 = await this.frWindows.ab429(tx, id);
    const clocks = await this.clocks.views(tx, [id]);
    return frRemovalView({
      removal,
      clocks,
      ...(confirmation ? { confirmation } : {}),
      ...(absence ? { absence } : {}),
      ...(window ? { window } : {}),
      ...(ab429 ? { ab429 } : {}),
    });
  }

  /** Sends a validated update to the removal's process; its refusal is 409 with the reason. */
  async update<R>(removalId: string, def: UpdateDefinition<FrAidWindowView, [R]>, request: R): Promise<FrAidWindowView> {
    try {
      return await this.temporal.client.workflow.getHandle(frProcessId(removalId)).executeUpdate(def, { args: [request] });
    } catch (error) {
      const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === FR_REFUSED) throw householdImpossible(cause.message);
      if (error instanceof WorkflowNotFoundError || (error instanceof Error && /already completed/i.test(error.message)))
        throw householdImpossible('The FR process of this removal has ended: nothing can change it');
      throw error;
    }
  }

  /** The removal again, after its process wrote the step (the view reads the rows). */
  async reread(ctx: HouseholdCtx, removalId: string) {
    return readSnapshot(this.dataSource, async (tx) => this.view(tx, await this.removal(tx, ctx, removalId)));
  }
}
