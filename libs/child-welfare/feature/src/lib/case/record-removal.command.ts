import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { dateOf, removalClocks, removalDateRefusal, removalRefusal, removalSequenceRefusal } from '@linkages/child-welfare-domain';
import { CaseRepository, FamilyRepository, RemovalEntity, RemovalRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import { childRemovedEvent } from '@linkages/shared-contracts';
import { CaseworkAudit } from '../casework-audit';
import { caseSubject, openClock } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { shareEvent } from '../share-event';
import { CaseLifecycle } from './case-lifecycle';
import type { RemovalInput } from './case.schemas';
import { MonthlyVisitClocks } from './monthly-visit.clocks';

/** Detention: opens (or reuses) the referral's emergency-response case and starts the court and case clocks. */
@Injectable()
export class RecordRemoval {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly families: FamilyRepository,
    private readonly cases: CaseRepository,
    private readonly removals: RemovalRepository,
    private readonly lifecycle: CaseLifecycle,
    private readonly visits: MonthlyVisitClocks,
    private readonly deadlines: TrackedDeadlines,
    private readonly outbox: OutboxWriter,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, referralId: string, input: RemovalInput) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.records.referral(tx, ctx, referralId, { lock: true });
      refuse(removalRefusal(referral));
      const child = await this.records.childOf(tx, referral.familyId, input.childId);
      refuse(removalDateRefusal(referral, input.removedAt));
      let kase = await this.cases.openOfReferral(tx, referral.id);
      if (!kase) {
        kase = await this.lifecycle.open(tx, ctx, {
          familyId: referral.familyId,
          referralId: referral.id,
          countyCode: referral.countyCode,
          type: 'emergency-response',
          openedOn: dateOf(input.removedAt),
          detained: true,
        });
      } else if (!kase.detained) {
        kase.detained = true;
        await this.cases.save(tx, kase);
      }
      refuse(removalSequenceRefusal((await this.removals.currentOf(tx, kase.id, child.id)) !== undefined));
      const removal = Object.assign(new RemovalEntity(), {
        id: randomUUID(),
        caseId: kase.id,
        childId: child.id,
        removedAt: new Date(input.removedAt),
        placementType: input.placementType,
        siblingGroupPlacedTogether: input.siblingGroupPlacedTogether,
        returnedOn: null,
        parentalRightsTerminatedOn: null,
      });
      await this.removals.add(tx, removal);
      const subject = caseSubject(kase);
      const icwa = (await this.families.children(tx, kase.familyId)).some((c) => c.icwa);
      for (const clock of removalClocks(input.removedAt, icwa)) await openClock(this.deadlines, tx, subject, clock);
      await this.visits.open(tx, subject, child.id, input.removedAt);
      const children = await this.families.countChildren(tx, kase.familyId);
      const removedNow = await this.removals.countChildrenRemoved(tx, kase.id);
      await shareEvent(
        this.outbox,
        tx,
        childRemovedEvent,
        {
          removalId: removal.id,
          familyId: kase.familyId,
          childId: child.id,
          caseId: kase.id,
          removedAt: input.removedAt,
          allChildrenRemoved: removedNow >= children,
        },
        { countyCode: kase.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'create', 'removal', removal.id, kase.countyCode, {
        caseId: kase.id,
        placementType: input.placementType,
      });
      return {
        removalId: removal.id,
        caseId: kase.id,
        childId: child.id,
        removedAt: removal.removedAt.toISOString(),
        placementType: removal.placementType,
      };
    });
  }
}
