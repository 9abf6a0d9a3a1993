import { randomUUID } from 'node:crypto';
import { Inject, Injectable, ConflictException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { AUDIT_LOG, auditActor, noSharingAuthority, notFound, problemType } from '@linkages/platform-auth';
import { decideCwsDisclosure, eventDisclosure, isActive, redact, type DisclosureDecision, type Principal, type SharingAuthority } from '@linkages/platform-access';
import type { AuditLog } from '@linkages/platform-audit';
import { OutboxWriter } from '@linkages/platform-messaging';
import { policyRegistry } from '@linkages/platform-policies';
import { PersonalData } from '@linkages/platform-service';
import { familyReferredEvent } from '@linkages/shared-contracts';
import { ReferralEntity, ReferralMemberEntity, SharingAuthorityEntity } from './referral.entities';
import type { CreateReferral, MatchPerson } from './referral.schemas';
import type { recordConsentBody, recordMdtBody } from './referral.schemas';
import type { z } from 'zod';
import { familyReferredPayload, referralClassification, type ReferralView } from './referral.view';

const ZONE = 'America/Los_Angeles';
export const MDT_WINDOW_RULE = 'linkages.mdt-information-window';

export interface DisclosedReferral extends Partial<ReferralView> {
  /** Why the caller sees what they see: the legal basis and the field classes disclosed. */
  disclosure: { basis: string; citation: string; classes: string[]; authorityIds: string[] };
}

export interface AuthorityView {
  id: string;
  referralId: string;
  kind: 'consent' | 'mdt';
  effectiveFrom: string;
  expiresAt: string;
  active: boolean;
  categories: string[];
  memberSubjects: string[] | null;
  reference: string;
  basis: string;
  recordedBy: string;
  recordedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

export interface PersonMatch {
  referralId: string;
  familyId: string;
  personId: string;
  matchedOn: ('ssn' | 'dateOfBirth')[];
}

/**
 * Linkages referrals: the CWS family record CalWORKs reads through the sharing policy. Every write commits with its
 * outbox event and its audit record; every read of the record is audited with the authority it relied on.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly personalData: PersonalData,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async create(principal: Principal, input: CreateReferral, correlationId: string): Promise<DisclosedReferral> {
    const referral = Object.assign(new ReferralEntity(), {
      id: randomUUID(),
      familyId: randomUUID(),
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
    const view = this.toView(referral);
    const ownAgency = decideCwsDisclosure(principal, { county: referral.countyCode }, [], new Date());
    await this.dataSource.transaction(async (tx) => {
      await tx.save(referral);
      const event = await this.outbox.enqueue(tx, familyReferredEvent, familyReferredPayload(redact(view, referralClassification, eventDisclosure) ?? {}), { countyCode: referral.countyCode, correlationId });
      await this.audit.appendMany(
        [
          { ...auditActor(principal), action: 'create', recordType: 'referral', recordId: referral.id, recordCounty: referral.countyCode, purpose: 'linkages-referral', outcome: 'allowed', correlationId, details: { members: referral.members.length } },
          // The event is a disclosure to CalWORKs: ids and minimum-necessary facts, on WIC 10850.
          { ...auditActor(principal), action: 'share', recordType: 'referral', recordId: referral.id, recordCounty: referral.countyCode, purpose: `event ${familyReferredEvent.type}`, authority: 'wic-10850', outcome: 'allowed', correlationId, details: { eventId: event.id, classes: eventDisclosure.classes } },
        ],
        tx,
      );
    });
    return disclosed(view, ownAgency);
  }

  async read(principal: Principal, referralId: string, correlationId: string): Promise<DisclosedReferral> {
    const referral = await this.dataSource.getRepository(ReferralEntity).findOne({ where: { id: referralId }, relations: { members: true } });
    const authorities = referral ? await this.authoritiesOf(referral.id) : [];
    const decision = referral ? decideCwsDisclosure(principal, { county: referral.countyCode }, authorities.map(toSharingAuthority), new Date()) : undefined;
    const action = principal.agency === 'cws' ? 'read' : 'share';
    if (!referral || !decision?.allowed) {
      const reason = !referral || decision?.refusal === 'other-county' ? 'not found in the caller’s county' : 'no sharing authority for the caller’s agency';
      await this.audit.append({ ...auditActor(principal), action, recordType: 'referral', recordId: referralId, purpose: 'view referral', outcome: 'denied', reason, correlationId });
      if (!referral || decision?.refusal === 'other-county') throw notFound('referral');
      throw noSharingAuthority('Your agency has no authority to see this child-welfare record');
    }
    const view = this.toView(referral);
    await this.audit.append({
      ...auditActor(principal),
      action,
      recordType: 'referral',
      recordId: referral.id,
      recordCounty: referral.countyCode,
      purpose: 'view referral',
      authority: authorityLabel(decision),
      outcome: 'allowed',
      correlationId,
      details: { classes: decision.classes },
    });
    return disclosed(redact(view, referralClassification, decision) ?? {}, decision);
  }

  /** Finds referrals in the caller's county naming a person with this SSN and/or date of birth (blind index). */
  async match(principal: Principal, input: MatchPerson, correlationId: string): Promise<PersonMatch[]> {
    const { ssnIndex, dobIndex } = this.personalData.indexes(input);
    const rows = (await this.dataSource.query(
      `SELECT r.id AS referral_id, r.family_id, m.id AS person_id, (m.ssn_index = $2) AS ssn_match, (m.dob_index = $3) AS dob_match
         FROM referrals.referral_members m JOIN referrals.referrals r ON r.id = m.referral_id
        WHERE r.county_code = $1 AND ($2::text IS NULL OR m.ssn_index = $2) AND ($3::text IS NULL OR m.dob_index = $3)
        ORDER BY r.created_at DESC LIMIT 50`,
      [principal.county, ssnIndex, dobIndex],
    )) as { referral_id: string; family_id: string; person_id: string; ssn_match: boolean | null; dob_match: boolean | null }[];
    await this.audit.append({
      ...auditActor(principal),
      action: 'search',
      recordType: 'person',
      recordId: null,
      recordCounty: principal.county,
      purpose: 'match identities across agencies',
      outcome: 'allowed',
      correlationId,
      details: { by: [...(ssnIndex ? ['ssn'] : []), ...(dobIndex ? ['dateOfBirth'] : [])], results: rows.length, referralIds: rows.map((r) => r.referral_id) },
    });
    return rows.map((r) => ({ referralId: r.referral_id, familyId: r.family_id, personId: r.person_id, matchedOn: [...(r.ssn_match ? ['ssn' as const] : []), ...(r.dob_match ? ['dateOfBirth' as const] : [])] }));
  }

  async listAuthorities(principal: Principal, referralId: string, correlationId: string): Promise<AuthorityView[]> {
    const referral = await this.referralInCounty(principal, referralId, 'list sharing authorities', correlationId);
    const rows = await this.authoritiesOf(referral.id);
    await this.audit.append({ ...auditActor(principal), action: 'read', recordType: 'sharing-authorities', recordId: referral.id, recordCounty: referral.countyCode, purpose: 'list sharing authorities', outcome: 'allowed', correlationId, details: { count: rows.length } });
    return rows.map(authorityView);
  }

  async recordConsent(principal: Principal, referralId: string, input: z.output<typeof recordConsentBody>, correlationId: string): Promise<AuthorityView> {
    const referral = await this.referralInCounty(principal, referralId, 'record consent', correlationId);
    const effectiveFrom = DateTime.fromISO(input.signedOn, { zone: ZONE }).startOf('day');
    const expiresAt = DateTime.fromISO(input.expiresOn, { zone: ZONE }).plus({ days: 1 }).startOf('day');
    return this.saveAuthority(principal, referral, correlationId, {
      kind: 'consent',
      effectiveFrom: effectiveFrom.toJSDate(),
      expiresAt: expiresAt.toJSDate(),
      categories: [...new Set(input.categories)],
      memberSubjects: null,
      reference: input.reference,
      basis: `Signed authorization for release of information (WIC 18986.46), signed ${input.signedOn}, valid through ${input.expiresOn}; covers ${[...new Set(input.categories)].join(' and ')}; never the reporter's identity (PC 11167(d)).`,
    });
  }

  async recordMdt(principal: Principal, referralId: string, input: z.output<typeof recordMdtBody>, correlationId: string): Promise<AuthorityView> {
    const referral = await this.referralInCounty(principal, referralId, 'record MDT membership', correlationId);
    const start = DateTime.fromISO(input.reportReceivedOn, { zone: ZONE }).startOf('day');
    const due = policyRegistry.due(MDT_WINDOW_RULE, referral.countyCode, start.toISO() ?? input.reportReceivedOn, {
      extensions: input.goodCauseExtensionDays ? [{ length: input.goodCauseExtensionDays, reasonCode: 'good-cause', by: principal.subject, at: new Date().toISOString() }] : [],
    });
    if (!due.dueAt) throw new Error('The MDT window rule produced no end date');
    return this.saveAuthority(principal, referral, correlationId, {
      kind: 'mdt',
      effectiveFrom: start.toJSDate(),
      expiresAt: DateTime.fromISO(due.dueAt).toJSDate(),
      categories: ['identity', 'detail'],
      memberSubjects: [...new Set(input.memberSubjects)],
      reference: input.reference,
      basis: `${due.explanation.summary}${input.goodCauseReason ? ` Good cause: ${input.goodCauseReason}.` : ''}`,
    });
  }

  async revoke(principal: Principal, referralId: string, authorityId: string, reason: string, correlationId: string): Promise<AuthorityView> {
    const referral = await this.referralInCounty(principal, referralId, 'revoke sharing authority', correlationId);
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(SharingAuthorityEntity);
      const authority = await repo.findOne({ where: { id: authorityId, referralId: referral.id }, lock: { mode: 'pessimistic_write' } });
      if (!authority) throw notFound('sharing authority');
      if (authority.revokedAt) throw new ConflictException({ type: problemType('already-revoked'), title: 'Conflict', message: 'This authority is already revoked' });
      Object.assign(authority, { revokedAt: new Date(), revokedBy: principal.subject, revocationReason: reason });
      await repo.save(authority);
      await this.audit.append({ ...auditActor(principal), action: 'update', recordType: 'sharing-authority', recordId: authority.id, recordCounty: referral.countyCode, purpose: 'revoke sharing authority', outcome: 'allowed', correlationId, details: { kind: authority.kind } }, tx);
      return authorityView(authority);
    });
  }

  private async saveAuthority(principal: Principal, referral: ReferralEntity, correlationId: string, fields: Pick<SharingAuthorityEntity, 'kind' | 'effectiveFrom' | 'expiresAt' | 'categories' | 'memberSubjects' | 'reference' | 'basis'>): Promise<AuthorityView> {
    const authority = Object.assign(new SharingAuthorityEntity(), {
      ...fields,
      id: randomUUID(),
      referralId: referral.id,
      countyCode: referral.countyCode,
      recordedBy: principal.subject,
      recordedAt: new Date(),
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
    });
    await this.dataSource.transaction(async (tx: EntityManager) => {
      await tx.save(authority);
      await this.audit.append({ ...auditActor(principal), action: 'create', recordType: 'sharing-authority', recordId: authority.id, recordCounty: referral.countyCode, purpose: `record ${fields.kind}`, outcome: 'allowed', correlationId, details: { referralId: referral.id, kind: fields.kind, expiresAt: fields.expiresAt.toISOString() } }, tx);
    });
    return authorityView(authority);
  }

  /** Object-level county check: another county's referral is reported as absent, and the attempt is audited. */
  private async referralInCounty(principal: Principal, referralId: string, purpose: string, correlationId: string): Promise<ReferralEntity> {
    const referral = await this.dataSource.getRepository(ReferralEntity).findOne({ where: { id: referralId } });
    if (!referral || referral.countyCode !== principal.county) {
      await this.audit.append({ ...auditActor(principal), action: 'access', recordType: 'referral', recordId: referralId, purpose, outcome: 'denied', reason: 'not found in the caller’s county', correlationId });
      throw notFound('referral');
    }
    return referral;
  }

  private authoritiesOf(referralId: string): Promise<SharingAuthorityEntity[]> {
    return this.dataSource.getRepository(SharingAuthorityEntity).find({ where: { referralId }, order: { recordedAt: 'ASC' } });
  }

  private toView(referral: ReferralEntity): ReferralView {
    const members = [...referral.members].sort((a, b) => a.position - b.position);
    return {
      id: referral.id,
      familyId: referral.familyId,
      countyCode: referral.countyCode,
      status: referral.status,
      createdAt: referral.createdAt.toISOString(),
      caseType: referral.caseType,
      cwsCaseNumber: referral.cwsCaseNumber,
      calworksCaseNumber: referral.calworksCaseNumber,
      calworksAided: referral.calworksCaseNumber !== null,
      removedOn: referral.removedOn,
      childrenRemoved: referral.childrenRemoved,
      memberCount: members.length,
      members: members.map((m) => ({
        personId: m.id,
        role: m.role,
        firstName: m.firstName,
        lastName: m.lastName,
        ...this.personalData.reveal(MEMBER_SCOPE, m.id, m),
      })),
      allegations: referral.allegations,
      safetyConcerns: referral.safetyConcerns,
      servicesRecommended: referral.servicesRecommended,
      reporter: referral.reporter,
    };
  }
}

const MEMBER_SCOPE = 'referrals.member';


function authorityLabel(decision: DisclosureDecision): string {
  return [decision.basis ?? 'none', ...decision.authorityIds].join(':');
}

function disclosed(view: Partial<ReferralView>, decision: DisclosureDecision): DisclosedReferral {
  return { ...view, disclosure: { basis: decision.basis ?? 'none', citation: decision.citation ?? '', classes: decision.classes, authorityIds: decision.authorityIds } };
}

function toSharingAuthority(a: SharingAuthorityEntity): SharingAuthority {
  return { id: a.id, kind: a.kind, county: a.countyCode, effectiveFrom: a.effectiveFrom, expiresAt: a.expiresAt, revokedAt: a.revokedAt, categories: a.categories, memberSubjects: a.memberSubjects };
}

function authorityView(a: SharingAuthorityEntity): AuthorityView {
  return {
    id: a.id,
    referralId: a.referralId,
    kind: a.kind,
    effectiveFrom: a.effectiveFrom.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
    active: isActive(toSharingAuthority(a), new Date()),
    categories: a.categories,
    memberSubjects: a.memberSubjects,
    reference: a.reference,
    basis: a.basis,
    recordedBy: a.recordedBy,
    recordedAt: a.recordedAt.toISOString(),
    revokedAt: a.revokedAt?.toISOString() ?? null,
    revocationReason: a.revocationReason,
  };
}
