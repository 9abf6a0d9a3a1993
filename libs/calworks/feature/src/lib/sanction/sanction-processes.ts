import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { staffIdOf } from '@linkages/platform-access';
import type { SanctionView } from '@linkages/calworks-domain';
import { SanctionRepository, type NoncomplianceEpisodeEntity } from '@linkages/calworks-data-access';
import { SANCTION_REFUSED, sanctionViewQuery, type sanctionWorkflow } from '@linkages/calworks-workflows';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { TEMPORAL, workflowId, type TemporalClientHandle } from '@linkages/platform-temporal';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { sanctionImpossible } from './sanction.problems';
import { episodeView } from './sanction.view';

export type SanctionHandle = WorkflowHandle<typeof sanctionWorkflow>;

/**
 * How the API reaches an episode's process: the episode in the caller's county (another county's is absent, 404,
 * audited), its workflow `calworks/sanction/<episodeId>`, a validated update whose refusal becomes 409 with the
 * process's reason (nothing changed), and the view with its clocks explained.
 */
@Injectable()
export class SanctionProcesses {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    private readonly sanctions: SanctionRepository,
    private readonly clocks: TrackedDeadlines,
    private readonly audit: HouseholdAudit,
  ) {}

  async episode(ctx: HouseholdCtx, episodeId: string): Promise<NoncomplianceEpisodeEntity> {
    return (
      (await this.sanctions.episodeInCounty(this.dataSource.manager, ctx.principal.county, episodeId)) ??
      this.audit.deny(ctx, 'noncompliance-episode', episodeId)
    );
  }

  handle(episodeId: string): SanctionHandle {
    return this.temporal.client.workflow.getHandle<typeof sanctionWorkflow>(workflowId('calworks', 'sanction', episodeId));
  }

  async respond(view: SanctionView) {
    return episodeView(view, await this.clocks.views(this.dataSource.manager, [view.episodeId]));
  }

  async view(episodeId: string) {
    return this.respond(await this.handle(episodeId).query(sanctionViewQuery));
  }

  /** Sends a validated update (who acted: the caller's pseudonymous staff id) and audits the change. */
  async send<R extends { by: string }>(
    ctx: HouseholdCtx,
    episodeId: string,
    def: UpdateDefinition<SanctionView, [R]>,
    request: Omit<R, 'by'>,
    step: string,
  ) {
    const episode = await this.episode(ctx, episodeId);
    let view: SanctionView;
    try {
      view = await this.handle(episodeId).executeUpdate(def, { args: [{ ...request, by: staffIdOf(ctx.principal.subject) } as R] });
    } catch (error) {
      throw refusalOf(error);
    }
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, ctx, 'update', 'noncompliance-episode', episode.id, episode.countyCode, { step }),
    );
    return this.respond(view);
  }
}

/** The process's refusal as 409 with its reason; a resolved episode (its process closed) changes no more. */
export function refusalOf(error: unknown): unknown {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && cause.type === SANCTION_REFUSED) return sanctionImpossible(cause.message);
  if (error instanceof WorkflowNotFoundError || (error instanceof Error && /already completed/i.test(error.message)))
    return sanctionImpossible('The episode is resolved: its process has ended and nothing can change it');
  return error;
}
