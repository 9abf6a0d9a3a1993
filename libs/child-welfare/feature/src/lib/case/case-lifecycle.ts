import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  alreadyClosedRefusal,
  CASE_CLOSED,
  FM_REVIEW_PREFIX,
  nextFmReview,
  servicesTermination,
  type CaseType,
  type CloseReason,
  type ServicesTerminationBasis,
} from '@linkages/child-welfare-domain';
import { CaseRepository, CwsCaseEntity } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import { caseClosedEvent, caseOpenedEvent, reunificationServicesTerminatedEvent } from '@linkages/shared-contracts';
import { CaseworkAudit } from '../casework-audit';
import { caseSubject, openClock } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { shareEvent } from '../share-event';

export interface NewCase {
  familyId: string;
  referralId: string;
  countyCode: string;
  type: CaseType;
  openedOn: string;
  detained: boolean;
}

/** What several use cases do to a case: open it, close it, end its services, schedule its next FM review. */
@Injectable()
export class CaseLifecycle {
  constructor(
    private readonly cases: CaseRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly outbox: OutboxWriter,
    private readonly audit: CaseworkAudit,
  ) {}

  /** A new open case: saved, announced (case-opened) and audited. */
  async open(tx: EntityManager, ctx: Ctx, fields: NewCase): Promise<CwsCaseEntity> {
    const kase = Object.assign(new CwsCaseEntity(), {
      id: randomUUID(),
      ...fields,
      status: 'open' as const,
      petitionFiledOn: null,
      jurisdictionOn: null,
      dispositionOn: null,
      dispositionOutcome: null,
      enteredFosterCareOn: null,
      servicesMonths: null,
      servicesTerminatedOn: null,
      closedOn: null,
      closeReason: null,
    });
    await this.cases.save(tx, kase);
    await shareEvent(
      this.outbox,
      tx,
      caseOpenedEvent,
      { caseId: kase.id, familyId: kase.familyId, caseType: kase.type, openedOn: kase.openedOn },
      { countyCode: kase.countyCode, correlationId: ctx.correlationId },
    );
    await this.audit.record(tx, ctx, 'create', 'case', kase.id, kase.countyCode, { type: kase.type });
    return kase;
  }

  /** Closes the case (the caller saves it): every open clock is cancelled, case-closed is announced. */
  async close(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, on: string, reason: CloseReason): Promise<void> {
    refuse(alreadyClosedRefusal(kase));
    Object.assign(kase, { status: 'closed', closedOn: on, closeReason: reason });
    await this.deadlines.cancelAll(tx, kase.id, CASE_CLOSED, ctx.principal.subject);
    await shareEvent(
      this.outbox,
      tx,
      caseClosedEvent,
      { caseId: kase.id, familyId: kase.familyId, closedOn: on, reason },
      { countyCode: kase.countyCode, correlationId: ctx.correlationId },
    );
  }

  /** Services end (review or bypass; the caller saves the case): see servicesTermination. */
  async terminateServices(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, on: string, basis: ServicesTerminationBasis): Promise<void> {
    const termination = servicesTermination(on, basis);
    Object.assign(kase, termination.set);
    await this.deadlines.cancelAll(tx, kase.id, termination.cancelAll.reasonCode, ctx.principal.subject, (p) =>
      termination.cancelAll.only.test(p),
    );
    await openClock(this.deadlines, tx, caseSubject(kase), termination.open);
    await shareEvent(
      this.outbox,
      tx,
      reunificationServicesTerminatedEvent,
      { familyId: kase.familyId, caseId: kase.id, terminatedOn: on, basis },
      { countyCode: kase.countyCode, correlationId: ctx.correlationId },
    );
  }

  /** The next Family Maintenance review clock, numbered after the case's FM reviews so far. */
  async openNextFmReview(tx: EntityManager, kase: CwsCaseEntity, from: string): Promise<void> {
    const count = await this.deadlines.count(tx, kase.id, FM_REVIEW_PREFIX);
    await openClock(this.deadlines, tx, caseSubject(kase), nextFmReview(count, from));
  }
}
