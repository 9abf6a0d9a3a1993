import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { cftMeetingRefusal, FIRST_CFT } from '@linkages/child-welfare-domain';
import { CaseRepository, CftMeetingEntity } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import { cftMeetingHeldEvent } from '@linkages/shared-contracts';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { endOfFactDay } from '../fact-instant';
import { shareEvent } from '../share-event';
import type { CftMeetingInput } from './case.schemas';

/**
 * A Child and Family Team meeting held: meets the first-CFT deadline; cft-meeting-held tells Linkages (with the
 * CalWORKs worker invited it is the joint case-planning meeting, issue 13 Deliver 4).
 */
@Injectable()
export class RecordCftMeeting {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly cases: CaseRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly outbox: OutboxWriter,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, caseId: string, input: CftMeetingInput) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.records.case(tx, ctx, caseId, { lock: true });
      refuse(cftMeetingRefusal(kase, input.heldOn));
      const meeting = Object.assign(new CftMeetingEntity(), { id: randomUUID(), caseId, heldOn: input.heldOn });
      await this.cases.addCftMeeting(tx, meeting);
      await this.deadlines.satisfy(tx, kase.id, FIRST_CFT, ctx.principal.subject, endOfFactDay(input.heldOn));
      await shareEvent(
        this.outbox,
        tx,
        cftMeetingHeldEvent,
        {
          meetingId: meeting.id,
          caseId,
          familyId: kase.familyId,
          heldOn: input.heldOn,
          calworksWorkerInvited: input.calworksWorkerInvited,
        },
        { countyCode: kase.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'create', 'cft-meeting', meeting.id, kase.countyCode, {
        caseId,
        calworksWorkerInvited: input.calworksWorkerInvited,
      });
      return { id: meeting.id, caseId, heldOn: meeting.heldOn };
    });
  }
}
