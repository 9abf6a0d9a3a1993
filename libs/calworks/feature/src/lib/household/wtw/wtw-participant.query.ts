import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { HouseholdRecords } from '../household-records';
import { WtwParticipantLoader } from './wtw-participant.loader';
import { wtwParticipantView } from './wtw-participant.view';

/** A WTW participant of the caller's county with plans, exemptions (and their explained clocks), services and FS (audited read). */
@Injectable()
export class WtwParticipantQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly loader: WtwParticipantLoader,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, participantId: string) {
    const tx = this.dataSource.manager;
    const participant = await this.records.participant(tx, ctx, participantId);
    const loaded = await this.loader.load(tx, participant);
    await this.audit.read(ctx, 'wtw-participant', participant.id, participant.countyCode, 'view wtw participant');
    return wtwParticipantView(loaded);
  }
}
