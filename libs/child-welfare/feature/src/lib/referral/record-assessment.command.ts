import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assessmentRefusal } from '@linkages/child-welfare-domain';
import { AssessmentEntity, CwsReferralRepository } from '@linkages/child-welfare-data-access';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import type { AssessmentInput } from './referral.schemas';

/** An SDM safety or risk assessment of an accepted referral. */
@Injectable()
export class RecordAssessment {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly referrals: CwsReferralRepository,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, referralId: string, input: AssessmentInput) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.records.referral(tx, ctx, referralId, { lock: true });
      refuse(assessmentRefusal(referral));
      const assessment = Object.assign(new AssessmentEntity(), {
        id: randomUUID(),
        referralId,
        tool: input.tool,
        result: input.result,
        completedAt: new Date(input.completedAt),
        recordedBy: ctx.principal.subject,
      });
      await this.referrals.addAssessment(tx, assessment);
      await this.audit.record(tx, ctx, 'create', 'sdm-assessment', assessment.id, referral.countyCode, { tool: input.tool });
      return {
        id: assessment.id,
        referralId,
        tool: assessment.tool,
        result: assessment.result,
        completedAt: assessment.completedAt.toISOString(),
      };
    });
  }
}
