import type { DataSource } from 'typeorm';
import type { AuditLog } from '@linkages/platform-audit';
import { shareEvent, type OutboxWriter } from '@linkages/platform-messaging';
import type { SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { AUTHORITY_SYSTEM_ACTOR, authorityEventClassification, type SharingAuthorityActivities } from '@linkages/referrals-domain';
import { sharingAuthorityEndedEvent } from '@linkages/shared-contracts';

export interface SharingAuthorityActivityDeps {
  dataSource: DataSource;
  outbox: OutboxWriter;
  audit: Pick<AuditLog, 'append'>;
  authorities: SharingAuthorityRepository;
}

const reasonWords = { expired: 'the signed authorization expired', 'window-ended': 'the MDT information-sharing window ended' } as const;

/**
 * The sharing-authority process's step: at the instant a consent expires or an MDT window ends, the end is recorded
 * in one transaction — `revoked_at` = that instant (not when the step ran), by `system:referrals`, the reason, the
 * audit record and `linkages.sharing-authority-ended` (its id chosen by the workflow, so a retry publishes once).
 * An authority staff already revoked is left as it is.
 */
export function createSharingAuthorityActivities(deps: SharingAuthorityActivityDeps): SharingAuthorityActivities {
  const { dataSource, outbox, audit, authorities } = deps;
  return {
    async endAuthority(input) {
      return dataSource.transaction(async (tx) => {
        const authority = await authorities.forUpdate(tx, input.authorityId);
        if (!authority || authority.revokedAt) return { ended: false };
        Object.assign(authority, {
          revokedAt: new Date(input.endedAt),
          revokedBy: AUTHORITY_SYSTEM_ACTOR,
          revocationReason: reasonWords[input.reason],
          endedReason: input.reason,
        });
        await authorities.save(tx, authority);
        const correlationId = `authority/${authority.id}`;
        await audit.append(
          {
            actorSubject: AUTHORITY_SYSTEM_ACTOR,
            actorRoles: [],
            actorAgency: 'platform',
            action: 'update',
            recordType: 'sharing-authority',
            recordId: authority.id,
            recordCounty: authority.countyCode,
            purpose: 'end sharing authority at its expiry',
            outcome: 'allowed',
            correlationId,
            details: { kind: authority.kind, reason: input.reason, endedAt: input.endedAt, familyId: authority.familyId },
          },
          tx,
        );
        await shareEvent(
          outbox,
          tx,
          authorityEventClassification,
          sharingAuthorityEndedEvent,
          { authorityId: authority.id, familyId: authority.familyId, kind: authority.kind, endedAt: input.endedAt, reason: input.reason },
          { countyCode: authority.countyCode, correlationId, id: input.eventId },
        );
        return { ended: true };
      });
    },
  };
}
