import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readSnapshot } from '@linkages/platform-persistence';
import { CoordinationRepository } from '@linkages/referrals-data-access';
import { TrackedDeadlines, deadlineIdOf } from '@linkages/platform-deadline-tracking';
import { FamilyDisclosure } from '../authority/family-disclosure';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import type { CoordinationResponse } from './coordination.schemas';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The family's coordination tasks, each with its clock explained, and its meetings: through the sharing policy, audited. */
@Injectable()
export class ReadCoordinationQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly disclosure: FamilyDisclosure,
    private readonly coordination: CoordinationRepository,
    private readonly clocks: TrackedDeadlines,
  ) {}

  async execute(ctx: RequestContext, familyId: string): Promise<CoordinationResponse> {
    const family = await this.familyInCounty.find(ctx, familyId, 'view coordination');
    // One snapshot: a task and its clock are written together, so they are read as of one moment too.
    const { decision, tasks, meetings, clocks } = await readSnapshot(this.dataSource, async (tx) => {
      const decision = await this.disclosure.decide(tx, ctx, family, 'view coordination');
      const tasks: Awaited<ReturnType<CoordinationRepository['tasksOf']>> = [];
      const meetings: Awaited<ReturnType<CoordinationRepository['meetingsOf']>> = [];
      for (const id of family.familyIds) {
        tasks.push(...(await this.coordination.tasksOf(tx, id)));
        meetings.push(...(await this.coordination.meetingsOf(tx, id)));
      }
      const clocks = await this.clocks.views(tx, [...new Set(tasks.map((t) => t.subjectId))]);
      return { decision, tasks, meetings, clocks };
    });
    await this.disclosure.audited(ctx, family, 'coordination', 'view coordination', decision, { tasks: tasks.length });
    return {
      familyId: family.familyId,
      tasks: tasks.map((t) => {
        const clock =
          clocks.find((c) => c.deadlineId === deadlineIdOf('referrals', { type: t.subjectType, id: t.subjectId }, t.purpose)) ?? null;
        return {
          taskId: t.id,
          code: t.code,
          status: t.status,
          ruleId: t.ruleId,
          subjectType: t.subjectType,
          subjectId: t.subjectId,
          caseId: t.caseId,
          startAt: t.startAt.toISOString(),
          // The same instant as the clock's, printed as the clock prints it (county time), so the two read alike.
          dueAt: clock?.dueAt && t.dueAt && Date.parse(clock.dueAt) === t.dueAt.getTime() ? clock.dueAt : iso(t.dueAt),
          doneAt: iso(t.doneAt),
          outcome: t.outcome,
          escalationLevel: t.escalationLevel,
          clock,
        };
      }),
      meetings: meetings.map((m) => ({
        meetingId: m.id,
        kind: m.kind,
        caseId: m.caseId,
        heldOn: m.heldOn,
        calworksWorkerInvited: m.calworksWorkerInvited,
      })),
    };
  }
}
