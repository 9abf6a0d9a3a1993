import { Injectable } from '@nestjs/common';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** An episode's process as it stands, every date explained (audited read). */
@Injectable()
export class NoncomplianceEpisodeQuery {
  constructor(
    private readonly processes: SanctionProcesses,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, episodeId: string) {
    const episode = await this.processes.episode(ctx, episodeId);
    await this.audit.read(ctx, 'noncompliance-episode', episode.id, episode.countyCode, 'view sanction process');
    return this.processes.view(episode.id);
  }
}
