import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { auditActor, notFound } from '@linkages/platform-auth';
import { problemException } from '@linkages/platform-http';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter, shareEvent } from '@linkages/platform-messaging';
import { TEMPORAL, workflowId, type TemporalClientHandle } from '@linkages/platform-temporal';
import { SharingAuthorityRepository, type SharingAuthorityEntity } from '@linkages/referrals-data-access';
import { authorityEventClassification, revocationRefusal } from '@linkages/referrals-domain';
import { authorityRevokedSignal } from '@linkages/referrals-workflows';
import { sharingAuthorityEndedEvent } from '@linkages/shared-contracts';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import { alreadyRevoked } from './authority.problems';
import { MDT_WINDOW_PURPOSE } from './authority.recorder';
import { authorityView, familyAuthorityView, type AuthorityView, type FamilyAuthorityView } from './authority.view';
import { FamilyInCounty } from './family-in-county';

/**
 * Revokes a consent or ends an MDT membership, once (a second revocation, or one after its expiry was recorded, is a
 * conflict and changes nothing): the row, the audit record, `linkages.sharing-authority-ended` (revoked) and the MDT
 * clock cancelled in one transaction; then the authority's process is told to stop waiting (a redelivery is ignored).
 * An authority that is not on the referral (or shared family) addressed is absent (404); every refusal is audited.
 */
@Injectable()
export class RevokeAuthorityCommand {
  private readonly logger = new Logger(RevokeAuthorityCommand.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referralInCounty: ReferralInCounty,
    private readonly familyInCounty: FamilyInCounty,
    private readonly authorities: SharingAuthorityRepository,
    private readonly outbox: OutboxWriter,
    private readonly clocks: TrackedDeadlines,
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: RequestContext, referralId: string, authorityId: string, reason: string): Promise<AuthorityView> {
    const referral = await this.referralInCounty.find(ctx, referralId, 'revoke sharing authority');
    return authorityView(
      await this.revoke(ctx, reason, authorityId, { referralId: referral.id }, (tx) =>
        this.authorities.ofReferralForUpdate(tx, referral.id, authorityId),
      ),
    );
  }

  async executeOnFamily(ctx: RequestContext, familyId: string, authorityId: string, reason: string): Promise<FamilyAuthorityView> {
    const family = await this.familyInCounty.find(ctx, familyId, 'revoke sharing authority');
    const row = await this.revoke(ctx, reason, authorityId, { familyId: family.familyId }, async (tx) => {
      for (const id of family.familyIds) {
        const found = await this.authorities.ofFamilyForUpdate(tx, id, authorityId);
        if (found) return found;
      }
      return null;
    });
    return familyAuthorityView(row);
  }

  private async revoke(
    ctx: RequestContext,
    reason: string,
    authorityId: string,
    on: RevokedOn,
    find: (tx: EntityManager) => Promise<SharingAuthorityEntity | null>,
  ): Promise<SharingAuthorityEntity> {
    const { principal, correlationId } = ctx;
    const eventId = globalThis.crypto.randomUUID();
    const outcome = await this.dataSource.transaction(async (tx): Promise<SharingAuthorityEntity | Refused> => {
      const authority = await find(tx);
      if (!authority) return { refused: 'not-found', county: principal.county, kind: null };
      if (revocationRefusal(authority) === 'already-revoked')
        return { refused: 'already-revoked', county: authority.countyCode, kind: authority.kind, endedReason: authority.endedReason };
      const revokedAt = new Date();
      Object.assign(authority, { revokedAt, revokedBy: principal.subject, revocationReason: reason, endedReason: 'revoked' });
      await this.authorities.save(tx, authority);
      await this.audit.append(
        {
          ...auditActor(principal),
          action: 'update',
          recordType: 'sharing-authority',
          recordId: authority.id,
          recordCounty: authority.countyCode,
          purpose: 'revoke sharing authority',
          outcome: 'allowed',
          correlationId,
          details: { kind: authority.kind, familyId: authority.familyId },
        },
        tx,
      );
      await shareEvent(
        this.outbox,
        tx,
        authorityEventClassification,
        sharingAuthorityEndedEvent,
        {
          authorityId: authority.id,
          familyId: authority.familyId,
          kind: authority.kind,
          endedAt: revokedAt.toISOString(),
          reason: 'revoked',
        },
        { countyCode: authority.countyCode, correlationId, id: eventId },
      );
      if (authority.kind === 'mdt') await this.clocks.cancel(tx, authority.id, MDT_WINDOW_PURPOSE, 'revoked', principal.subject);
      return authority;
    });
    if ('refused' in outcome) return this.refuse(ctx, authorityId, on, outcome);
    const authority = outcome;
    try {
      await this.temporal.client.workflow
        .getHandle(workflowId('referrals', 'authority', authority.id))
        .signal(authorityRevokedSignal, { eventId, revokedAt: (authority.revokedAt as Date).toISOString() });
    } catch (error) {
      // No process (an authority recorded before issue 13) or already ended: the row is the record; nothing waits.
      if (!(error instanceof WorkflowNotFoundError)) this.logger.warn(`authority process not signalled: ${String(error)}`);
    }
    return authority;
  }

  /**
   * A refused revocation (an authority not on the referral or family addressed, or one that already ended) is audited
   * as denied with its reason, after the transaction that found it ended (nothing else was written), then answered:
   * 404 (its existence elsewhere is not confirmed) or 409.
   */
  private async refuse(ctx: RequestContext, authorityId: string, on: RevokedOn, refusal: Refused): Promise<never> {
    const notOnIt = refusal.refused === 'not-found';
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: 'update',
      recordType: 'sharing-authority',
      recordId: authorityId,
      recordCounty: refusal.county,
      purpose: 'revoke sharing authority',
      outcome: 'denied',
      reason: notOnIt ? `not on the ${'referralId' in on ? 'referral' : 'shared family'} addressed` : 'already-revoked',
      correlationId: ctx.correlationId,
      details: {
        ...on,
        refusal: refusal.refused,
        ...(refusal.kind ? { kind: refusal.kind } : {}),
        ...(refusal.endedReason ? { endedReason: refusal.endedReason } : {}),
      },
    });
    if (notOnIt) throw notFound('sharing authority');
    throw problemException(
      alreadyRevoked,
      refusal.endedReason && refusal.endedReason !== 'revoked'
        ? `This authority already ended (${refusal.endedReason})`
        : 'This authority is already revoked',
    );
  }
}

/** The referral or shared family a revocation addressed (audited with a refusal). */
type RevokedOn = { referralId: string } | { familyId: string };

/** Why the revocation changed nothing, found inside its transaction. */
interface Refused {
  refused: 'not-found' | 'already-revoked';
  county: string;
  kind: SharingAuthorityEntity['kind'] | null;
  endedReason?: SharingAuthorityEntity['endedReason'];
}
