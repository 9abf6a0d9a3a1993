import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WtwParticipantRepository, type WtwParticipantEntity } from '@linkages/calworks-data-access';
import { TrackedDeadlineEntity, TrackedDeadlines, type ClockView } from '@linkages/platform-deadline-tracking';
import type { WtwParticipantRecords } from './wtw-participant.view';

/**
 * Everything a participant view shows. The exemptions' clocks come with their deadline workflows' live state and
 * explanation; `live: false` (inside a command's transaction) gives only what the service's own table holds.
 */
@Injectable()
export class WtwParticipantLoader {
  constructor(
    private readonly participants: WtwParticipantRepository,
    private readonly deadlines: TrackedDeadlines,
  ) {}

  async load(
    tx: EntityManager,
    participant: WtwParticipantEntity,
    { live = true }: { live?: boolean } = {},
  ): Promise<WtwParticipantRecords> {
    const exemptions = await this.participants.exemptions(tx, participant.id);
    const ids = exemptions.map((e) => e.id);
    const rows = ids.length ? await tx.getRepository(TrackedDeadlineEntity).find({ where: ids.map((subjectId) => ({ subjectId })) }) : [];
    const subjectOf = new Map(rows.map((row) => [row.deadlineId, row.subjectId]));
    const views: ClockView[] = live
      ? await this.deadlines.views(tx, ids)
      : rows.map((row) => ({ deadlineId: row.deadlineId, purpose: row.purpose, ruleId: row.ruleId, tracked: row.status }));
    return {
      participant,
      plans: await this.participants.plans(tx, participant.id),
      exemptions,
      services: await this.participants.supportiveServices(tx, participant.id),
      referrals: await this.participants.familyStabilizationReferrals(tx, participant.id),
      clocks: views.map((c) => ({ ...c, subjectId: subjectOf.get(c.deadlineId) ?? '' })),
    };
  }
}
