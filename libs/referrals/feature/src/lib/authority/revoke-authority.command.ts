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
    return authorityView(await this.revoke(ctx, reason, (tx) => this.authorities.ofReferralForUpdate(tx, referral.id, authorityId)));
  }

  async executeOnFamily(ctx: RequestContext, familyId: string, authorityId: string, reason: string): Promise<FamilyAuthorityView> {
    const family = await this.familyInCounty.find(ctx, familyId, 'revoke sharing authority');
    const row = await this.revoke(ctx, reason, async (tx) => {
      for (const id of family.familyIds) {
        const found = await this.authorities.ofFamilyForUpdate(tx, id, authorityId);
        if (found) return found;
      }
      return null;
    });
    return familyAuthorityView(row);
  }

  private async revoke(
    { principal, correlationId }: RequestContext,
    reason: string,
    find: (tx: EntityManager) => Promise<SharingAuthorityEntity | null>,
  ): Promise<SharingAuthorityEntity> {
    const eventId = globalThis.crypto.randomUUID();
    const authority = await this.dataSource.transaction(async (tx) => {
      const authority = await find(tx);
      if (!authority) throw notFound('sharing authority');
      if (revocationRefusal(authority) === 'already-revoked')
        throw problemException(
          alreadyRevoked,
          authority.endedReason && authority.endedReason !== 'revoked'
            ? `This authority already ended (${authority.endedReason})`
            : 'This authority is already revoked',
        );
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
}
