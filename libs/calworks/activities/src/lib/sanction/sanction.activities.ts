import type { DataSource, EntityManager } from 'typeorm';
import {
  SANCTION_SUBJECT_TYPE,
  type ClockOp,
  type SanctionActivities,
  type SanctionEvent,
  type SanctionStep,
} from '@linkages/calworks-domain';
import type { SanctionRepository } from '@linkages/calworks-data-access';
import type { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import type { OutboxWriter } from '@linkages/platform-messaging';
import {
  compliancePlanSignedEvent,
  goodCauseFoundEvent,
  goodCauseProposedEvent,
  linkagesPriorityFlaggedEvent,
  monthsUntickedEvent,
  noncomplianceStartedEvent,
  sanctionCuredEvent,
  sanctionImposedEvent,
  sanctionRequestedEvent,
} from '@linkages/shared-contracts';

import { publishCalworksEvent } from '../publish-calworks-event';

export interface SanctionActivityDeps {
  dataSource: DataSource;
  outbox: OutboxWriter;
  clocks: TrackedDeadlines;
  sanctions: SanctionRepository;
}

/**
 * The sanction workflow's activity: one step of the process in one transaction, its rows (upserts by id), its outbox
 * events (ids chosen by the workflow, so a retried step publishes once) and its clocks (TrackedDeadlines, each
 * opened with `notify` = the workflow, which learns from deadlineReachedSignal that a step's time has come).
 */
export function createSanctionActivities({ dataSource, outbox, clocks, sanctions }: SanctionActivityDeps): SanctionActivities {
  return {
    async recordSanctionStep(step: SanctionStep): Promise<void> {
      await dataSource.transaction(async (tx) => {
        for (const row of step.rows) await sanctions.write(tx, step.episode, row);
        for (const event of step.events) await enqueue(outbox, tx, step, event);
        for (const clock of step.clocks) await applyClock(clocks, tx, step, clock);
      });
    },
  };
}

async function applyClock(clocks: TrackedDeadlines, tx: EntityManager, step: SanctionStep, clock: ClockOp): Promise<void> {
  const { episode, by } = step;
  switch (clock.op) {
    case 'open':
      await clocks.open(
        tx,
        { type: SANCTION_SUBJECT_TYPE, id: episode.episodeId, familyId: episode.familyId, countyCode: episode.countyCode },
        clock.purpose,
        clock.ruleId,
        clock.startAt,
        { notify: episode.workflowId },
      );
      return;
    case 'satisfy':
      // The fact's instant when it has passed; a fact of today (its day has not ended) is judged when applied.
      await clocks.satisfy(tx, episode.episodeId, clock.purpose, by, clock.at && Date.parse(clock.at) <= Date.now() ? clock.at : undefined);
      return;
    case 'cancel':
      await clocks.cancel(tx, episode.episodeId, clock.purpose, clock.reasonCode, by);
      return;
    case 'move':
      await clocks.move(tx, episode.episodeId, clock.purpose, clock.dueDate, clock.reasonCode, by);
      return;
    case 'cancel-all':
      await clocks.cancelAll(tx, episode.episodeId, clock.reasonCode, by);
      return;
  }
}

async function enqueue(outbox: OutboxWriter, tx: EntityManager, { episode }: SanctionStep, event: SanctionEvent): Promise<void> {
  const ctx = { countyCode: episode.countyCode, correlationId: episode.workflowId, id: event.id };
  const { episodeId, familyId, participantId, auId } = episode;
  switch (event.kind) {
    case 'noncompliance-started':
      await publishCalworksEvent(
        outbox,
        tx,
        noncomplianceStartedEvent,
        { episodeId, familyId, auId, participantId, ...event.payload },
        ctx,
      );
      return;
    case 'good-cause-found':
      await publishCalworksEvent(outbox, tx, goodCauseFoundEvent, { episodeId, familyId, auId, ...event.payload }, ctx);
      return;
    case 'compliance-plan-signed':
      await publishCalworksEvent(outbox, tx, compliancePlanSignedEvent, { episodeId, familyId, auId, ...event.payload }, ctx);
      return;
    case 'sanction-requested': {
      const p = event.payload;
      await publishCalworksEvent(
        outbox,
        tx,
        sanctionRequestedEvent,
        {
          episodeId,
          participantId,
          familyId,
          auId,
          sanctionRequestId: p.requestId,
          requestedOn: p.requestedOn,
          reason: p.basis,
          reviewDueAt: p.reviewDueAt,
        },
        ctx,
      );
      return;
    }
    case 'sanction-imposed':
      await publishCalworksEvent(outbox, tx, sanctionImposedEvent, { episodeId, familyId, auId, participantId, ...event.payload }, ctx);
      return;
    case 'sanction-cured':
      await publishCalworksEvent(outbox, tx, sanctionCuredEvent, { familyId, auId, ...event.payload }, ctx);
      return;
    case 'months-unticked':
      await publishCalworksEvent(outbox, tx, monthsUntickedEvent, { episodeId, participantId, familyId, auId, ...event.payload }, ctx);
      return;
    case 'linkages-priority-flagged': {
      const p = event.payload;
      await publishCalworksEvent(
        outbox,
        tx,
        linkagesPriorityFlaggedEvent,
        { episodeId, participantId, familyId, auId, because: p.source, sourceEventId: p.sourceEventId, flaggedOn: p.flaggedOn },
        ctx,
      );
      return;
    }
    case 'good-cause-proposed':
      await publishCalworksEvent(
        outbox,
        tx,
        goodCauseProposedEvent,
        {
          episodeId,
          participantId,
          familyId,
          auId,
          ground: event.payload.ground,
          proposedBecause: 'cws-case-plan-activity-conflict',
          decisionBy: 'employment-counselor',
          proposedOn: event.payload.proposedOn,
        },
        ctx,
      );
      return;
  }
}
