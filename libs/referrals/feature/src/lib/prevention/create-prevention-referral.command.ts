import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { auditActor, notFound } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { PersonalData } from '@linkages/platform-crypto';
import { OutboxWriter, shareEvent } from '@linkages/platform-messaging';
import { eventDisclosure } from '@linkages/platform-access';
import {
  IdentityRepository,
  PreventionReferralEntity,
  PreventionReferralMemberEntity,
  PreventionRepository,
} from '@linkages/referrals-data-access';
import { preventionEventClassification } from '@linkages/referrals-domain';
import { preventionReferredEvent } from '@linkages/shared-contracts';
import type { RequestContext } from '../request-context';
import { TypedInHouseholdMatcher } from '../referral/typed-in-household';
import type { PreventionReferralInput, PreventionReferralView } from './prevention.schemas';

/** The scope of the members' encrypted identifiers (the cipher's associated data). */
export const PREVENTION_MEMBER_SCOPE = 'prevention-referral-member';

export const enrollmentPathOf = (familyId: string) => `/shared-families/${familyId}/enrollment`;

/**
 * A CalWORKs worker refers an applicant household for Linkages Prevention (no open CWS case; issue 13, Deliver 3).
 * The household is matched and deduplicated like the agencies' records (TypedInHouseholdMatcher, as POST /referrals):
 * an applicant whose AU members referrals already holds lands on the AU's shared family, and a household referred
 * twice is one family (`duplicateOf`). A named AU of another county is absent (404, audited). The referral, its
 * members (encrypted identifiers), its `linkages.prevention-referred` event (ids and codes, keyed by the Linkages
 * family id, through the outbox) and the audit records commit together or not at all; the family's coordination
 * process hears the event through the inbox and places the family (Prevention: information, or early intervention
 * with risk factors).
 */
@Injectable()
export class CreatePreventionReferralCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly personalData: PersonalData,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    private readonly identity: IdentityRepository,
    private readonly household: TypedInHouseholdMatcher,
    private readonly referrals: PreventionRepository,
  ) {}

  async execute(ctx: RequestContext, input: PreventionReferralInput): Promise<PreventionReferralView> {
    const { principal, correlationId } = ctx;
    const referral = Object.assign(new PreventionReferralEntity(), {
      id: randomUUID(),
      familyId: '',
      countyCode: principal.county,
      auId: input.auId ?? null,
      calworksCaseNumber: input.calworksCaseNumber ?? null,
      riskFactors: input.riskFactors,
      createdBy: principal.subject,
      createdAt: new Date(),
    });
    referral.members = input.members.map((m, position) => {
      const id = randomUUID();
      return Object.assign(new PreventionReferralMemberEntity(), {
        id,
        referralId: referral.id,
        role: m.role,
        firstName: m.firstName,
        lastName: m.lastName,
        ...this.personalData.protect(PREVENTION_MEMBER_SCOPE, id, m),
        position,
      });
    });
    const eventId = randomUUID();
    const matched = await this.dataSource.transaction(async (tx) => {
      const caseNumber = referral.calworksCaseNumber ?? (await this.caseNumberOfAu(tx, ctx, referral.auId));
      const matched = await this.household.match(tx, {
        countyCode: referral.countyCode,
        referralId: referral.id,
        calworksCaseNumber: caseNumber,
        people: referral.members.flatMap((member, i) => {
          const typed = input.members[i];
          return typed ? [{ ...typed, personId: member.id }] : [];
        }),
        correlationId,
      });
      referral.familyId = matched.familyId;
      await this.referrals.add(tx, referral);
      await shareEvent(
        this.outbox,
        tx,
        preventionEventClassification,
        preventionReferredEvent,
        {
          referralId: referral.id,
          familyId: referral.familyId,
          ...(referral.auId ? { auId: referral.auId } : {}),
          riskFactors: referral.riskFactors,
          memberCount: referral.members.length,
          referredAt: referral.createdAt.toISOString(),
        },
        { countyCode: referral.countyCode, correlationId, id: eventId },
      );
      await this.audit.appendMany(
        [
          {
            ...auditActor(principal),
            action: 'create',
            recordType: 'prevention-referral',
            recordId: referral.id,
            recordCounty: referral.countyCode,
            purpose: 'linkages-prevention-referral',
            outcome: 'allowed',
            correlationId,
            details: {
              members: referral.members.length,
              familyId: referral.familyId,
              riskFactors: referral.riskFactors,
              ...(matched.duplicateOf ? { duplicateOf: matched.duplicateOf } : {}),
            },
          },
          // The event reaches CalWORKs and notifications: ids and codes only, on WIC 10850.
          {
            ...auditActor(principal),
            action: 'share',
            recordType: 'prevention-referral',
            recordId: referral.id,
            recordCounty: referral.countyCode,
            purpose: `event ${preventionReferredEvent.type}`,
            authority: 'wic-10850',
            outcome: 'allowed',
            correlationId,
            details: { eventId, classes: eventDisclosure.classes },
          },
        ],
        tx,
      );
      return matched;
    });
    return {
      id: referral.id,
      familyId: referral.familyId,
      countyCode: referral.countyCode,
      auId: referral.auId,
      calworksCaseNumber: referral.calworksCaseNumber,
      riskFactors: referral.riskFactors,
      members: referral.members.map((m) => ({ personId: m.id, role: m.role })),
      createdAt: referral.createdAt.toISOString(),
      ...(matched.duplicateOf ? { duplicateOf: matched.duplicateOf } : {}),
      enrollment: enrollmentPathOf(referral.familyId),
    };
  }

  /**
   * The CalWORKs case number of the named AU as CalWORKs published it with its members' match keys (the family-link
   * rules' case-number basis); none when referrals holds no member of it yet. Another county's AU is absent (404).
   */
  private async caseNumberOfAu(tx: EntityManager, ctx: RequestContext, auId: string | null): Promise<string | null> {
    if (!auId) return null;
    const members = await this.identity.personsOfFamily(tx, { kind: 'au', id: auId });
    if (members.some((m) => m.countyCode !== ctx.principal.county)) {
      await this.audit.append({
        ...auditActor(ctx.principal),
        action: 'access',
        recordType: 'assistance-unit',
        recordId: auId,
        purpose: 'linkages-prevention-referral',
        outcome: 'denied',
        reason: 'not found in the caller’s county',
        correlationId: ctx.correlationId,
      });
      throw notFound('assistance unit');
    }
    return members.find((m) => m.caseNumber)?.caseNumber ?? null;
  }
}
