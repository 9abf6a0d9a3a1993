import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { TEMPORAL, taskQueueOf, workflowId, type TemporalClientHandle } from '@linkages/platform-temporal';
import { FamilyResolver, SharingAuthorityEntity, SharingAuthorityRepository, type ReferralEntity } from '@linkages/referrals-data-access';
import { MDT_WINDOW_RULE, type AuthorityTerms, type SharingAuthorityInput } from '@linkages/referrals-domain';
import type { sharingAuthorityWorkflow } from '@linkages/referrals-workflows';
import type { RequestContext } from '../request-context';
import type { SharedFamilyRef } from './family-in-county';

/** Where an authority is recorded: on a referral (its shared family is resolved) or on the shared family itself. */
export type AuthorityTarget = { referral: ReferralEntity } | { family: SharedFamilyRef };

/** The MDT window as a tracked clock on the authority (the timeline explains it): its start and a good-cause due date. */
export interface MdtWindowClock {
  startAt: string;
  /** The window's end date when extended for good cause (the clock is moved to it). */
  extendedTo?: string;
}

/** The tracked clock's purpose on an MDT membership. */
export const MDT_WINDOW_PURPOSE = 'mdt-window';

/**
 * Records a consent or an MDT membership on its terms, with its audit record, and starts its process
 * (`referrals/authority/<id>`: a durable timer to `expiresAt` that records the end), in one transaction: the process
 * is started before the commit, so a failed start writes nothing; a process whose row was never committed finds no
 * authority at its instant and ends without writing. An MDT membership also opens `linkages.mdt-information-window`.
 */
@Injectable()
export class AuthorityRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authorities: SharingAuthorityRepository,
    private readonly families: FamilyResolver,
    private readonly clocks: TrackedDeadlines,
    @Inject(TEMPORAL) private readonly temporal: TemporalClientHandle,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async record(ctx: RequestContext, target: AuthorityTarget, terms: AuthorityTerms, mdt?: MdtWindowClock): Promise<SharingAuthorityEntity> {
    const { principal, correlationId } = ctx;
    return this.dataSource.transaction(async (tx) => {
      const { familyId, countyCode, referralId } = await this.targetOf(tx, target);
      const authority = Object.assign(new SharingAuthorityEntity(), {
        ...terms,
        id: randomUUID(),
        referralId,
        familyId,
        countyCode,
        recordedBy: principal.subject,
        recordedAt: new Date(),
        revokedAt: null,
        revokedBy: null,
        revocationReason: null,
        endedReason: null,
      });
      await this.authorities.save(tx, authority);
      await this.audit.append(
        {
          ...auditActor(principal),
          action: 'create',
          recordType: 'sharing-authority',
          recordId: authority.id,
          recordCounty: countyCode,
          purpose: `record ${terms.kind}`,
          outcome: 'allowed',
          correlationId,
          details: { familyId, referralId, kind: terms.kind, expiresAt: terms.expiresAt.toISOString() },
        },
        tx,
      );
      if (mdt) {
        const subject = { type: 'sharing-authority', id: authority.id, familyId, countyCode };
        await this.clocks.open(tx, subject, MDT_WINDOW_PURPOSE, MDT_WINDOW_RULE, mdt.startAt);
        if (mdt.extendedTo) await this.clocks.move(tx, authority.id, MDT_WINDOW_PURPOSE, mdt.extendedTo, 'good-cause', principal.subject);
      }
      await this.start(tx, authority);
      return authority;
    });
  }

  private async targetOf(
    tx: EntityManager,
    target: AuthorityTarget,
  ): Promise<{ familyId: string; countyCode: string; referralId: string | null }> {
    if ('family' in target) return { familyId: target.family.familyId, countyCode: target.family.countyCode, referralId: null };
    const { referral } = target;
    const { familyId } = await this.families.resolve(tx, referral.countyCode, { kind: 'linkages-referral', id: referral.id });
    return { familyId, countyCode: referral.countyCode, referralId: referral.id };
  }

  private async start(_tx: EntityManager, authority: SharingAuthorityEntity): Promise<void> {
    const input: SharingAuthorityInput = {
      authorityId: authority.id,
      familyId: authority.familyId,
      countyCode: authority.countyCode,
      kind: authority.kind,
      expiresAt: authority.expiresAt.toISOString(),
    };
    await this.temporal.client.workflow.start<typeof sharingAuthorityWorkflow>('sharingAuthorityWorkflow', {
      taskQueue: taskQueueOf({ name: 'referrals' }),
      workflowId: workflowId('referrals', 'authority', authority.id),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [input],
    });
  }
}
