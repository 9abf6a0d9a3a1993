import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { dateOf, petitionClocks, petitionRefusal } from '@linkages/child-welfare-domain';
import { CaseRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { CaseworkAudit } from '../casework-audit';
import { caseSubject, openClock } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { CaseViews } from '../views/case.view';
import type { PetitionInput } from './case.schemas';

/** Petition filed (WIC 300): meets the 48-hour clock, starts the detention-hearing or jurisdiction clock. */
@Injectable()
export class FilePetition {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly cases: CaseRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly audit: CaseworkAudit,
    private readonly views: CaseViews,
  ) {}

  async execute(ctx: Ctx, caseId: string, input: PetitionInput) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.records.case(tx, ctx, caseId, { lock: true });
      refuse(petitionRefusal(kase));
      kase.petitionFiledOn = dateOf(input.filedAt);
      await this.cases.save(tx, kase);
      const clocks = petitionClocks(kase.detained, input.filedAt);
      await this.deadlines.satisfy(tx, kase.id, clocks.satisfy, ctx.principal.subject, input.filedAt);
      await openClock(this.deadlines, tx, caseSubject(kase), clocks.open);
      await this.audit.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { petitionFiled: kase.petitionFiledOn });
      return this.views.of(tx, kase);
    });
  }
}
