import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SanctionRepository } from '@linkages/calworks-data-access';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { HouseholdRecords } from '../household/household-records';

/** A participant's noncompliance episodes, newest first (a two-parent AU's other parent has their own). */
@Injectable()
export class ParticipantEpisodesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly sanctions: SanctionRepository,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, participantId: string) {
    const participant = await this.records.participant(this.dataSource.manager, ctx, participantId);
    await this.audit.read(ctx, 'wtw-participant', participant.id, participant.countyCode, 'list noncompliance episodes');
    return (await this.sanctions.episodesOfParticipant(this.dataSource.manager, participant.id)).map((e) => ({
      episodeId: e.id,
      noticeForm: e.noticeForm,
      noticeIssuedOn: e.noticeIssuedOn,
      status: e.status,
      resolution: e.resolution,
    }));
  }
}
