import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { decideCwsDisclosure, eventDisclosure, redact } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { MATCH_KEYS, MatchKeys, PersonalData, ageBandOf } from '@linkages/platform-crypto';
import { OutboxWriter } from '@linkages/platform-messaging';
import { familyReferredEvent } from '@linkages/shared-contracts';
import {
  FamilyResolver,
  IdentityRepository,
  ReferralEntity,
  ReferralMemberEntity,
  ReferralRepository,
} from '@linkages/referrals-data-access';
import { disclosed, familyReferredPayload, referralClassification, type DisclosedReferral } from '@linkages/referrals-domain';
import type { RequestContext } from '../request-context';
import type { CreateReferral } from '../referral.schemas';
import { MatchPipeline } from '../identity/match-pipeline';
import { MEMBER_SCOPE, referralView } from './referral.view';

/** The answer to a new referral: the referral, and the earlier referral of the same family when there was one. */
export type CreatedReferral = DisclosedReferral & { duplicateOf?: string };

/**
 * Child welfare refers a family to Linkages. The typed-in members get match keys and go through the matching
 * pipeline like the agencies' own records: the referral's family id is the shared Linkages family the members link
 * into (a family posted twice is one family: the answer names the earlier referral in `duplicateOf`). The referral
 * commits with its `family-referred` event (the event view: ids and facts, keyed by the Linkages family id, a
 * disclosure to CalWORKs on WIC 10850) and both audit records, or not at all. Match keys never leave the transaction.
 */
@Injectable()
export class CreateReferralCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly outbox: OutboxWriter,
    private readonly personalData: PersonalData,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    @Inject(MATCH_KEYS) private readonly matchKeys: MatchKeys,
    private readonly families: FamilyResolver,
    private readonly identity: IdentityRepository,
    private readonly pipeline: MatchPipeline,
  ) {}

  async execute({ principal, correlationId }: RequestContext, input: CreateReferral): Promise<CreatedReferral> {
    const referral = Object.assign(new ReferralEntity(), {
      id: randomUUID(),
      // Set in the transaction: the shared family the members link into.
      familyId: '',
      countyCode: principal.county,
      status: 'open' as const,
      caseType: input.caseType,
      cwsCaseNumber: input.cwsCaseNumber,
      calworksCaseNumber: input.calworksCaseNumber ?? null,
      removedOn: input.removedOn ?? null,
      childrenRemoved: input.childrenRemoved,
      allegations: input.allegations,
      safetyConcerns: input.safetyConcerns ?? null,
      servicesRecommended: input.servicesRecommended,
      reporter: input.reporter ?? null,
      createdBy: principal.subject,
      createdAt: new Date(),
    });
    referral.members = input.members.map((m, position) => {
      const id = randomUUID();
      return Object.assign(new ReferralMemberEntity(), {
        id,
        referralId: referral.id,
        role: m.role,
        firstName: m.firstName,
        lastName: m.lastName,
        ...this.personalData.protect(MEMBER_SCOPE, id, m),
        position,
      });
    });
    const ownAgency = decideCwsDisclosure(principal, { county: referral.countyCode }, [], new Date());
    const memberKeys = input.members.map((m) => this.matchKeys.forPerson(m));
    const today = new Date().toISOString().slice(0, 10);
    let duplicateOf: string | undefined;
    const view = await this.dataSource.transaction(async (tx) => {
      const ref = { kind: 'linkages-referral' as const, id: referral.id };
      await this.families.resolve(tx, referral.countyCode, ref);
      if (referral.calworksCaseNumber) await this.families.recordCaseNumber(tx, ref, referral.calworksCaseNumber);
      for (const [i, member] of referral.members.entries()) {
        const typed = input.members[i];
        const keys = memberKeys[i];
        if (!typed || !keys) continue;
        const record = await this.identity.upsertPerson(tx, {
          countyCode: referral.countyCode,
          agency: 'linkages',
          refKind: 'referral-member',
          refId: member.id,
          familyRefKind: 'linkages-referral',
          familyRefId: referral.id,
          role: typed.role,
          ageBand: ageBandOf(typed.dateOfBirth, today),
          aided: null,
          caseNumber: referral.calworksCaseNumber,
          keys,
          withdrawnAt: null,
          sourceEventId: null,
        });
        await this.pipeline.run(tx, record, correlationId);
      }
      const familyId = await this.families.familyOf(tx, referral.countyCode, ref);
      if (!familyId) throw new Error('The referral has no shared family');
      referral.familyId = familyId;
      duplicateOf = (await this.families.identitiesOf(tx, familyId)).find(
        (i) => i.kind === 'linkages-referral' && i.id !== referral.id,
      )?.id;
      const view = referralView(referral, this.personalData);
      await this.referrals.add(tx, referral);
      const payload = familyReferredPayload(redact(view, referralClassification, eventDisclosure) ?? {});
      const event = await this.outbox.enqueue(tx, familyReferredEvent, payload, { countyCode: referral.countyCode, correlationId });
      await this.audit.appendMany(
        [
          {
            ...auditActor(principal),
            action: 'create',
            recordType: 'referral',
            recordId: referral.id,
            recordCounty: referral.countyCode,
            purpose: 'linkages-referral',
            outcome: 'allowed',
            correlationId,
            details: { members: referral.members.length, familyId: referral.familyId, ...(duplicateOf ? { duplicateOf } : {}) },
          },
          // The event is a disclosure to CalWORKs: ids and minimum-necessary facts, on WIC 10850.
          {
            ...auditActor(principal),
            action: 'share',
            recordType: 'referral',
            recordId: referral.id,
            recordCounty: referral.countyCode,
            purpose: `event ${familyReferredEvent.type}`,
            authority: 'wic-10850',
            outcome: 'allowed',
            correlationId,
            details: { eventId: event.id, classes: eventDisclosure.classes },
          },
        ],
        tx,
      );
      return view;
    });
    return { ...disclosed(view, ownAgency), ...(duplicateOf ? { duplicateOf } : {}) };
  }
}
