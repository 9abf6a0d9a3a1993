import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { allegationsRefusal, encodeAllegation } from '@linkages/child-welfare-domain';
import { CwsReferralEntity, CwsReferralRepository, FamilyRepository } from '@linkages/child-welfare-data-access';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { referralView } from '../views/referral.view';
import type { CreateReferralInput } from './referral.schemas';

/** Records a hotline referral: allegations per child of the family, the reporter kept in child welfare. */
@Injectable()
export class CreateReferral {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly families: FamilyRepository,
    private readonly referrals: CwsReferralRepository,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, input: CreateReferralInput) {
    return this.dataSource.transaction(async (tx) => {
      const family = await this.records.family(tx, ctx, input.familyId);
      const children = new Set((await this.families.children(tx, family.id)).map((p) => p.id));
      refuse(allegationsRefusal(input.allegations, children));
      const referral = Object.assign(new CwsReferralEntity(), {
        id: randomUUID(),
        familyId: family.id,
        countyCode: family.countyCode,
        receivedAt: new Date(input.receivedAt),
        allegations: input.allegations.map(encodeAllegation),
        reporter: input.reporter ?? null,
        status: 'received' as const,
        screeningDecision: null,
        screeningReason: null,
        povertyOnly: false,
        decidedAt: null,
        decidedBy: null,
        responsePriority: null,
        downgrade: null,
        firstContactAt: null,
        disposition: null,
        dispositionAt: null,
        createdBy: ctx.principal.subject,
      });
      await this.referrals.save(tx, referral);
      await this.audit.record(tx, ctx, 'create', 'cws-referral', referral.id, referral.countyCode);
      return referralView(referral);
    });
  }
}
