import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { redact } from '@linkages/platform-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { FamilyTimelineEntity, SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { timelineClassification, timelineClockClassification } from '@linkages/referrals-domain';
import { FamilyDisclosure } from '../authority/family-disclosure';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import type { FamilyTimelineView, TimelineClockView, TimelineEntryView } from './family-timeline.view';

/** Tables whose rows are subjects of referrals' clocks for a family (`family_id`, `subject_id` or `id`), when registered. */
const clockSubjectTables: { table: string; column: string }[] = [{ table: 'coordination_tasks', column: 'subject_id' }];

/**
 * One ordered view of a shared family across both agencies (issue 13, Deliver 6): the family's timeline entries in
 * its one order (occurred_at, then seq — the order referrals received them in) and referrals' clocks on the family's
 * authorities and coordination tasks, each with its explanation; through the sharing policy (entries carry key and
 * fact fields only; anything else is dropped), audited as a read (a CalWORKs read is a share).
 */
@Injectable()
export class FamilyTimelineQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly disclosure: FamilyDisclosure,
    private readonly authorities: SharingAuthorityRepository,
    private readonly clocks: TrackedDeadlines,
  ) {}

  async execute(ctx: RequestContext, familyId: string): Promise<FamilyTimelineView> {
    const tx = this.dataSource.manager;
    const family = await this.familyInCounty.find(ctx, familyId, 'view family timeline');
    const decision = await this.disclosure.decide(tx, ctx, family, 'view family timeline');
    const rows = await tx
      .getRepository(FamilyTimelineEntity)
      .find({ where: { familyId: In(family.familyIds) }, order: { occurredAt: 'ASC', seq: 'ASC' } });
    const entries = rows.map(
      (r): TimelineEntryView =>
        (redact(
          {
            seq: r.seq,
            eventId: r.eventId,
            eventType: r.eventType,
            agency: r.agency,
            kind: typeof r.entry['kind'] === 'string' ? r.entry['kind'] : r.eventType,
            label: typeof r.entry['label'] === 'string' ? r.entry['label'] : r.eventType,
            occurredAt: r.occurredAt.toISOString(),
            subject: r.subject,
          },
          timelineClassification,
          decision,
        ) ?? {}) as TimelineEntryView,
    );
    const subjects = await this.clockSubjects(tx, family.familyIds);
    const perSubject = await Promise.all(
      subjects.map(async (subject) =>
        (await this.clocks.views(tx, [subject.id])).map((c) => ({ c, subject: `${subject.type}/${subject.id}` })),
      ),
    );
    const clocks = perSubject
      .flat()
      .map(
        ({ c, subject }) =>
          redact(
            {
              deadlineId: c.deadlineId,
              purpose: c.purpose,
              ruleId: c.ruleId,
              status: c.status ?? c.tracked,
              dueAt: c.dueAt ?? null,
              citation: c.citation ?? null,
              explanation: c.explanation ?? null,
              subject,
            },
            timelineClockClassification,
            decision,
          ) as TimelineClockView,
      )
      .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
    await this.disclosure.audited(ctx, family, 'family-timeline', 'view family timeline', decision, {
      entries: entries.length,
      clocks: clocks.length,
    });
    return {
      familyId: family.familyId,
      entries,
      clocks,
      disclosure: {
        basis: decision.basis ?? 'none',
        citation: decision.citation ?? '',
        classes: decision.classes,
        authorityIds: decision.authorityIds,
      },
    };
  }

  /** The family's clock subjects: its authorities (the MDT window) and, when registered, its coordination tasks. */
  private async clockSubjects(tx: EntityManager, familyIds: string[]): Promise<{ type: string; id: string }[]> {
    const authorities = await this.authorities.ofFamilies(tx, familyIds);
    const out = authorities.map((a) => ({ type: 'sharing-authority', id: a.id }));
    for (const { table, column } of clockSubjectTables) {
      const meta = tx.connection.entityMetadatas.find((m) => m.tableName === table);
      if (!meta) continue;
      const path = meta.tablePath
        .split('.')
        .map((p) => `"${p}"`)
        .join('.');
      const rows = (await tx.query(`SELECT DISTINCT ${column} AS id FROM ${path} WHERE family_id = ANY($1::uuid[])`, [familyIds])) as {
        id: string;
      }[];
      out.push(...rows.map((r) => ({ type: table, id: r.id })));
    }
    return out;
  }
}
