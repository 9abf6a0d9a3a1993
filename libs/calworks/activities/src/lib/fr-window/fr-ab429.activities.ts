import { publishCalworksEvent } from '../publish-calworks-event';
import {
  FR_SYSTEM_ACTOR,
  ab429GoodCauseRefusal,
  frDayAfter,
  frPurposes,
  frRules,
  frStartOfDay,
  redeterminationAlignment,
  type FrAidWindowActivities,
  type FrStepBase,
} from '@linkages/calworks-domain';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { FrAb429ServiceEntity } from '@linkages/calworks-data-access';
import { ab429ServicesContinuedEvent, redeterminationDueEvent } from '@linkages/shared-contracts';
import type { FrAidWindowActivityDeps } from './fr-aid-window.activities';
import { endOfDay } from './fr-aid-window.rows';
import { frStepHelpers } from './fr-step-helpers';

type Ab429Activities = Pick<
  FrAidWindowActivities,
  | 'frContinueAb429Services'
  | 'frRedeterminationDue'
  | 'frEndAb429Services'
  | 'frGrantAb429GoodCause'
  | 'frCompleteRedetermination'
  | 'frRecordRefusal'
>;

/**
 * AB 429 steps: WTW and supportive services continue for the parent in reunification, a redetermination every six
 * months aligned with child welfare's plan review (calworks.fr.ab429-redetermination), the services' end; refusals.
 */
export function createFrAb429Activities(deps: FrAidWindowActivityDeps): Ab429Activities {
  const { dataSource, outbox, clocks, frWindows } = deps;
  const { subject, ctx, notify, required } = frStepHelpers(frWindows);
  /** ab429-services-continued for the parent's WTW participant (none when the parent is not enrolled in WTW). */
  const continued = async (
    tx: EntityManager,
    step: FrStepBase,
    parentMemberId: string,
    facts: Pick<z.input<typeof ab429ServicesContinuedEvent.payload>, 'continuedFrom' | 'redeterminationDueOn' | 'basis'>,
  ) => {
    const participantId = await deps.participantOf(tx, parentMemberId);
    if (participantId)
      await publishCalworksEvent(
        outbox,
        tx,
        ab429ServicesContinuedEvent,
        { removalId: step.removalId, familyId: step.familyId, participantId, ...facts },
        ctx(step),
      );
  };
  return {
    async frContinueAb429Services(input) {
      const startAt = frStartOfDay(input.startsOn);
      const sixMonths = clocks.due(frRules.ab429Redetermination, input.countyCode, startAt).dueDate;
      if (!sixMonths) throw new Error('The AB 429 redetermination clock has no due date');
      const aligned = redeterminationAlignment(sixMonths, input.cwsReviewBy, input.startsOn);
      const redeterminationDueOn = aligned ?? sixMonths;
      await dataSource.transaction(async (tx) => {
        const removal = await required(tx, input.removalId);
        const service = Object.assign(new FrAb429ServiceEntity(), {
          id: input.serviceId,
          removalId: input.removalId,
          countyCode: input.countyCode,
          familyId: input.familyId,
          parentMemberId: input.parentMemberId,
          startsOn: input.startsOn,
          redeterminationRound: 1,
          redeterminationDueOn,
          status: 'active' as const,
          endedOn: null,
          endReason: null,
          goodCauseGrantedOn: null,
          goodCauseThrough: null,
          goodCauseEventId: null,
          lastRedeterminationOn: null,
          lastRedeterminationEventId: null,
        });
        await frWindows.addAb429(tx, service);
        const s = subject(input);
        await clocks.open(tx, s, frPurposes.ab429Services, frRules.ab429Services, removal.removedAt.toISOString(), notify(input));
        const rd = `${frPurposes.ab429Redetermination}-1`;
        await clocks.open(tx, s, rd, frRules.ab429Redetermination, startAt, notify(input));
        if (aligned) await clocks.move(tx, input.removalId, rd, aligned, 'aligned-with-cws-plan-review', FR_SYSTEM_ACTOR);
        await continued(tx, input, input.parentMemberId, {
          continuedFrom: input.startsOn,
          redeterminationDueOn,
          basis: 'reunification-plan',
        });
      });
      return { redeterminationDueOn };
    },

    async frRedeterminationDue(input) {
      let nextDueOn: string | undefined;
      await dataSource.transaction(async (tx) => {
        const service = await frWindows.ab429(tx, input.removalId);
        const participantId = service ? await deps.participantOf(tx, service.parentMemberId) : undefined;
        await publishCalworksEvent(
          outbox,
          tx,
          redeterminationDueEvent,
          {
            removalId: input.removalId,
            familyId: input.familyId,
            ...(participantId ? { participantId } : {}),
            dueOn: input.dueOn,
            kind: 'ab429-redetermination',
          },
          ctx(input),
        );
        if (!input.openNext || !service) return;
        const startAt = frStartOfDay(input.dueOn);
        nextDueOn = clocks.due(frRules.ab429Redetermination, input.countyCode, startAt).dueDate ?? undefined;
        await clocks.open(
          tx,
          subject(input),
          `${frPurposes.ab429Redetermination}-${input.round + 1}`,
          frRules.ab429Redetermination,
          startAt,
          notify(input),
        );
        service.redeterminationRound = input.round + 1;
        if (nextDueOn) service.redeterminationDueOn = nextDueOn;
        await frWindows.saveAb429(tx, service);
      });
      return nextDueOn ? { nextDueOn } : {};
    },

    async frEndAb429Services(input) {
      await dataSource.transaction(async (tx) => {
        const service = await frWindows.ab429(tx, input.removalId);
        if (service && service.status === 'active') {
          Object.assign(service, { status: 'ended', endedOn: input.endedOn, endReason: input.reason });
          await frWindows.saveAb429(tx, service);
        }
        if (input.reason === 'period-ended')
          await clocks.satisfy(tx, input.removalId, frPurposes.ab429Services, FR_SYSTEM_ACTOR, endOfDay(input.endedOn));
        await clocks.cancelAll(tx, input.removalId, `ab429-${input.reason}`, FR_SYSTEM_ACTOR, (p) => p.startsWith('ab429-'));
      });
    },

    async frGrantAb429GoodCause(input) {
      return dataSource.transaction(async (tx) => {
        const removal = await required(tx, input.removalId);
        const service = await frWindows.ab429(tx, input.removalId, { lock: true });
        if (!service) throw new Error(`FR removal ${input.removalId} has no AB 429 services`);
        const periodEndsOn = clocks.due(frRules.ab429Services, input.countyCode, removal.removedAt.toISOString()).dueDate;
        if (!periodEndsOn) throw new Error('The AB 429 services clock has no due date');
        const result = { periodEndsOn, continuesThrough: input.continuesThrough, redeterminationDueOn: service.redeterminationDueOn };
        if (service.goodCauseEventId === input.eventId) return result; // a retried step: already written
        const refusal = ab429GoodCauseRefusal({
          periodEndsOn,
          grantedOn: input.grantedOn,
          continuesThrough: input.continuesThrough,
          endedOn: service.endedOn,
          goodCauseThrough: service.goodCauseThrough,
          maxDaysPastPeriod: input.maxDaysPastPeriod,
        });
        if (refusal) return { refusal };
        Object.assign(service, {
          goodCauseGrantedOn: input.grantedOn,
          goodCauseThrough: input.continuesThrough,
          goodCauseEventId: input.eventId,
        });
        await frWindows.saveAb429(tx, service);
        // The period's clock now ends on the last day of the good cause, explained by its reason (extended once).
        await clocks.move(tx, input.removalId, frPurposes.ab429Services, input.continuesThrough, 'cws-good-cause', FR_SYSTEM_ACTOR);
        await continued(tx, input, service.parentMemberId, {
          continuedFrom: frDayAfter(periodEndsOn),
          redeterminationDueOn: service.redeterminationDueOn,
          basis: 'cws-good-cause-extension',
        });
        return result;
      });
    },

    async frCompleteRedetermination(input) {
      return dataSource.transaction(async (tx) => {
        const service = await frWindows.ab429(tx, input.removalId, { lock: true });
        if (!service || service.status !== 'active') return {};
        const round = service.redeterminationRound;
        if (service.lastRedeterminationEventId === input.eventId)
          return { metRound: round - 1, nextRound: round, nextDueOn: service.redeterminationDueOn }; // a retried step
        const purposeOf = (n: number) => `${frPurposes.ab429Redetermination}-${n}`;
        const at = endOfDay(input.completedOn);
        const result: { metRound?: number; nextRound?: number; nextDueOn?: string } = {};
        // A late redetermination meets the overdue round; the next one already runs from that round's due date.
        if (round > 1 && (await clocks.satisfy(tx, input.removalId, purposeOf(round - 1), input.by, at))) result.metRound = round - 1;
        else if (await clocks.satisfy(tx, input.removalId, purposeOf(round), input.by, at)) {
          // On time: the next six months count from this redetermination (the rule's anchor: "or the last
          // redetermination"). Not aligned again with child welfare's review: the one it was aligned with is the review
          // this redetermination served.
          const startAt = frStartOfDay(input.completedOn);
          const nextDueOn = clocks.due(frRules.ab429Redetermination, input.countyCode, startAt).dueDate;
          if (!nextDueOn) throw new Error('The AB 429 redetermination clock has no due date');
          await clocks.open(tx, subject(input), purposeOf(round + 1), frRules.ab429Redetermination, startAt, notify(input));
          Object.assign(result, { metRound: round, nextRound: round + 1, nextDueOn });
          Object.assign(service, { redeterminationRound: round + 1, redeterminationDueOn: nextDueOn });
        }
        Object.assign(service, { lastRedeterminationOn: input.completedOn, lastRedeterminationEventId: input.eventId });
        await frWindows.saveAb429(tx, service);
        return result;
      });
    },

    async frRecordRefusal(input) {
      await dataSource.transaction(async (tx) => {
        const removal = await required(tx, input.removalId);
        if (removal.refusals.some((r) => r.code === input.refusal.code && r.at === input.at)) return;
        removal.refusals = [...removal.refusals, { ...input.refusal, at: input.at }];
        await frWindows.saveRemoval(tx, removal);
      });
    },
  };
}
