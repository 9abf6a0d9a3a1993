import { publishCalworksEvent } from '../publish-calworks-event';
import type { DataSource, EntityManager } from 'typeorm';
import { FR_SYSTEM_ACTOR, frDateOf, frPurposes, frRules, type FrAidWindowActivities } from '@linkages/calworks-domain';
import { FrAidWindowEntity, FrTemporaryAbsenceEntity, type FrWindowRepository } from '@linkages/calworks-data-access';
import type { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import type { OutboxWriter } from '@linkages/platform-messaging';
import {
  frAidWindowClosedEvent,
  frAidWindowOpenedEvent,
  linkagesPriorityFlaggedEvent,
  redeterminationDueEvent,
  removalMembersConfirmedEvent,
  temporaryAbsenceStartedEvent,
} from '@linkages/shared-contracts';
import { createFrAb429Activities } from './fr-ab429.activities';
import { closeReasonCode, endOfDay, removalRow } from './fr-aid-window.rows';
import { frStepHelpers } from './fr-step-helpers';

/** What the FR steps need of the clocks: TrackedDeadlines (a process test passes one over the test server). */
export type FrClocks = Pick<TrackedDeadlines, 'open' | 'satisfy' | 'cancel' | 'cancelAll' | 'move' | 'due'>;

export interface FrAidWindowActivityDeps {
  dataSource: DataSource;
  outbox: OutboxWriter;
  clocks: FrClocks;
  frWindows: FrWindowRepository;
  /** The WTW participant id of an AU member, if the member is one (the household's WtwParticipantRepository). */
  participantOf: (tx: EntityManager, memberId: string) => Promise<string | undefined>;
}

/**
 * The FR aid process's steps: each writes its rows, its outbox events (ids chosen by the workflow, so a retry publishes
 * once) and its clocks (notify: the process) in one transaction.
 */
export function createFrAidWindowActivities(deps: FrAidWindowActivityDeps): FrAidWindowActivities {
  const { dataSource, outbox, clocks, frWindows } = deps;
  const { subject, ctx, notify, required } = frStepHelpers(frWindows);

  return {
    async frRecordRemoval(input) {
      await dataSource.transaction(async (tx) => {
        await frWindows.addRemoval(tx, removalRow(input));
        const removal = await required(tx, input.removalId);
        removal.auId = input.auId;
        if (removal.status === 'awaiting-au-match') removal.status = input.allChildrenRemoved ? 'temporary-absence' : 'partial-removal';
        await frWindows.saveRemoval(tx, removal);
        await frWindows.addConfirmation(tx, {
          removalId: input.removalId,
          countyCode: input.countyCode,
          auId: input.auId,
          status: 'pending',
          requestedAt: new Date(),
          confirmedAt: null,
          confirmedBy: null,
          removedMemberIds: null,
          parentMemberId: null,
          facts: null,
          exclusions: null,
          refusalCode: null,
          proposedMemberIds: null,
          proposedAt: null,
        });
        await clocks.open(
          tx,
          subject(input),
          frPurposes.memberConfirmation,
          frRules.memberConfirmation,
          new Date(Math.max(removal.receivedAt.getTime(), Date.parse(input.removedAt))).toISOString(),
          notify(input),
        );
      });
    },

    async frStartTemporaryAbsence(input) {
      const due = clocks.due(frRules.temporaryAbsence, input.countyCode, input.removedAt);
      if (!due.dueAt || !due.dueDate) throw new Error('The temporary-absence clock has no due date');
      const result = { dueAt: due.dueAt, endsOn: due.dueDate };
      await dataSource.transaction(async (tx) => {
        const removal = await required(tx, input.removalId);
        const absence = Object.assign(new FrTemporaryAbsenceEntity(), {
          removalId: input.removalId,
          countyCode: input.countyCode,
          startsOn: frDateOf(input.removedAt),
          endsOn: due.dueDate,
          dueAt: new Date(due.dueAt as string),
          ruleId: frRules.temporaryAbsence,
          startedAt: new Date(),
        });
        await frWindows.addTemporaryAbsence(tx, absence);
        await clocks.open(tx, subject(input), frPurposes.temporaryAbsence, frRules.temporaryAbsence, input.removedAt, notify(input));
        await publishCalworksEvent(
          outbox,
          tx,
          temporaryAbsenceStartedEvent,
          {
            removalId: input.removalId,
            familyId: input.familyId,
            auId: removal.auId ?? '',
            startsOn: absence.startsOn,
            endsOn: result.endsOn,
            ruleId: frRules.temporaryAbsence,
          },
          ctx(input),
        );
      });
      return result;
    },

    async frConfirmMembers(input) {
      await dataSource.transaction(async (tx) => {
        const confirmation = await frWindows.confirmation(tx, input.removalId);
        if (confirmation && confirmation.status === 'pending') {
          Object.assign(confirmation, {
            status: 'confirmed',
            confirmedAt: new Date(input.confirmedAt),
            confirmedBy: input.by,
            removedMemberIds: input.removedMemberIds,
            parentMemberId: input.parentMemberId,
            facts: input.facts,
            exclusions: input.exclusions,
            refusalCode: input.refusal?.code ?? null,
          });
          await frWindows.saveConfirmation(tx, confirmation);
        }
        await clocks.satisfy(tx, input.removalId, frPurposes.memberConfirmation, FR_SYSTEM_ACTOR, input.confirmedAt);
        // Linkages' "AU change" task is done (issue 13, Deliver 4): ids and a count, keyed by the CWS family like the
        // other FR events; the step's event id (chosen by the workflow) makes a retry publish once.
        await publishCalworksEvent(
          outbox,
          tx,
          removalMembersConfirmedEvent,
          {
            removalId: input.removalId,
            auId: input.auId,
            familyId: input.familyId,
            confirmedAt: input.confirmedAt,
            removedMemberCount: input.removedMemberIds.length,
            memberIds: input.removedMemberIds,
          },
          ctx(input),
        );
        if (input.refusal && input.facts.allChildrenRemoved) {
          const removal = await required(tx, input.removalId);
          if (removal.status !== 'closed') removal.status = 'not-eligible';
          removal.refusals = [...removal.refusals, { ...input.refusal, at: input.confirmedAt }];
          await frWindows.saveRemoval(tx, removal);
        }
        const participantId = await deps.participantOf(tx, input.parentMemberId);
        if (participantId && input.sourceEventId)
          await publishCalworksEvent(
            outbox,
            tx,
            linkagesPriorityFlaggedEvent,
            {
              participantId,
              familyId: input.familyId,
              auId: input.auId,
              because: 'child-removed',
              sourceEventId: input.sourceEventId,
              flaggedOn: frDateOf(input.confirmedAt),
            },
            ctx(input, input.flagEventId),
          );
      });
    },

    async frRecordRecommendation(input) {
      await dataSource.transaction(async (tx) => {
        const removal = await required(tx, input.removalId);
        if (input.recommendsCashAid && !removal.recommendationCasePlanId) {
          removal.recommendationCasePlanId = input.casePlanId;
          removal.recommendedOn = input.filedOn;
          await clocks.satisfy(tx, input.removalId, frPurposes.recommendationFollowUp, FR_SYSTEM_ACTOR, endOfDay(input.filedOn));
        }
        if (input.recommendsAb429Services) removal.recommendsAb429Services = true;
        await frWindows.saveRemoval(tx, removal);
      });
    },

    async frEscalateMissingRecommendation(input) {
      await dataSource.transaction(async (tx) => {
        const removal = await required(tx, input.removalId);
        removal.recommendationEscalatedAt = new Date(input.at);
        if (removal.status === 'temporary-absence') removal.status = 'awaiting-recommendation';
        await frWindows.saveRemoval(tx, removal);
        await clocks.open(tx, subject(input), frPurposes.recommendationFollowUp, frRules.recommendationFollowUp, input.at, notify(input));
      });
    },

    async frOpenWindow(input) {
      const due = clocks.due(frRules.window, input.countyCode, input.startAt);
      if (!due.dueAt || !due.dueDate) throw new Error('The AB 135 window clock has no due date');
      const result = { endsOn: due.dueDate, dueAt: due.dueAt };
      await dataSource.transaction(async (tx) => {
        const removal = await required(tx, input.removalId);
        const window = Object.assign(new FrAidWindowEntity(), {
          id: input.windowId,
          removalId: input.removalId,
          countyCode: input.countyCode,
          familyId: input.familyId,
          program: 'ab135-cash-aid' as const,
          startsOn: input.startsOn,
          endsOn: result.endsOn,
          startExplanation: input.because,
          ruleId: frRules.window,
          openedAt: new Date(),
          closedOn: null,
          closeReason: null,
        });
        // One window per removal (the unique constraint too): a retried step finds its own row.
        await frWindows.addWindow(tx, window);
        removal.status = 'window-open';
        await frWindows.saveRemoval(tx, removal);
        await clocks.open(tx, subject(input), frPurposes.window, frRules.window, input.startAt, notify(input));
        await publishCalworksEvent(
          outbox,
          tx,
          frAidWindowOpenedEvent,
          {
            windowId: input.windowId,
            familyId: input.familyId,
            removalId: input.removalId,
            program: 'ab135-cash-aid',
            startsOn: input.startsOn,
            endsOn: result.endsOn,
          },
          ctx(input),
        );
      });
      return result;
    },

    async frCloseWindow(input) {
      await dataSource.transaction(async (tx) => {
        const removal = await required(tx, input.removalId);
        const window = input.windowId ? await frWindows.window(tx, input.removalId) : undefined;
        if (window && !window.closeReason) {
          window.closeReason = input.reason;
          window.closedOn = input.closedOn;
          await frWindows.saveWindow(tx, window);
        }
        if (input.reason === 'window-ended')
          await clocks.satisfy(tx, input.removalId, frPurposes.window, FR_SYSTEM_ACTOR, endOfDay(input.closedOn));
        if (input.endsProcess) {
          removal.status = 'closed';
          removal.closeReason = input.reason;
          removal.closedOn = input.closedOn;
          await frWindows.saveRemoval(tx, removal);
          await clocks.cancelAll(tx, input.removalId, input.reason, FR_SYSTEM_ACTOR);
        }
        if (window)
          await publishCalworksEvent(
            outbox,
            tx,
            frAidWindowClosedEvent,
            {
              windowId: window.id,
              familyId: input.familyId,
              closedOn: input.closedOn,
              reason: closeReasonCode[input.reason],
              removalId: input.removalId,
            },
            ctx(input),
          );
        if (input.redeterminationEventId)
          await publishCalworksEvent(
            outbox,
            tx,
            redeterminationDueEvent,
            { removalId: input.removalId, familyId: input.familyId, dueOn: input.closedOn, kind: 'return-home-redetermination' },
            ctx(input, input.redeterminationEventId),
          );
      });
    },

    ...createFrAb429Activities(deps),
  };
}
