import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { decideCwsDisclosure, eventDisclosure, redact } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { PersonalData } from '@linkages/platform-crypto';
import { OutboxWriter } from '@linkages/platform-messaging';
import { familyReferredEvent } from '@linkages/shared-contracts';
import { ReferralEntity, ReferralMemberEntity, ReferralRepository } from '@linkages/referrals-data-access';
import { disclosed, familyReferredPayload, referralClassification, type DisclosedReferral } from '@linkages/referrals-domain';
import type { RequestContext } from '../request-context';
import type { CreateReferral } from '../referral.schemas';
import { MEMBER_SCOPE, referralView } from './referral.view';
import { TypedInHouseholdMatcher } from './typed-in-household';

/** The answer to a new referral: the referral, and the earlier referral of the same family when there was one. */
export type CreatedReferral = DisclosedReferral & { duplicateOf?: string };

/**
 * Child welfare refers a family to Linkages. The typed-in members get match keys and go through the matching
 * pipeline like the agencies' own records (TypedInHouseholdMatcher, shared with POST /prevention-referrals): the referral's family id is the shared Linkages family the members link
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
    private readonly household: TypedInHouseholdMatcher,
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
    let duplicateOf: string | undefined;
    const view = await this.dataSource.transaction(async (tx) => {
      const matched = await this.household.match(tx, {
        countyCode: referral.countyCode,
        referralId: referral.id,
        calworksCaseNumber: referral.calworksCaseNumber,
        people: referral.members.flatMap((member, i) => {
          const typed = input.members[i];
          return typed ? [{ ...typed, personId: member.id }] : [];
        }),
        correlationId,
      });
      referral.familyId = matched.familyId;
      duplicateOf = matched.duplicateOf;
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
