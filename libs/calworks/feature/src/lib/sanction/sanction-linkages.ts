import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LinkagesSource } from '@linkages/calworks-domain';
import { SanctionRepository, WtwParticipantRepository } from '@linkages/calworks-data-access';
import { linkagesKnownSignal } from '@linkages/calworks-workflows';
import { TEMPORAL, workflowId, type TemporalClientHandle } from '@linkages/platform-temporal';

/**
 * Issue 12 item 4: child welfare knows an AU's family (`referral-accepted` with knownToCalworks, `case-opened`,
 * `child-removed`, matched to the AU by county and case number). The inbox handler of that event calls this: every
 * open noncompliance episode of the AU's participants is signalled, so its process flags it for Linkages and, when a
 * child-welfare case-plan activity conflicts, proposes good cause for the worker (never decided automatically). The
 * signal carries the event id; a redelivered event is ignored by the process.
 */
@Injectable()
export class SanctionLinkages {
  constructor(
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    private readonly participants: WtwParticipantRepository,
    private readonly sanctions: SanctionRepository,
  ) {}

  async familyKnown(
    tx: EntityManager,
    auId: string,
    known: { source: LinkagesSource; eventId: string; knownOn: string; casePlanActivityConflict?: boolean },
  ): Promise<string[]> {
    const signalled: string[] = [];
    for (const participant of await this.participants.ofAu(tx, auId))
      for (const episode of await this.sanctions.episodesOfParticipant(tx, participant.id)) {
        if (episode.status === 'resolved') continue;
        await this.temporal.client.workflow.getHandle(workflowId('calworks', 'sanction', episode.id)).signal(linkagesKnownSignal, {
          eventId: known.eventId,
          source: known.source,
          knownOn: known.knownOn,
          ...(known.casePlanActivityConflict ? { casePlanActivityConflict: true } : {}),
        });
        signalled.push(episode.id);
      }
    return signalled;
  }
}
