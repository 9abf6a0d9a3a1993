import { Module } from '@nestjs/common';
import { FrWindowRepository } from '@linkages/calworks-data-access';
import { CalworksHouseholdModule } from '../household/calworks-household.module';
import { ConfirmMembers } from './confirm-members.command';
import { FrProcesses } from './fr-processes';
import { FrRefusalAudit } from './fr-refusal.audit';
import { FrRemovalQuery } from './fr-removal.query';
import { FrReviewListQuery } from './fr-review-list.query';
import { FrWindowController } from './fr-window.controller';
import { MatchCaseNumber } from './match-case-number.command';
import { RecordRedetermination } from './record-redetermination.command';

/**
 * The FR aid process's API (AB 135 window, AB 429 services): reads of its rows and explained clocks, and the
 * eligibility worker's steps as validated updates to `calworks/fr-aid-window/<removalId>`. The process itself is
 * started by the worker's inbox (frWindowEventHandlersProvider). Finds AUs and members through the household module.
 */
@Module({
  imports: [CalworksHouseholdModule],
  controllers: [FrWindowController],
  providers: [
    FrWindowRepository,
    FrProcesses,
    FrRefusalAudit,
    FrRemovalQuery,
    FrReviewListQuery,
    ConfirmMembers,
    MatchCaseNumber,
    RecordRedetermination,
  ],
  exports: [FrWindowRepository],
})
export class CalworksFrWindowModule {}
