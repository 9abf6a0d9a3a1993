import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { refuseStart, sanctionRulesFor, type SanctionInput } from '@linkages/calworks-domain';
import { SanctionRepository } from '@linkages/calworks-data-access';
import { sanctionOpenedUpdate, type sanctionWorkflow } from '@linkages/calworks-workflows';
import { POLICY_REGISTRY } from '@linkages/platform-deadline-tracking';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import { TEMPORAL, taskQueueOf, workflowId, type TemporalClientHandle } from '@linkages/platform-temporal';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { todayInCalifornia } from '../household/household.schemas';
import { HouseholdRecords } from '../household/household-records';
import { SanctionProcesses } from './sanction-processes';
import { sanctionImpossible } from './sanction.problems';
import type { OpenEpisodeInput } from './sanction.schemas';

/**
 * NA 840 / NA 845 issued: a noncompliance episode of one WTW participant and its sanction process (each parent of a
 * two-parent AU has their own). The process writes the episode, noncompliance-started and the compliance-period and
 * 60-day clocks in its first step; the answer waits for it.
 */
@Injectable()
export class OpenNoncomplianceEpisode {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
    private readonly records: HouseholdRecords,
    private readonly sanctions: SanctionRepository,
    private readonly processes: SanctionProcesses,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, participantId: string, body: OpenEpisodeInput) {
    const tx = this.dataSource.manager;
    const participant = await this.records.participant(tx, ctx, participantId);
    const open = (await this.sanctions.episodesOfParticipant(tx, participant.id)).find((e) => e.status !== 'resolved');
    if (open)
      throw sanctionImpossible(`The participant already has an open noncompliance episode (${open.id}, NA issued ${open.noticeIssuedOn})`);
    const input: SanctionInput = {
      episodeId: randomUUID(),
      familyId: participant.auId,
      participantId: participant.id,
      auId: participant.auId,
      countyCode: participant.countyCode,
      ...body,
      rules: sanctionRulesFor(this.registry, participant.countyCode),
    };
    const refused = refuseStart(input, todayInCalifornia());
    if (refused) throw sanctionImpossible(refused);
    const handle = await this.temporal.client.workflow.start<typeof sanctionWorkflow>('sanctionWorkflow', {
      taskQueue: taskQueueOf({ name: 'calworks' }),
      workflowId: workflowId('calworks', 'sanction', input.episodeId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [input],
    });
    const view = await handle.executeUpdate(sanctionOpenedUpdate);
    await this.dataSource.transaction((t) =>
      this.audit.record(t, ctx, 'create', 'noncompliance-episode', input.episodeId, input.countyCode, {
        noticeForm: body.noticeForm,
        reason: body.reason,
      }),
    );
    return this.processes.respond(view);
  }
}
