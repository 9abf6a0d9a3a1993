import { Injectable } from '@nestjs/common';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { CasePlanEntity } from './case-plan.entity';
import { CftMeetingEntity } from './cft-meeting.entity';
import { CwsCaseEntity } from './cws-case.entity';
import { FrServicesGoodCauseEntity } from './fr-services-good-cause.entity';
import { HearingEntity } from './hearing.entity';
import { lockOf, type LockOption } from './lock';

/** Cases and what is recorded on them: hearings, case plans, CFT meetings, FR services good cause. */
@Injectable()
export class CaseRepository {
  /** The case, when it exists in the county (another county's case is absent). */
  async inCounty(tx: EntityManager, county: string, caseId: string, options?: LockOption): Promise<CwsCaseEntity | undefined> {
    const kase = await tx.getRepository(CwsCaseEntity).findOne({ where: { id: caseId }, ...lockOf(options) });
    return kase && kase.countyCode === county ? kase : undefined;
  }

  /** The case whatever its county (the sharing policy decides who may see it). */
  async byId(tx: EntityManager, caseId: string): Promise<CwsCaseEntity | undefined> {
    return (await tx.getRepository(CwsCaseEntity).findOne({ where: { id: caseId } })) ?? undefined;
  }

  /** The referral's open case, if it has one. */
  async openOfReferral(tx: EntityManager, referralId: string): Promise<CwsCaseEntity | undefined> {
    return (await tx.getRepository(CwsCaseEntity).findOne({ where: { referralId, status: 'open' } })) ?? undefined;
  }

  async save(tx: EntityManager, kase: CwsCaseEntity): Promise<void> {
    await tx.save(kase);
  }

  async addHearing(tx: EntityManager, hearing: HearingEntity): Promise<void> {
    await tx.save(hearing);
  }

  /** The date the case's detention hearing was held (the latest one not continued), if it was (WIC 352(b) counts from it). */
  async detentionHearingOn(tx: EntityManager, caseId: string): Promise<string | undefined> {
    const hearing = await tx.getRepository(HearingEntity).findOne({
      where: { caseId, type: 'detention', continuedTo: IsNull() },
      order: { heldOn: 'DESC' },
    });
    return hearing?.heldOn;
  }

  /** Initial plan and updates (amendments change the plan in effect and are not counted). */
  countCasePlans(tx: EntityManager, caseId: string): Promise<number> {
    return tx.getRepository(CasePlanEntity).count({ where: { caseId, kind: Not('amendment') } });
  }

  async addCasePlan(tx: EntityManager, plan: CasePlanEntity): Promise<void> {
    await tx.save(plan);
  }

  async addCftMeeting(tx: EntityManager, meeting: CftMeetingEntity): Promise<void> {
    await tx.save(meeting);
  }

  async addFrServicesGoodCause(tx: EntityManager, grant: FrServicesGoodCauseEntity): Promise<void> {
    await tx.save(grant);
  }
}
