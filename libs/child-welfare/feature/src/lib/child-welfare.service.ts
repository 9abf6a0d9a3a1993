import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { decideCwsDisclosure, redact, stableUuid, type FieldSpec, type Principal } from '@linkages/platform-access';
import { AUDIT_LOG, auditActor, notFound, problemType } from '@linkages/platform-auth';
import type { AuditLog } from '@linkages/platform-audit';
import { OutboxWriter } from '@linkages/platform-messaging';
import { policyRegistry } from '@linkages/platform-policies';
import { PersonalData } from '@linkages/platform-service';
import {
  caseClosedEvent,
  caseOpenedEvent,
  casePlanFiledEvent,
  childRemovedEvent,
  childReunifiedEvent,
  parentalRightsTerminatedEvent,
  referralAcceptedEvent,
  reunificationServicesOrderedEvent,
  reunificationServicesTerminatedEvent,
} from '@linkages/shared-contracts';
import type { z } from 'zod';
import { Clocks, type ClockSubject, type ClockView } from './clocks';
import { shareEvent } from './cws-events';
import {
  AssessmentEntity,
  CasePlanEntity,
  CftMeetingEntity,
  CwsCaseEntity,
  CwsReferralEntity,
  FamilyEntity,
  HearingEntity,
  PersonEntity,
  RemovalEntity,
  VisitEntity,
  type CaseType,
  type HearingType,
} from './cws.entities';
import type {
  assessmentBody,
  casePlanBody,
  cftMeetingBody,
  closeCaseBody,
  contactBody,
  CreateCwsReferral,
  CreateFamily,
  dispositionBody,
  downgradeBody,
  Hearing,
  openCaseBody,
  petitionBody,
  removalBody,
  returnHomeBody,
  Screening,
  visitBody,
} from './cws.schemas';

const ZONE = 'America/Los_Angeles';
const PERSON_SCOPE = 'child_welfare.person';
const dateOf = (instant: Date | string) => DateTime.fromJSDate(typeof instant === 'string' ? new Date(instant) : instant, { zone: ZONE }).toISODate() ?? '';
const startOfDay = (date: string) => DateTime.fromISO(date, { zone: ZONE }).startOf('day').toISO() ?? date;

/** A request that the record's history makes impossible: refused, nothing changed. */
function impossible(message: string): ConflictException {
  return new ConflictException({ type: problemType('impossible-sequence'), title: 'Impossible sequence', message });
}

/** Which clock a hearing type satisfies. */
const hearingClock: Partial<Record<HearingType, string>> = {
  detention: 'detention-hearing',
  jurisdiction: 'jurisdiction',
  'six-month-review': 'six-month-review',
  'twelve-month-permanency': 'twelve-month-permanency',
  'eighteen-month-review': 'eighteen-month-review',
  'section-366-26': 'section-366-26',
};

export interface Ctx {
  principal: Principal;
  correlationId: string;
}

/**
 * Child welfare: families, hotline referrals and the emergency response, removals, cases, the dependency court
 * timeline, case plans, CFT meetings and visits. Each command checks the record's county and history, writes its rows,
 * its events (outbox), its clock changes (deadline commands) and its audit record in one transaction.
 */
@Injectable()
export class ChildWelfareService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly personalData: PersonalData,
    private readonly clocks: Clocks,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  // ── Families ────────────────────────────────────────────────────────────────────────────────────────────────────

  async createFamily(ctx: Ctx, input: CreateFamily) {
    const family = Object.assign(new FamilyEntity(), { id: randomUUID(), countyCode: ctx.principal.county, calworksCaseNumber: input.calworksCaseNumber ?? null, createdBy: ctx.principal.subject, createdAt: new Date() });
    const persons = input.members.map((m, position) => {
      const id = randomUUID();
      return Object.assign(new PersonEntity(), { id, familyId: family.id, role: m.role, firstName: m.firstName, lastName: m.lastName, icwa: m.icwa, position, ...this.personalData.protect(PERSON_SCOPE, id, m) });
    });
    await this.dataSource.transaction(async (tx) => {
      await tx.save(family);
      await tx.save(persons);
      await this.record(tx, ctx, 'create', 'family', family.id, family.countyCode, { members: persons.length });
    });
    return this.familyView(family, persons);
  }

  async family(ctx: Ctx, familyId: string) {
    const family = await this.familyInCounty(this.dataSource.manager, ctx, familyId);
    const persons = await this.dataSource.getRepository(PersonEntity).find({ where: { familyId }, order: { position: 'ASC' } });
    await this.audit.append({ ...actor(ctx), action: 'read', recordType: 'family', recordId: familyId, recordCounty: family.countyCode, purpose: 'view family', outcome: 'allowed', correlationId: ctx.correlationId });
    return this.familyView(family, persons);
  }

  // ── Hotline referral and emergency response ─────────────────────────────────────────────────────────────────────

  async createReferral(ctx: Ctx, input: CreateCwsReferral) {
    return this.dataSource.transaction(async (tx) => {
      const family = await this.familyInCounty(tx, ctx, input.familyId);
      const children = new Set((await tx.getRepository(PersonEntity).find({ where: { familyId: family.id, role: 'child' } })).map((p) => p.id));
      const strangers = input.allegations.filter((a) => !children.has(a.childId));
      if (strangers.length) throw impossible('Every allegation must name a child of this family');
      const referral = Object.assign(new CwsReferralEntity(), {
        id: randomUUID(),
        familyId: family.id,
        countyCode: family.countyCode,
        receivedAt: new Date(input.receivedAt),
        allegations: input.allegations.map((a) => `${a.type}:${a.childId}`),
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
      await tx.save(referral);
      await this.record(tx, ctx, 'create', 'cws-referral', referral.id, referral.countyCode);
      return this.referralView(referral);
    });
  }

  async screen(ctx: Ctx, referralId: string, input: Screening) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.referralInCounty(tx, ctx, referralId, true);
      if (referral.status !== 'received') throw impossible(`This referral was already screened (${referral.screeningDecision})`);
      if (new Date(input.decidedAt) < referral.receivedAt) throw impossible('A referral cannot be screened before it was received');
      const types = referral.allegations.map((a) => a.split(':')[0]);
      // AB 2085 (2022): poverty alone (homelessness, lack of food or housing) is not general neglect.
      if (input.decision !== 'evaluated-out' && input.povertyOnly && types.every((t) => t === 'general-neglect')) {
        throw new UnprocessableEntityException({ type: problemType('ab-2085-poverty-is-not-neglect'), title: 'Poverty alone is not neglect', message: 'AB 2085: a referral whose only concern is poverty cannot be accepted as general neglect; evaluate it out and refer the family to services (e.g. CalWORKs)' });
      }
      const family = await tx.getRepository(FamilyEntity).findOneByOrFail({ id: referral.familyId });
      Object.assign(referral, {
        status: input.decision === 'evaluated-out' ? 'evaluated-out' : 'accepted',
        screeningDecision: input.decision,
        screeningReason: input.reason,
        povertyOnly: input.povertyOnly,
        decidedAt: new Date(input.decidedAt),
        decidedBy: ctx.principal.subject,
        responsePriority: input.responsePriority ?? null,
      });
      await tx.save(referral);
      if (input.decision !== 'evaluated-out' && input.responsePriority) {
        const subject = referralSubject(referral);
        await this.clocks.open(tx, subject, 'er-response', input.responsePriority === 'immediate' ? 'cws.er.immediate-response' : 'cws.er.ten-day-response', input.decidedAt);
        if (input.decision === 'accepted') await this.clocks.open(tx, subject, 'investigation-disposition', 'cws.er.investigation-disposition', input.decidedAt);
        await shareEvent(
          this.outbox,
          tx,
          referralAcceptedEvent,
          { referralId: referral.id, familyId: referral.familyId, acceptedAt: input.decidedAt, responsePriority: input.responsePriority, path: input.decision === 'accepted' ? 'investigation' : 'differential-response', knownToCalworks: family.calworksCaseNumber !== null },
          { countyCode: referral.countyCode, correlationId: ctx.correlationId },
        );
      }
      await this.record(tx, ctx, 'update', 'cws-referral', referral.id, referral.countyCode, { screening: input.decision, povertyOnly: input.povertyOnly });
      return this.referralView(referral);
    });
  }

  /** Immediate → 10-day, before contact, with supervisor (the caller) and manager approval (county rule). */
  async downgrade(ctx: Ctx, referralId: string, input: z.output<typeof downgradeBody>) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.referralInCounty(tx, ctx, referralId, true);
      if (referral.status !== 'accepted' || referral.responsePriority !== 'immediate') throw impossible('Only an accepted referral with an immediate response can be downgraded');
      if (referral.firstContactAt) throw impossible('A downgrade needs approval before contact; contact was already made');
      referral.responsePriority = '10-day';
      referral.downgrade = { by: ctx.principal.subject, managerApproval: input.managerApproval, reason: input.reason, at: input.approvedAt };
      await tx.save(referral);
      await this.clocks.cancel(tx, referral.id, 'er-response', 'downgraded-to-10-day', ctx.principal.subject);
      await this.clocks.open(tx, referralSubject(referral), 'er-response-10-day', 'cws.er.ten-day-response', (referral.decidedAt ?? referral.receivedAt).toISOString());
      await this.record(tx, ctx, 'update', 'cws-referral', referral.id, referral.countyCode, { downgrade: 'immediate→10-day' });
      return this.referralView(referral);
    });
  }

  async recordContact(ctx: Ctx, referralId: string, input: z.output<typeof contactBody>) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.referralInCounty(tx, ctx, referralId, true);
      if (referral.status !== 'accepted') throw impossible('In-person contact is recorded on an accepted referral');
      if (referral.decidedAt && new Date(input.madeAt) < referral.decidedAt) throw impossible('Contact cannot precede the screening decision');
      if (input.childId) await this.childOf(tx, referral.familyId, input.childId);
      if (!referral.firstContactAt) {
        referral.firstContactAt = new Date(input.madeAt);
        await tx.save(referral);
        await this.clocks.satisfy(tx, referral.id, 'er-response', ctx.principal.subject);
        await this.clocks.satisfy(tx, referral.id, 'er-response-10-day', ctx.principal.subject);
      }
      await this.record(tx, ctx, 'update', 'cws-referral', referral.id, referral.countyCode, { contact: true });
      return this.referralView(referral);
    });
  }

  async recordAssessment(ctx: Ctx, referralId: string, input: z.output<typeof assessmentBody>) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.referralInCounty(tx, ctx, referralId, true);
      if (referral.status !== 'accepted') throw impossible('SDM assessments are recorded on an accepted referral');
      const assessment = Object.assign(new AssessmentEntity(), { id: randomUUID(), referralId, tool: input.tool, result: input.result, completedAt: new Date(input.completedAt), recordedBy: ctx.principal.subject });
      await tx.save(assessment);
      await this.record(tx, ctx, 'create', 'sdm-assessment', assessment.id, referral.countyCode, { tool: input.tool });
      return { id: assessment.id, referralId, tool: assessment.tool, result: assessment.result, completedAt: assessment.completedAt.toISOString() };
    });
  }

  async recordDisposition(ctx: Ctx, referralId: string, input: z.output<typeof dispositionBody>) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.referralInCounty(tx, ctx, referralId, true);
      if (referral.status !== 'accepted' || referral.screeningDecision !== 'accepted') throw impossible('A disposition closes an investigation: the referral must be accepted for investigation');
      if (!referral.firstContactAt) throw impossible('An investigation cannot be disposed of before in-person contact');
      if (referral.disposition) throw impossible(`The investigation was already disposed of (${referral.disposition})`);
      Object.assign(referral, { disposition: input.disposition, dispositionAt: new Date(input.decidedAt) });
      await tx.save(referral);
      await this.clocks.satisfy(tx, referral.id, 'investigation-disposition', ctx.principal.subject);
      await this.record(tx, ctx, 'update', 'cws-referral', referral.id, referral.countyCode, { disposition: input.disposition });
      return this.referralView(referral);
    });
  }

  // ── Removal and cases ───────────────────────────────────────────────────────────────────────────────────────────

  /** Detention: opens (or reuses) the referral's emergency-response case and starts the court and case clocks. */
  async recordRemoval(ctx: Ctx, referralId: string, input: z.output<typeof removalBody>) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.referralInCounty(tx, ctx, referralId, true);
      if (referral.status !== 'accepted') throw impossible('A removal is recorded on an accepted referral');
      const child = await this.childOf(tx, referral.familyId, input.childId);
      if (new Date(input.removedAt) < referral.receivedAt) throw impossible('A removal cannot precede the referral');
      let kase = await tx.getRepository(CwsCaseEntity).findOne({ where: { referralId: referral.id, status: 'open' } });
      const removedOn = dateOf(input.removedAt);
      if (!kase) {
        kase = await this.openCaseRow(tx, ctx, { familyId: referral.familyId, referralId: referral.id, countyCode: referral.countyCode, type: 'emergency-response', openedOn: removedOn, detained: true });
      } else if (!kase.detained) {
        kase.detained = true;
        await tx.save(kase);
      }
      const alreadyRemoved = (await tx.query(`SELECT 1 FROM child_welfare.removals WHERE case_id = $1 AND child_id = $2 AND returned_on IS NULL`, [kase.id, child.id])) as unknown[];
      if (alreadyRemoved.length) throw impossible('This child is already removed in this case');
      const removal = Object.assign(new RemovalEntity(), { id: randomUUID(), caseId: kase.id, childId: child.id, removedAt: new Date(input.removedAt), placementType: input.placementType, siblingGroupPlacedTogether: input.siblingGroupPlacedTogether, returnedOn: null, parentalRightsTerminatedOn: null });
      await tx.save(removal);
      const subject = caseSubject(kase);
      const icwa = (await tx.getRepository(PersonEntity).find({ where: { familyId: kase.familyId, role: 'child' } })).some((c) => c.icwa);
      await this.clocks.open(tx, subject, 'petition-filing', 'cws.court.petition-filing', input.removedAt);
      await this.clocks.open(tx, subject, 'initial-case-plan', 'cws.case.initial-case-plan', input.removedAt);
      await this.clocks.open(tx, subject, 'first-cft', icwa ? 'cws.case.first-cft-meeting-icwa' : 'cws.case.first-cft-meeting', input.removedAt);
      await this.clocks.open(tx, subject, 'entered-foster-care', 'cws.court.entered-foster-care-anchor', input.removedAt);
      await openMonthlyVisit(this.clocks, tx, subject, child.id, input.removedAt);
      const children = await tx.getRepository(PersonEntity).count({ where: { familyId: kase.familyId, role: 'child' } });
      const removedNow = ((await tx.query(`SELECT count(DISTINCT child_id)::int AS n FROM child_welfare.removals WHERE case_id = $1 AND returned_on IS NULL`, [kase.id])) as { n: number }[])[0]?.n ?? 0;
      await shareEvent(this.outbox, tx, childRemovedEvent, { removalId: removal.id, familyId: kase.familyId, childId: child.id, caseId: kase.id, removedAt: input.removedAt, allChildrenRemoved: removedNow >= children }, { countyCode: kase.countyCode, correlationId: ctx.correlationId });
      await this.record(tx, ctx, 'create', 'removal', removal.id, kase.countyCode, { caseId: kase.id, placementType: input.placementType });
      return { removalId: removal.id, caseId: kase.id, childId: child.id, removedAt: removal.removedAt.toISOString(), placementType: removal.placementType };
    });
  }

  /** A case without a removal: Family Maintenance (voluntary or court) or after-care. */
  async openCase(ctx: Ctx, referralId: string, input: z.output<typeof openCaseBody>) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.referralInCounty(tx, ctx, referralId, true);
      if (referral.status !== 'accepted') throw impossible('A case opens from an accepted referral');
      if (!referral.firstContactAt) throw impossible('A case opens after the in-person response');
      const kase = await this.openCaseRow(tx, ctx, { familyId: referral.familyId, referralId: referral.id, countyCode: referral.countyCode, type: input.type, openedOn: input.openedOn, detained: false });
      // WIC 16501.1: the initial case plan is due 60 days after the in-person response when nobody was removed.
      await this.clocks.open(tx, caseSubject(kase), 'initial-case-plan', 'cws.case.initial-case-plan', referral.firstContactAt.toISOString());
      for (const child of await tx.getRepository(PersonEntity).find({ where: { familyId: kase.familyId, role: 'child' } })) await openMonthlyVisit(this.clocks, tx, caseSubject(kase), child.id, startOfDay(input.openedOn));
      return this.caseView(tx, kase);
    });
  }

  async fileCasePetition(ctx: Ctx, caseId: string, input: z.output<typeof petitionBody>) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.caseInCounty(tx, ctx, caseId, true);
      if (kase.petitionFiledOn) throw impossible('The petition was already filed');
      kase.petitionFiledOn = dateOf(input.filedAt);
      await tx.save(kase);
      const subject = caseSubject(kase);
      await this.clocks.satisfy(tx, kase.id, 'petition-filing', ctx.principal.subject);
      if (kase.detained) await this.clocks.open(tx, subject, 'detention-hearing', 'cws.court.detention-hearing', input.filedAt);
      else await this.clocks.open(tx, subject, 'jurisdiction', 'cws.court.jurisdiction-not-detained', input.filedAt);
      await this.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { petitionFiled: kase.petitionFiledOn });
      return this.caseView(tx, kase);
    });
  }

  /** A hearing held (or continued): satisfies its clock and starts the next ones the order calls for. */
  async recordHearing(ctx: Ctx, caseId: string, input: Hearing) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.caseInCounty(tx, ctx, caseId, true);
      const by = ctx.principal.subject;
      const subject = caseSubject(kase);
      if (!kase.petitionFiledOn && input.type !== 'family-maintenance-review') throw impossible('No hearing before the petition is filed');
      if (input.heldOn < kase.openedOn) throw impossible('A hearing cannot precede the case');
      const hearing = Object.assign(new HearingEntity(), { id: randomUUID(), caseId, type: input.type, heldOn: input.heldOn, outcome: input.outcome, continuedTo: input.continuedTo ?? null, recordedBy: by });
      const clock = input.type === 'family-maintenance-review' ? await this.currentFmReview(tx, kase.id) : hearingClock[input.type];

      if (input.continuedTo) {
        if (!clock || !(await this.clocks.move(tx, kase.id, clock, input.continuedTo, `continuance-${input.continuanceBasis}`, by))) throw impossible(`There is no open ${input.type} deadline to continue`);
        await tx.save(hearing);
        await this.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { hearing: input.type, continuedTo: input.continuedTo });
        return this.caseView(tx, kase);
      }

      switch (input.type) {
        case 'detention':
          if (!kase.detained) throw impossible('A detention hearing is for a detained child');
          await this.clocks.satisfy(tx, kase.id, 'detention-hearing', by);
          if (input.outcome === 'released') break;
          // WIC 334: jurisdiction within 15 court days of the detention order when the child stays detained.
          await this.clocks.open(tx, subject, 'jurisdiction', 'cws.court.jurisdiction-detained', startOfDay(input.heldOn));
          break;
        case 'jurisdiction':
          if (kase.jurisdictionOn) throw impossible('Jurisdiction was already decided');
          if (kase.detained && (await this.clocks.isOpen(tx, kase.id, 'detention-hearing'))) throw impossible('The detention hearing comes before jurisdiction');
          kase.jurisdictionOn = input.heldOn;
          await this.clocks.satisfy(tx, kase.id, 'jurisdiction', by);
          // Entered foster care: the earlier of jurisdiction and removal + 60 days (WIC 361.49).
          await this.clocks.satisfy(tx, kase.id, 'entered-foster-care', by);
          if (input.outcome === 'dismissed') await this.closeRow(tx, ctx, kase, input.heldOn, 'other');
          break;
        case 'disposition':
          if (!kase.jurisdictionOn) throw impossible('Disposition cannot come before jurisdiction');
          if (kase.dispositionOn) throw impossible('Disposition was already ordered');
          kase.dispositionOn = input.heldOn;
          await this.dispose(tx, ctx, kase, input);
          break;
        case 'six-month-review':
        case 'twelve-month-permanency':
        case 'eighteen-month-review':
        case 'twenty-four-month-review':
          if (kase.type !== 'family-reunification') throw impossible('Reunification reviews are for family-reunification cases');
          if (clock) await this.clocks.satisfy(tx, kase.id, clock, by);
          if (input.outcome === 'services-terminated') await this.terminateServices(tx, ctx, kase, input.heldOn, 'review-hearing');
          if (input.outcome === 'returned-home') await this.clocks.cancelAll(tx, kase.id, 'returned-home', by, (p) => /review|permanency|366-26/.test(p));
          break;
        case 'family-maintenance-review':
          if (!kase.type.startsWith('family-maintenance')) throw impossible('Family Maintenance reviews are for Family Maintenance cases');
          if (clock) await this.clocks.satisfy(tx, kase.id, clock, by);
          if (input.outcome !== 'fm-terminated') await this.openFmReview(tx, kase, input.heldOn);
          break;
        case 'section-366-26':
          await this.clocks.satisfy(tx, kase.id, 'section-366-26', by);
          if (input.outcome === 'parental-rights-terminated') {
            const removals = await tx.query(`SELECT id, child_id FROM child_welfare.removals WHERE case_id = $1 AND returned_on IS NULL`, [kase.id]) as { id: string; child_id: string }[];
            for (const r of removals) {
              await tx.query(`UPDATE child_welfare.removals SET parental_rights_terminated_on = $2 WHERE id = $1`, [r.id, input.heldOn]);
              await shareEvent(this.outbox, tx, parentalRightsTerminatedEvent, { caseId: kase.id, familyId: kase.familyId, childId: r.child_id, terminatedOn: input.heldOn }, { countyCode: kase.countyCode, correlationId: ctx.correlationId });
            }
          }
          break;
      }
      await tx.save(kase);
      await tx.save(hearing);
      await this.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { hearing: input.type, outcome: input.outcome });
      return this.caseView(tx, kase);
    });
  }

  async fileCasePlan(ctx: Ctx, caseId: string, input: z.output<typeof casePlanBody>) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.caseInCounty(tx, ctx, caseId, true);
      if (input.filedOn < kase.openedOn) throw impossible('A case plan cannot precede its case');
      const previous = await tx.getRepository(CasePlanEntity).count({ where: { caseId } });
      const plan = Object.assign(new CasePlanEntity(), { id: randomUUID(), caseId, kind: previous === 0 ? 'initial' : 'update', filedOn: input.filedOn });
      await tx.save(plan);
      await this.clocks.satisfy(tx, kase.id, previous === 0 ? 'initial-case-plan' : `case-plan-update-${previous}`, ctx.principal.subject);
      // WIC 16501.1: updated at least every 6 months.
      await this.clocks.open(tx, caseSubject(kase), `case-plan-update-${previous + 1}`, 'cws.case.case-plan-update', startOfDay(input.filedOn));
      const next = policyRegistry.due('cws.case.case-plan-update', kase.countyCode, startOfDay(input.filedOn));
      await shareEvent(this.outbox, tx, casePlanFiledEvent, { casePlanId: plan.id, caseId, familyId: kase.familyId, kind: plan.kind, filedOn: input.filedOn, nextUpdateDue: next.dueDate ?? input.filedOn }, { countyCode: kase.countyCode, correlationId: ctx.correlationId });
      await this.record(tx, ctx, 'create', 'case-plan', plan.id, kase.countyCode, { caseId, kind: plan.kind });
      return { id: plan.id, caseId, kind: plan.kind, filedOn: plan.filedOn, nextUpdateDue: next.dueDate };
    });
  }

  async recordCftMeeting(ctx: Ctx, caseId: string, input: z.output<typeof cftMeetingBody>) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.caseInCounty(tx, ctx, caseId, true);
      if (input.heldOn < kase.openedOn) throw impossible('A CFT meeting of this case cannot precede the case');
      const meeting = Object.assign(new CftMeetingEntity(), { id: randomUUID(), caseId, heldOn: input.heldOn });
      await tx.save(meeting);
      await this.clocks.satisfy(tx, kase.id, 'first-cft', ctx.principal.subject);
      await this.record(tx, ctx, 'create', 'cft-meeting', meeting.id, kase.countyCode, { caseId });
      return { id: meeting.id, caseId, heldOn: meeting.heldOn };
    });
  }

  async recordVisit(ctx: Ctx, caseId: string, input: z.output<typeof visitBody>) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.caseInCounty(tx, ctx, caseId, true);
      await this.childOf(tx, kase.familyId, input.childId);
      if (input.visitedOn < kase.openedOn) throw impossible('A visit cannot precede the case');
      const visit = Object.assign(new VisitEntity(), { id: randomUUID(), caseId, childId: input.childId, visitedOn: input.visitedOn });
      await tx.save(visit);
      // The month's visit is made: its clock is met, and next month's starts on the 1st.
      await this.clocks.satisfy(tx, kase.id, visitPurpose(input.childId, input.visitedOn), ctx.principal.subject);
      await openMonthlyVisit(this.clocks, tx, caseSubject(kase), input.childId, DateTime.fromISO(input.visitedOn, { zone: ZONE }).plus({ months: 1 }).startOf('month').toISO() ?? input.visitedOn);
      await this.record(tx, ctx, 'create', 'visit', visit.id, kase.countyCode, { caseId });
      return { id: visit.id, caseId, childId: visit.childId, visitedOn: visit.visitedOn };
    });
  }

  async returnHome(ctx: Ctx, caseId: string, input: z.output<typeof returnHomeBody>) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.caseInCounty(tx, ctx, caseId, true);
      const [removal] = (await tx.query(`SELECT id, removed_at FROM child_welfare.removals WHERE case_id = $1 AND child_id = $2 AND returned_on IS NULL`, [caseId, input.childId])) as { id: string; removed_at: Date }[];
      if (!removal) throw impossible('This child is not removed in this case');
      if (input.returnedOn < dateOf(removal.removed_at)) throw impossible('A child cannot return home before the removal');
      await tx.query(`UPDATE child_welfare.removals SET returned_on = $2 WHERE id = $1`, [removal.id, input.returnedOn]);
      await shareEvent(this.outbox, tx, childReunifiedEvent, { familyId: kase.familyId, childId: input.childId, caseId, returnedOn: input.returnedOn, trialHomeVisit: input.trialHomeVisit }, { countyCode: kase.countyCode, correlationId: ctx.correlationId });
      await this.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { returnedHome: true });
      return this.caseView(tx, kase);
    });
  }

  async closeCase(ctx: Ctx, caseId: string, input: z.output<typeof closeCaseBody>) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.caseInCounty(tx, ctx, caseId, true);
      if (input.closedOn < kase.openedOn) throw impossible('A case cannot close before it opened');
      await this.closeRow(tx, ctx, kase, input.closedOn, input.reason);
      await tx.save(kase);
      await this.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { closed: input.reason });
      return this.caseView(tx, kase);
    });
  }

  // ── Reads ───────────────────────────────────────────────────────────────────────────────────────────────────────

  async referral(ctx: Ctx, referralId: string) {
    const referral = await this.referralInCounty(this.dataSource.manager, ctx, referralId);
    await this.audit.append({ ...actor(ctx), action: 'read', recordType: 'cws-referral', recordId: referralId, recordCounty: referral.countyCode, purpose: 'view referral', outcome: 'allowed', correlationId: ctx.correlationId });
    return { ...this.referralView(referral), deadlines: await this.clocks.views(this.dataSource.manager, [referral.id]) };
  }

  async case(ctx: Ctx, caseId: string) {
    const kase = await this.caseInCounty(this.dataSource.manager, ctx, caseId);
    await this.audit.append({ ...actor(ctx), action: 'read', recordType: 'case', recordId: caseId, recordCounty: kase.countyCode, purpose: 'view case', outcome: 'allowed', correlationId: ctx.correlationId });
    return this.caseView(this.dataSource.manager, kase);
  }

  /**
   * The case as the reader's agency may see it (RULES.md 5): child welfare the whole summary, CalWORKs staff of the
   * county the WIC 10850 minimum (ids, the case's facts and court dates; not the placement). Audited as a share.
   */
  async caseSummary(ctx: Ctx, caseId: string) {
    const kase = await this.dataSource.getRepository(CwsCaseEntity).findOne({ where: { id: caseId } });
    const decision = kase ? decideCwsDisclosure(ctx.principal, { county: kase.countyCode }, [], new Date()) : undefined;
    if (!kase || !decision?.allowed) return this.deny(ctx, 'case', caseId);
    const view = await this.caseView(this.dataSource.manager, kase);
    await this.audit.append({
      ...actor(ctx),
      action: ctx.principal.agency === 'cws' ? 'read' : 'share',
      recordType: 'case',
      recordId: caseId,
      recordCounty: kase.countyCode,
      purpose: 'case summary',
      authority: decision.basis ?? null,
      outcome: 'allowed',
      correlationId: ctx.correlationId,
      details: { classes: decision.classes },
    });
    return { ...redact(view, caseSummaryClassification, decision), disclosure: { basis: decision.basis, citation: decision.citation, classes: decision.classes } };
  }

  /** Every clock of the case (and of the referral it came from), each with why it is due when it is. */
  async caseDeadlines(ctx: Ctx, caseId: string): Promise<ClockView[]> {
    const kase = await this.caseInCounty(this.dataSource.manager, ctx, caseId);
    await this.audit.append({ ...actor(ctx), action: 'read', recordType: 'case-deadlines', recordId: caseId, recordCounty: kase.countyCode, purpose: 'view deadlines', outcome: 'allowed', correlationId: ctx.correlationId });
    return this.clocks.views(this.dataSource.manager, [kase.id, ...(kase.referralId ? [kase.referralId] : [])]);
  }

  // ── Internals ───────────────────────────────────────────────────────────────────────────────────────────────────

  private async dispose(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, input: Hearing): Promise<void> {
    const subject = caseSubject(kase);
    // The initial case plan is due at disposition if that comes before its 60 days (WIC 16501.1).
    if (await this.clocks.isOpen(tx, kase.id, 'initial-case-plan')) {
      const [row] = (await tx.query(`SELECT start_at FROM child_welfare.tracked_deadlines WHERE subject_id = $1 AND purpose = 'initial-case-plan'`, [kase.id])) as { start_at: Date }[];
      const due = row ? policyRegistry.due('cws.case.initial-case-plan', kase.countyCode, row.start_at.toISOString()).dueDate : null;
      if (due && input.heldOn < due) await this.clocks.move(tx, kase.id, 'initial-case-plan', input.heldOn, 'due-at-disposition', ctx.principal.subject);
    }
    if (input.outcome === 'family-reunification') {
      const removals = (await tx.query(
        `SELECT r.removed_at, r.sibling_group_placed_together, p.dob_encrypted, p.id AS person_id FROM child_welfare.removals r JOIN child_welfare.persons p ON p.id = r.child_id WHERE r.case_id = $1 ORDER BY r.removed_at`,
        [kase.id],
      )) as { removed_at: Date; sibling_group_placed_together: boolean; dob_encrypted: string; person_id: string }[];
      const first = removals[0];
      if (!first) throw impossible('Family reunification is ordered for a removed child');
      const removedOn = dateOf(first.removed_at);
      // Entered foster care: the earlier of the jurisdiction hearing and 60 days after removal (WIC 361.49).
      const sixtyDays = DateTime.fromISO(removedOn, { zone: ZONE }).plus({ days: 60 }).toISODate() ?? removedOn;
      const efc = kase.jurisdictionOn && kase.jurisdictionOn < sixtyDays ? kase.jurisdictionOn : sixtyDays;
      // Six months of services for a child under 3 at removal, or a sibling group placed together (WIC 361.5(a)(1)(B),(C)).
      const underThree = removals.some((r) => {
        const dob = this.personalData.reveal(PERSON_SCOPE, r.person_id, { dobEncrypted: r.dob_encrypted, ssnEncrypted: null }).dateOfBirth;
        return DateTime.fromISO(dob, { zone: ZONE }).plus({ years: 3 }) > DateTime.fromJSDate(r.removed_at, { zone: ZONE });
      });
      const servicesMonths = underThree || removals.some((r) => r.sibling_group_placed_together) ? 6 : 12;
      Object.assign(kase, { type: 'family-reunification' as CaseType, dispositionOutcome: 'family-reunification', enteredFosterCareOn: efc, servicesMonths });
      await this.clocks.open(tx, subject, 'six-month-review', 'cws.court.six-month-review', startOfDay(efc));
      await this.clocks.open(tx, subject, 'twelve-month-permanency', 'cws.court.twelve-month-permanency', startOfDay(efc));
      await this.clocks.open(tx, subject, 'eighteen-month-review', 'cws.court.eighteen-month-review', first.removed_at.toISOString());
      const sixMonth = policyRegistry.due('cws.court.six-month-review', kase.countyCode, startOfDay(efc));
      await shareEvent(
        this.outbox,
        tx,
        reunificationServicesOrderedEvent,
        { caseId: kase.id, familyId: kase.familyId, orderedOn: input.heldOn, enteredFosterCareOn: efc, servicesMonths: servicesMonths as 6 | 12, sixMonthReviewBy: sixMonth.dueDate ?? efc },
        { countyCode: kase.countyCode, correlationId: ctx.correlationId },
      );
      await shareEvent(this.outbox, tx, caseOpenedEvent, { caseId: kase.id, familyId: kase.familyId, caseType: 'family-reunification', openedOn: input.heldOn }, { countyCode: kase.countyCode, correlationId: ctx.correlationId, id: stableUuid(kase.id, 'case-opened', 'family-reunification') });
    } else if (input.outcome === 'family-maintenance') {
      Object.assign(kase, { type: 'family-maintenance-court' as CaseType, dispositionOutcome: 'family-maintenance' });
      await this.openFmReview(tx, kase, input.heldOn);
    } else if (input.outcome === 'bypass') {
      kase.dispositionOutcome = 'bypass';
      await this.terminateServices(tx, ctx, kase, input.heldOn, 'bypass-at-disposition');
    } else if (input.outcome === 'dismissed') {
      kase.dispositionOutcome = 'dismissed';
      await this.closeRow(tx, ctx, kase, input.heldOn, 'other');
    } else {
      throw impossible(`A disposition orders family-reunification, family-maintenance, bypass or dismissed, not ${input.outcome}`);
    }
  }

  /** Services end (review or bypass): the later reviews stop; a .26 hearing within 120 days (WIC 366.21, 361.5(f)). */
  private async terminateServices(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, on: string, basis: 'review-hearing' | 'bypass-at-disposition'): Promise<void> {
    kase.servicesTerminatedOn = on;
    await this.clocks.cancelAll(tx, kase.id, 'services-terminated', ctx.principal.subject, (p) => /review|permanency/.test(p));
    await this.clocks.open(tx, caseSubject(kase), 'section-366-26', 'cws.court.section-366-26-after-bypass', startOfDay(on));
    await shareEvent(this.outbox, tx, reunificationServicesTerminatedEvent, { familyId: kase.familyId, caseId: kase.id, terminatedOn: on, basis }, { countyCode: kase.countyCode, correlationId: ctx.correlationId });
  }

  private async currentFmReview(tx: EntityManager, caseId: string): Promise<string | undefined> {
    const [row] = (await tx.query(`SELECT purpose FROM child_welfare.tracked_deadlines WHERE subject_id = $1 AND purpose LIKE 'fm-review-%' AND status = 'open' ORDER BY start_at DESC LIMIT 1`, [caseId])) as { purpose: string }[];
    return row?.purpose;
  }

  private async openFmReview(tx: EntityManager, kase: CwsCaseEntity, from: string): Promise<void> {
    const count = ((await tx.query(`SELECT count(*)::int AS n FROM child_welfare.tracked_deadlines WHERE subject_id = $1 AND purpose LIKE 'fm-review-%'`, [kase.id])) as { n: number }[])[0]?.n ?? 0;
    await this.clocks.open(tx, caseSubject(kase), `fm-review-${count + 1}`, 'cws.court.family-maintenance-review', startOfDay(from));
  }

  private async openCaseRow(tx: EntityManager, ctx: Ctx, fields: { familyId: string; referralId: string; countyCode: string; type: CaseType; openedOn: string; detained: boolean }): Promise<CwsCaseEntity> {
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
    await tx.save(kase);
    await shareEvent(this.outbox, tx, caseOpenedEvent, { caseId: kase.id, familyId: kase.familyId, caseType: kase.type, openedOn: kase.openedOn }, { countyCode: kase.countyCode, correlationId: ctx.correlationId });
    await this.record(tx, ctx, 'create', 'case', kase.id, kase.countyCode, { type: kase.type });
    return kase;
  }

  private async closeRow(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, on: string, reason: CloseReason): Promise<void> {
    if (kase.status === 'closed') throw impossible('The case is already closed');
    Object.assign(kase, { status: 'closed', closedOn: on, closeReason: reason });
    await this.clocks.cancelAll(tx, kase.id, 'case-closed', ctx.principal.subject);
    await shareEvent(this.outbox, tx, caseClosedEvent, { caseId: kase.id, familyId: kase.familyId, closedOn: on, reason }, { countyCode: kase.countyCode, correlationId: ctx.correlationId });
  }

  private async familyInCounty(tx: EntityManager, ctx: Ctx, familyId: string): Promise<FamilyEntity> {
    const family = await tx.getRepository(FamilyEntity).findOne({ where: { id: familyId } });
    if (!family || family.countyCode !== ctx.principal.county) return this.deny(ctx, 'family', familyId);
    return family;
  }

  private async referralInCounty(tx: EntityManager, ctx: Ctx, referralId: string, forUpdate = false): Promise<CwsReferralEntity> {
    const referral = await tx.getRepository(CwsReferralEntity).findOne({ where: { id: referralId }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!referral || referral.countyCode !== ctx.principal.county) return this.deny(ctx, 'cws-referral', referralId);
    return referral;
  }

  private async caseInCounty(tx: EntityManager, ctx: Ctx, caseId: string, forUpdate = false): Promise<CwsCaseEntity> {
    const kase = await tx.getRepository(CwsCaseEntity).findOne({ where: { id: caseId }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!kase || kase.countyCode !== ctx.principal.county) return this.deny(ctx, 'case', caseId);
    if (forUpdate && kase.status === 'closed') throw impossible('The case is closed');
    return kase;
  }

  private async childOf(tx: EntityManager, familyId: string, childId: string): Promise<PersonEntity> {
    const child = await tx.getRepository(PersonEntity).findOne({ where: { id: childId, familyId } });
    if (!child || child.role !== 'child') throw impossible('This person is not a child of the family');
    return child;
  }

  /** Another county's record is reported as absent; the attempt is audited (outside the failed transaction). */
  private async deny(ctx: Ctx, recordType: string, recordId: string): Promise<never> {
    await this.audit.append({ ...actor(ctx), action: 'access', recordType, recordId, purpose: 'child-welfare record', outcome: 'denied', reason: 'not found in the caller’s county', correlationId: ctx.correlationId });
    throw notFound(recordType);
  }

  private record(tx: EntityManager, ctx: Ctx, action: string, recordType: string, recordId: string, recordCounty: string, details?: Record<string, unknown>) {
    return this.audit.append({ ...actor(ctx), action, recordType, recordId, recordCounty, purpose: 'child-welfare casework', outcome: 'allowed', correlationId: ctx.correlationId, ...(details ? { details } : {}) }, tx);
  }

  private familyView(family: FamilyEntity, persons: PersonEntity[]) {
    return {
      id: family.id,
      countyCode: family.countyCode,
      calworksCaseNumber: family.calworksCaseNumber,
      members: persons.map((p) => ({ personId: p.id, role: p.role, firstName: p.firstName, lastName: p.lastName, icwa: p.icwa, ...this.personalData.reveal(PERSON_SCOPE, p.id, p) })),
    };
  }

  private referralView(r: CwsReferralEntity) {
    return {
      id: r.id,
      familyId: r.familyId,
      countyCode: r.countyCode,
      status: r.status,
      receivedAt: r.receivedAt.toISOString(),
      allegations: r.allegations.map((a) => ({ type: a.split(':')[0], childId: a.split(':')[1] })),
      reporter: r.reporter,
      screening: r.screeningDecision ? { decision: r.screeningDecision, reason: r.screeningReason, povertyOnly: r.povertyOnly, decidedAt: r.decidedAt?.toISOString(), decidedBy: r.decidedBy } : null,
      responsePriority: r.responsePriority,
      downgrade: r.downgrade,
      firstContactAt: r.firstContactAt?.toISOString() ?? null,
      disposition: r.disposition,
      dispositionAt: r.dispositionAt?.toISOString() ?? null,
    };
  }

  private async caseView(tx: EntityManager, c: CwsCaseEntity) {
    const removals = await tx.getRepository(RemovalEntity).find({ where: { caseId: c.id }, order: { removedAt: 'ASC' } });
    return {
      id: c.id,
      familyId: c.familyId,
      referralId: c.referralId,
      countyCode: c.countyCode,
      type: c.type,
      status: c.status,
      openedOn: c.openedOn,
      detained: c.detained,
      petitionFiledOn: c.petitionFiledOn,
      jurisdictionOn: c.jurisdictionOn,
      dispositionOn: c.dispositionOn,
      dispositionOutcome: c.dispositionOutcome,
      enteredFosterCareOn: c.enteredFosterCareOn,
      servicesMonths: c.servicesMonths,
      servicesTerminatedOn: c.servicesTerminatedOn,
      closedOn: c.closedOn,
      closeReason: c.closeReason,
      removals: removals.map((r) => ({ removalId: r.id, childId: r.childId, removedAt: r.removedAt.toISOString(), placementType: r.placementType, returnedOn: r.returnedOn, parentalRightsTerminatedOn: r.parentalRightsTerminatedOn })),
    };
  }
}

type CloseReason = z.output<typeof closeCaseBody>['reason'];

const actor = (ctx: Ctx) => auditActor(ctx.principal);

/** The case summary's fields, classified: what may reach CalWORKs is decided by the sharing policy, here. */
export const caseSummaryClassification: FieldSpec = {
  id: 'key',
  familyId: 'key',
  referralId: 'key',
  countyCode: 'key',
  status: 'key',
  type: 'fact',
  openedOn: 'fact',
  detained: 'fact',
  petitionFiledOn: 'fact',
  jurisdictionOn: 'fact',
  dispositionOn: 'fact',
  dispositionOutcome: 'fact',
  enteredFosterCareOn: 'fact',
  servicesMonths: 'fact',
  servicesTerminatedOn: 'fact',
  closedOn: 'fact',
  closeReason: 'fact',
  removals: [{ removalId: 'key', childId: 'key', removedAt: 'fact', placementType: 'detail', returnedOn: 'fact', parentalRightsTerminatedOn: 'fact' }],
};

export const MONTHLY_VISIT_RULE = 'cws.case.monthly-caseworker-visit';
/** One clock per child per calendar month: `visit-<childId>-<YYYY-MM>`. */
export const visitPurpose = (childId: string, dateOrInstant: string) => `visit-${childId}-${DateTime.fromISO(dateOrInstant, { zone: ZONE }).toFormat('yyyy-MM')}`;

/**
 * Opens the monthly-visit clock of the month `from` falls in (idempotent per child and month); a visit already
 * recorded in that month meets it at once (the clock can open after the visit when months are caught up late).
 */
export async function openMonthlyVisit(clocks: Clocks, tx: EntityManager, subject: ClockSubject, childId: string, from: string): Promise<void> {
  const purpose = visitPurpose(childId, from);
  if (!(await clocks.open(tx, subject, purpose, MONTHLY_VISIT_RULE, from))) return;
  const month = DateTime.fromISO(from, { zone: ZONE });
  const visits = (await tx.query(`SELECT 1 FROM child_welfare.visits WHERE case_id = $1 AND child_id = $2 AND visited_on BETWEEN $3 AND $4 LIMIT 1`, [subject.id, childId, month.startOf('month').toISODate(), month.endOf('month').toISODate()])) as unknown[];
  if (visits.length) await clocks.satisfy(tx, subject.id, purpose, 'system:visit-recorded-earlier');
}

const referralSubject = (r: CwsReferralEntity): ClockSubject => ({ type: 'referral', id: r.id, familyId: r.familyId, countyCode: r.countyCode });
const caseSubject = (c: CwsCaseEntity): ClockSubject => ({ type: 'case', id: c.id, familyId: c.familyId, countyCode: c.countyCode });
