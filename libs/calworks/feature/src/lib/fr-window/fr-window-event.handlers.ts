import type { EntityManager } from 'typeorm';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { FR_REVIEW_PURPOSE, FR_REVIEW_SUBJECT_TYPE, californiaDate, frRules, frSettingsFor } from '@linkages/calworks-domain';
import { removalRow } from '@linkages/calworks-activities';
import {
  AssistanceUnitRepository,
  FrMemberConfirmationEntity,
  FrUnmatchedCaseNumberEntity,
  FrWindowRepository,
  WtwParticipantRepository,
} from '@linkages/calworks-data-access';
import { cwsFactSignal, frAidWindowWorkflow, type CwsFact } from '@linkages/calworks-workflows';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { TEMPORAL, taskQueueOf, workflowId, type TemporalClientHandle } from '@linkages/platform-temporal';
import {
  caseClosedEvent,
  casePlanFiledEvent,
  childReunifiedEvent,
  childRemovedEvent,
  frServicesGoodCauseGrantedEvent,
  parentalRightsTerminatedEvent,
  removalMembersProposedEvent,
  reunificationServicesTerminatedEvent,
} from '@linkages/shared-contracts';
import { SanctionLinkages } from '../sanction/sanction-linkages';

/** The FR aid process of a removal: `calworks/fr-aid-window/<removalId>`. */
export const frProcessId = (removalId: string) => workflowId('calworks', 'fr-aid-window', removalId);

/**
 * How CalWORKs hears of a removal and what follows it (RULES.md 4; "How CalWORKs recognises the family"): the AU is
 * found by county and the CalWORKs case number child welfare recorded; an unknown number goes to the review list with
 * a clock (never dropped, never a dead letter); the process starts by signal-with-start with the removal's business id.
 * Later facts of the case (plan, return home, services or parental rights terminated, good cause to continue FR
 * services, case closed) are signalled to the
 * case's open processes. Each signal carries the event id: a redelivered event (the Temporal call is outside the inbox
 * transaction) is ignored by the process. An event without a case number is not a common case: nothing to do.
 */
export function frWindowEventHandlers(
  temporal: TemporalClientHandle,
  frWindows: FrWindowRepository,
  units: AssistanceUnitRepository,
  clocks: TrackedDeadlines,
  linkages: SanctionLinkages,
): HandlerRegistration[] {
  const signalCase = async (tx: EntityManager, county: string, caseId: string, eventId: string, fact: CwsFact) => {
    for (const removal of await frWindows.openOfCase(tx, caseId)) {
      if (removal.countyCode !== county) continue;
      try {
        await temporal.client.workflow.getHandle(frProcessId(removal.removalId)).signal(cwsFactSignal, { eventId, fact });
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error; // the process has ended: nothing left to change
      }
    }
  };

  /**
   * Records a removal of the county and starts its FR process (signal-with-start by the removal's business id): from
   * child welfare's child-removed (the AU found by its case number, or none yet: the review list), or from Linkages'
   * proposal of the AU's members for a removal whose event named no case number (the family found by matching).
   */
  const startRemoval = async (
    tx: EntityManager,
    county: string,
    eventId: string,
    r: { removalId: string; familyId: string; caseId: string; childId: string; removedAt: string; allChildrenRemoved: boolean },
    au: { id: string } | undefined,
    reviewId: string | null,
  ) => {
    const processId = frProcessId(r.removalId);
    // Linkages priority (item 4): the AU's open noncompliance episodes learn that child welfare knows the family.
    if (au) await linkages.familyKnown(tx, au.id, { source: 'child-removed', eventId, knownOn: californiaDate(r.removedAt) });
    await frWindows.addRemoval(tx, removalRow({ ...r, countyCode: county, auId: au?.id ?? null, reviewId }));
    // A removal whose process has ended is never started again (one window per removal): the row says it, and the
    // id may not be reused.
    if ((await frWindows.removal(tx, r.removalId))?.status === 'closed') return;
    await temporal.client.workflow
      .signalWithStart(frAidWindowWorkflow, {
        workflowId: processId,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        taskQueue: taskQueueOf({ name: 'calworks' }),
        args: [
          {
            removalId: r.removalId,
            familyId: r.familyId,
            caseId: r.caseId,
            childId: r.childId,
            countyCode: county,
            removedAt: r.removedAt,
            allChildrenRemoved: r.allChildrenRemoved,
            auId: au?.id ?? null,
            reviewId,
            settings: frSettingsFor(county),
          },
        ],
        signal: cwsFactSignal,
        signalArgs: [{ eventId, fact: { kind: 'child-removed' } }],
      })
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error; // ended: nothing to start again
      });
  };

  return [
    on(childRemovedEvent, async (event, tx) => {
      const r = event.data;
      if (!r.calworksCaseNumber) return;
      const county = event.countycode;
      const processId = frProcessId(r.removalId);
      const au = await units.byCaseNumber(tx, county, r.calworksCaseNumber);
      let reviewId: string | null = null;
      if (!au) {
        await frWindows.addReview(
          tx,
          Object.assign(new FrUnmatchedCaseNumberEntity(), {
            id: globalThis.crypto.randomUUID(),
            countyCode: county,
            caseNumber: r.calworksCaseNumber,
            removalId: r.removalId,
            familyId: r.familyId,
            caseId: r.caseId,
            eventId: event.id,
            receivedAt: new Date(),
            status: 'open',
            matchedAuId: null,
            matchedBy: null,
            matchedAt: null,
          }),
        );
        const review = await frWindows.reviewOfRemoval(tx, r.removalId);
        reviewId = review?.id ?? null;
        if (review)
          await clocks.open(
            tx,
            { type: FR_REVIEW_SUBJECT_TYPE, id: review.id, familyId: r.familyId, countyCode: county },
            FR_REVIEW_PURPOSE,
            frRules.unmatchedCaseReview,
            review.receivedAt.toISOString(),
            { notify: processId },
          );
      }
      await startRemoval(tx, county, event.id, r, au, reviewId);
    }),
    on(casePlanFiledEvent, async (event, tx) => {
      const p = event.data;
      await signalCase(tx, event.countycode, p.caseId, event.id, {
        kind: 'case-plan-filed',
        casePlanId: p.casePlanId,
        filedOn: p.filedOn,
        planKind: p.kind === 'initial' ? 'initial' : 'update',
        recommendsCashAid: p.recommendsCashAid === true,
        recommendsAb429Services: p.recommendsAb429Services === true,
        nextUpdateDue: p.nextUpdateDue,
      });
    }),
    on(childReunifiedEvent, async (event, tx) => {
      const c = event.data;
      await signalCase(tx, event.countycode, c.caseId, event.id, {
        kind: 'child-reunified',
        childId: c.childId,
        returnedOn: c.returnedOn,
        trialHomeVisit: c.trialHomeVisit,
      });
    }),
    on(reunificationServicesTerminatedEvent, async (event, tx) => {
      await signalCase(tx, event.countycode, event.data.caseId, event.id, {
        kind: 'services-terminated',
        terminatedOn: event.data.terminatedOn,
      });
    }),
    on(parentalRightsTerminatedEvent, async (event, tx) => {
      const t = event.data;
      await signalCase(tx, event.countycode, t.caseId, event.id, {
        kind: 'parental-rights-terminated',
        childId: t.childId,
        terminatedOn: t.terminatedOn,
      });
    }),
    on(frServicesGoodCauseGrantedEvent, async (event, tx) => {
      const g = event.data;
      await signalCase(tx, event.countycode, g.caseId, event.id, {
        kind: 'fr-services-good-cause',
        grantedOn: g.grantedOn,
        continuesThrough: g.continuesThrough,
      });
    }),
    on(caseClosedEvent, async (event, tx) => {
      await signalCase(tx, event.countycode, event.data.caseId, event.id, { kind: 'case-closed', closedOn: event.data.closedOn });
    }),
    // Linkages proposes which AU members the removal concerns (issue 13, Deliver 1): kept on the eligibility worker's
    // member confirmation and shown with it; the worker still confirms (ConfirmMembers), never this handler. Only a
    // removal CalWORKs holds in the county, matched to the same AU, and only members of that AU are kept; a proposal
    // for another AU than the one the case number found is left to the worker (ignored here). A proposal for a removal
    // CalWORKs does not hold (its event named no case number) starts the removal's FR process for the proposed AU.
    on(removalMembersProposedEvent, async (event, tx) => {
      const p = event.data;
      let removal = await frWindows.removalInCounty(tx, event.countycode, p.removalId);
      if (!removal && p.removal) {
        // Child welfare named no case number (1.1 carries the removal): Linkages found the AU, so the FR process starts
        // for it as it would have from the case number; the worker still confirms the members.
        const au = await units.inCounty(tx, event.countycode, p.auId);
        if (!au) return;
        const { cwsFamilyId, ...facts } = p.removal;
        await startRemoval(tx, event.countycode, event.id, { removalId: p.removalId, familyId: cwsFamilyId, ...facts }, au, null);
        removal = await frWindows.removalInCounty(tx, event.countycode, p.removalId);
      }
      if (!removal || removal.auId !== p.auId) return;
      const members = new Set((await units.members(tx, p.auId)).map((m) => m.id));
      const proposed = [...new Set(p.proposedMemberIds)].filter((id) => members.has(id));
      if (proposed.length === 0) return;
      // The process may not have asked for the confirmation yet (its first step): the task's row, pending, as it would.
      await frWindows.addConfirmation(
        tx,
        Object.assign(new FrMemberConfirmationEntity(), {
          removalId: removal.removalId,
          countyCode: removal.countyCode,
          auId: p.auId,
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
        }),
      );
      await frWindows.proposeMembers(tx, removal.removalId, proposed, new Date(p.at));
    }),
  ];
}

/** The token of the FR process's event handlers in the CalWORKs worker. */
export const FR_WINDOW_EVENT_HANDLERS = Symbol('FR_WINDOW_EVENT_HANDLERS');

/** For `PlatformModule.forWorker(service, { eventHandlers: [...] })`; the repositories go in `providers`. */
export const frWindowEventHandlersProvider: EventHandlersProvider = {
  provide: FR_WINDOW_EVENT_HANDLERS,
  inject: [TEMPORAL, FrWindowRepository, AssistanceUnitRepository, TrackedDeadlines, SanctionLinkages],
  useFactory: frWindowEventHandlers,
};

/** What the FR activities and handlers inject, for `PlatformModule.forWorker(service, { providers: [...] })`. */
export const frWindowWorkerProviders = [FrWindowRepository, AssistanceUnitRepository, WtwParticipantRepository];
