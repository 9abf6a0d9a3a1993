import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import { FamilyResolver } from '@linkages/referrals-data-access';
import { attributionOf, type AgencyRef, type CoordinationFact } from '@linkages/referrals-domain';
import { coordinationProcessId, coordinationStart, signalFamilyMerged } from '@linkages/referrals-activities';
import { coordinationWorkflow, familyFactSignal, mergedIntoSignal } from '@linkages/referrals-workflows';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { TEMPORAL, type TemporalClientHandle } from '@linkages/platform-temporal';
import {
  aidedStatusRecordedEvent,
  caseClosedEvent,
  caseOpenedEvent,
  casePlanFiledEvent,
  cftMeetingHeldEvent,
  childRemovedEvent,
  childReunifiedEvent,
  familyLinkedEvent,
  familyReferredEvent,
  frAidWindowClosedEvent,
  frAidWindowOpenedEvent,
  goodCauseFoundEvent,
  noncomplianceStartedEvent,
  referralAcceptedEvent,
  referralEvaluatedOutEvent,
  removalMembersConfirmedEvent,
  reunificationServicesOrderedEvent,
  reunificationServicesTerminatedEvent,
  sanctionCuredEvent,
  sanctionImposedEvent,
  type CloudEvent,
  type EventDefinition,
} from '@linkages/shared-contracts';
import type { z } from 'zod';
import { appendToTimeline } from '../timeline/timeline-append';
import { MatchPipeline } from '../identity/match-pipeline';

export { coordinationProcessId } from '@linkages/referrals-activities';

/**
 * Starts or signals a shared family's coordination process with a fact (signal-with-start by the family's business
 * id; the process ignores an event id it has seen, so a redelivery is harmless). `startIfAbsent: false` only signals a
 * running process: a fact that alone calls for no coordination does not start one.
 */
@Injectable()
export class CoordinationProcesses {
  constructor(@Inject(TEMPORAL) private readonly temporal: TemporalClientHandle) {}

  async tell(familyId: string, countyCode: string, eventId: string, fact: CoordinationFact, startIfAbsent = true): Promise<void> {
    if (!startIfAbsent) {
      await this.signalIfRunning(familyId, familyFactSignal, { eventId, fact });
      return;
    }
    await this.temporal.client.workflow.signalWithStart(coordinationWorkflow, {
      ...coordinationStart(familyId, countyCode),
      signal: familyFactSignal,
      signalArgs: [{ eventId, fact }],
    });
  }

  /**
   * Shared families merged (`linkages.family-linked` naming the family it absorbed): the absorbed family's process, if
   * it runs, ends its enrollment and hands its tasks and meetings to the survivor's with the timeline's facts; if it
   * never ran, the survivor's process hears the facts from here. Either way the survivor's process is started.
   */
  async merged(
    tx: EntityManager,
    families: FamilyResolver,
    m: { eventId: string; countyCode: string; survivorFamilyId: string; mergedFamilyId: string },
  ) {
    const handedOver = await this.signalIfRunning(m.mergedFamilyId, mergedIntoSignal, {
      eventId: m.eventId,
      survivorFamilyId: m.survivorFamilyId,
    });
    if (handedOver) return;
    await signalFamilyMerged(this.temporal.client, families, tx, { ...m, tasks: [], meetings: [] });
  }

  /** False when the family has no running process. */
  private async signalIfRunning<A>(familyId: string, def: SignalDefinition<[A]>, arg: A): Promise<boolean> {
    try {
      await this.temporal.client.workflow.getHandle(coordinationProcessId(familyId)).signal(def, arg);
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false; // no coordination for this family: nothing to change
      throw error;
    }
  }
}

/** What an event tells the coordination process: its fact, and whether the fact alone starts a process. */
export type CoordinationMapping = { fact: CoordinationFact; starts: boolean } | undefined;

/**
 * One coordination handler: in the inbox transaction, attributes the event to its agency ref (`attributionOf`, or
 * `refOf`), resolves the shared family (minted if new, its row locked), appends the event to the family's timeline with
 * the fact it told (idempotent by event id; a merge replays the facts from there), runs `extra`, then tells the family's
 * process the fact: started when the fact calls for coordination by itself or the family is known to both agencies,
 * otherwise only a running process hears it. Other slices register their events with it too.
 */
export function coordinationFactHandler<S extends z.ZodObject>(
  processes: CoordinationProcesses,
  families: FamilyResolver,
  def: EventDefinition<S>,
  map: (data: z.output<S>) => CoordinationMapping,
  extra?: (tx: EntityManager, event: CloudEvent<z.output<S>>) => Promise<void>,
  refOf: (event: CloudEvent<z.output<S>>) => AgencyRef | undefined = (event) => attributionOf(event),
): HandlerRegistration {
  return on(def, async (event, tx) => {
    const ref = refOf(event);
    if (!ref) return;
    const county = event.countycode;
    const { familyId } = await families.resolve(tx, county, ref);
    const mapped = map(event.data);
    await appendToTimeline(families, tx, familyId, event, mapped ? { coordination: mapped } : undefined);
    if (extra) await extra(tx, event);
    if (!mapped) return;
    const shared = mapped.starts || (await linkedAcrossAgencies(families, tx, familyId));
    await processes.tell(familyId, county, event.id, mapped.fact, shared);
  });
}

/**
 * Both agencies' events into the shared family's coordination (issue 13 item 4; plan D2 and §6), each through
 * `coordinationFactHandler`. A fact that calls for coordination by itself (an ER referral, a case or a removal naming a
 * CalWORKs case, a report evaluated out to services, a typed-in referral), or any fact of a family both agencies are
 * linked to, starts the process; any other only reaches a running one. The child-removed handler also proposes to
 * CalWORKs which AU members the removal concerns (MatchPipeline.proposeRemovalMembers).
 */
export function coordinationEventHandlers(
  processes: CoordinationProcesses,
  families: FamilyResolver,
  pipeline?: MatchPipeline,
): HandlerRegistration[] {
  const handle = <S extends z.ZodObject>(
    def: EventDefinition<S>,
    map: (data: z.output<S>) => CoordinationMapping,
    extra?: (tx: EntityManager, event: CloudEvent<z.output<S>>) => Promise<void>,
    refOf?: (event: CloudEvent<z.output<S>>) => AgencyRef | undefined,
  ) => coordinationFactHandler(processes, families, def, map, extra, refOf);

  return [
    handle(referralAcceptedEvent, (p) => ({
      fact: { kind: 'referral-accepted', referralId: p.referralId, acceptedAt: p.acceptedAt, knownToCalworks: p.knownToCalworks },
      starts: p.knownToCalworks,
    })),
    handle(referralEvaluatedOutEvent, (p) => ({
      fact: {
        kind: 'referral-evaluated-out',
        referralId: p.referralId,
        evaluatedOutAt: p.evaluatedOutAt,
        povertyOnly: p.povertyOnly,
        referToServices: p.referToServices,
        familyConsents: p.familyConsents,
        knownToCalworks: p.knownToCalworks,
      },
      starts: (p.referToServices || p.povertyOnly) && (p.familyConsents || p.knownToCalworks),
    })),
    handle(caseOpenedEvent, (p) => ({
      fact: { kind: 'case-opened', caseId: p.caseId, caseType: p.caseType, openedOn: p.openedOn, knownToCalworks: !!p.calworksCaseNumber },
      starts: !!p.calworksCaseNumber,
    })),
    handle(caseClosedEvent, (p) => ({ fact: { kind: 'case-closed', caseId: p.caseId, closedOn: p.closedOn }, starts: false })),
    handle(
      childRemovedEvent,
      (p) => ({
        fact: {
          kind: 'child-removed',
          removalId: p.removalId,
          caseId: p.caseId,
          removedAt: p.removedAt,
          knownToCalworks: !!p.calworksCaseNumber,
          childId: p.childId,
          allChildrenRemoved: p.allChildrenRemoved,
        },
        starts: !!p.calworksCaseNumber,
      }),
      async (tx, event) => {
        const r = event.data;
        if (pipeline)
          await pipeline.proposeRemovalMembers(tx, event.countycode, {
            removalId: r.removalId,
            childId: r.childId,
            removedAt: r.removedAt,
            caseId: r.caseId,
            cwsFamilyId: r.familyId,
            allChildrenRemoved: r.allChildrenRemoved,
            knownToCalworks: !!r.calworksCaseNumber,
            correlationId: event.correlationid,
          });
      },
    ),
    handle(childReunifiedEvent, (p) => ({
      fact: { kind: 'child-reunified', caseId: p.caseId, ...(p.removalId ? { removalId: p.removalId } : {}), returnedOn: p.returnedOn },
      starts: false,
    })),
    handle(casePlanFiledEvent, (p) => ({
      fact: { kind: 'case-plan-filed', casePlanId: p.casePlanId, caseId: p.caseId, filedOn: p.filedOn, planKind: p.kind },
      starts: false,
    })),
    handle(cftMeetingHeldEvent, (p) => ({
      fact: {
        kind: 'cft-meeting-held',
        meetingId: p.meetingId,
        caseId: p.caseId,
        heldOn: p.heldOn,
        calworksWorkerInvited: p.calworksWorkerInvited,
      },
      starts: false,
    })),
    handle(reunificationServicesOrderedEvent, (p) => ({
      fact: { kind: 'reunification-services-ordered', caseId: p.caseId, orderedOn: p.orderedOn },
      starts: false,
    })),
    handle(reunificationServicesTerminatedEvent, (p) => ({
      fact: { kind: 'reunification-services-terminated', caseId: p.caseId, terminatedOn: p.terminatedOn },
      starts: false,
    })),
    handle(aidedStatusRecordedEvent, (p) => ({
      fact: { kind: 'aided-status-recorded', auId: p.auId, status: p.status, effectiveOn: p.effectiveOn },
      starts: false,
    })),
    handle(noncomplianceStartedEvent, (p) => ({
      fact: { kind: 'noncompliance-started', episodeId: p.episodeId, noticeIssuedOn: p.noticeIssuedOn },
      starts: false,
    })),
    handle(goodCauseFoundEvent, (p) => ({
      fact: { kind: 'good-cause-found', episodeId: p.episodeId, determinedOn: p.determinedOn },
      starts: false,
    })),
    handle(sanctionImposedEvent, (p) => ({
      fact: { kind: 'sanction-imposed', sanctionId: p.sanctionId, effectiveOn: p.effectiveOn },
      starts: false,
    })),
    handle(sanctionCuredEvent, (p) => ({ fact: { kind: 'sanction-cured', sanctionId: p.sanctionId, curedOn: p.curedOn }, starts: false })),
    handle(frAidWindowOpenedEvent, (p) => ({
      fact: { kind: 'fr-aid-window-opened', windowId: p.windowId, removalId: p.removalId, startsOn: p.startsOn },
      starts: false,
    })),
    handle(frAidWindowClosedEvent, (p) => ({
      fact: { kind: 'fr-aid-window-closed', windowId: p.windowId, closedOn: p.closedOn },
      starts: false,
    })),
    handle(removalMembersConfirmedEvent, (p) => ({
      fact: { kind: 'removal-members-confirmed', removalId: p.removalId, auId: p.auId, confirmedAt: p.confirmedAt },
      starts: false,
    })),
    // A family typed in by child welfare (the cases no CWS event covers): its shared family is the referral's. This
    // replaces today's hand-off clock handler: the process opens the clock (same subject and purpose, so a clock the
    // old handler opened is not opened twice).
    handle(
      familyReferredEvent,
      (p) => ({
        fact: {
          kind: 'family-referred',
          referralId: p.referralId,
          caseType: p.caseType,
          childRemoved: p.childRemoved,
          ...(p.removedOn ? { removedOn: p.removedOn } : {}),
          calworksAided: p.calworksAided,
          referredAt: p.referredAt,
        },
        starts: true,
      }),
      undefined,
      (event) => ({ kind: 'linkages-referral', id: event.data.referralId }),
    ),
    // Linkages' own merge of two shared families (one family-linked per moved identity: the later ones change nothing).
    on(familyLinkedEvent, async (event, tx) => {
      const { familyId, mergedFromFamilyId } = event.data;
      if (!mergedFromFamilyId) return;
      await processes.merged(tx, families, {
        eventId: event.id,
        countyCode: event.countycode,
        survivorFamilyId: familyId,
        mergedFamilyId: mergedFromFamilyId,
      });
    }),
  ];
}

/** The family is known to both agencies (a CWS or typed-in family and a CalWORKs AU map to it). */
export async function linkedAcrossAgencies(families: FamilyResolver, tx: EntityManager, familyId: string): Promise<boolean> {
  const kinds = new Set((await families.identitiesOf(tx, familyId)).map((i) => i.kind));
  return kinds.has('au') && (kinds.has('cws-family') || kinds.has('linkages-referral'));
}

/** The token of the coordination handlers in the referrals worker. */
export const COORDINATION_EVENT_HANDLERS = Symbol('COORDINATION_EVENT_HANDLERS');

/**
 * For `PlatformModule.forWorker('referrals', { eventHandlers: [...] })`; FamilyResolver, CoordinationProcesses and
 * (optional) MatchPipeline go in `providers`. Registers the family-referred handler: drop referralEventHandlersProvider.
 */
export const coordinationEventHandlersProvider: EventHandlersProvider = {
  provide: COORDINATION_EVENT_HANDLERS,
  inject: [CoordinationProcesses, FamilyResolver, { token: MatchPipeline, optional: true }],
  useFactory: (processes: CoordinationProcesses, families: FamilyResolver, pipeline?: MatchPipeline) =>
    coordinationEventHandlers(processes, families, pipeline ?? undefined),
};

/** What the coordination handlers and use cases inject, for the worker's and the API's providers. */
export const coordinationWorkerProviders = [CoordinationProcesses];
