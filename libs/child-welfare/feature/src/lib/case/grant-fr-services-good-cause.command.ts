import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { frServicesGoodCauseRefusal } from '@linkages/child-welfare-domain';
import { CaseRepository, FrServicesGoodCauseEntity, RemovalRepository } from '@linkages/child-welfare-data-access';
import { OutboxWriter } from '@linkages/platform-messaging';
import { frServicesGoodCauseGrantedEvent } from '@linkages/shared-contracts';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { shareEvent } from '../share-event';
import type { FrServicesGoodCauseInput } from './case.schemas';

/**
 * CWS grants good cause for the case's FR services (WTW / supportive, AB 429) to continue past six months, through
 * `continuesThrough` (RULES.md 4, "Services beyond 6 months"): recorded, told to CalWORKs (which continues the
 * services; cash aid is not extended) and audited. A refused grant changes nothing.
 */
@Injectable()
export class GrantFrServicesGoodCause {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly cases: CaseRepository,
    private readonly removals: RemovalRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, caseId: string, input: FrServicesGoodCauseInput) {
    return this.dataSource.transaction(async (tx) => {
      // A closed case is refused here (a case read for a change must be open), with the domain's reason.
      const kase = await this.records.case(tx, ctx, caseId, { lock: true });
      refuse(frServicesGoodCauseRefusal(kase, await this.removals.countChildrenRemoved(tx, caseId), input));
      const grant = Object.assign(new FrServicesGoodCauseEntity(), {
        id: randomUUID(),
        countyCode: kase.countyCode,
        caseId,
        familyId: kase.familyId,
        grantedOn: input.grantedOn,
        continuesThrough: input.continuesThrough,
        createdAt: new Date(),
        createdBy: ctx.principal.subject,
      });
      await this.cases.addFrServicesGoodCause(tx, grant);
      await shareEvent(
        this.outbox,
        tx,
        frServicesGoodCauseGrantedEvent,
        { familyId: kase.familyId, caseId, grantedOn: grant.grantedOn, continuesThrough: grant.continuesThrough },
        { countyCode: kase.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'create', 'fr-services-good-cause', grant.id, kase.countyCode, { caseId });
      return { id: grant.id, caseId, grantedOn: grant.grantedOn, continuesThrough: grant.continuesThrough };
    });
  }
}
