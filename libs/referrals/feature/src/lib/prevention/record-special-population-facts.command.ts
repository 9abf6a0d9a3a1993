import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { OutboxWriter, shareEvent } from '@linkages/platform-messaging';
import { FamilyResolver } from '@linkages/referrals-data-access';
import { preventionEventClassification } from '@linkages/referrals-domain';
import { specialPopulationFactsRecordedEvent } from '@linkages/shared-contracts';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { enrollmentPathOf } from './create-prevention-referral.command';
import type { SpecialPopulationFactsAccepted, SpecialPopulationFactsInput } from './prevention.schemas';

/**
 * A liaison or supervisor records facts that place a shared family in Special Populations (homeless, the parents'
 * age bands; county criteria). Written as `linkages.special-population-facts-recorded` through the outbox with its
 * audit record (the reason stays there), naming the family's oldest agency ref so the coordination process finds the
 * family even after a merge; the process applies the facts asynchronously (202, the enrollment to read). Another
 * county's family is absent (404, audited by FamilyInCounty) and nothing is written.
 */
@Injectable()
export class RecordSpecialPopulationFactsCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly families: FamilyResolver,
    private readonly outbox: OutboxWriter,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: RequestContext, familyId: string, input: SpecialPopulationFactsInput): Promise<SpecialPopulationFactsAccepted> {
    const { principal, correlationId } = ctx;
    const factsId = randomUUID();
    const eventId = randomUUID();
    const family = await this.dataSource.transaction(async (tx) => {
      const family = await this.familyInCounty.find(ctx, familyId, 'record special-population facts', tx);
      const ref = (await this.families.identitiesOf(tx, family.familyId))[0];
      if (!ref) throw new Error(`Shared family ${family.familyId} has no agency ref`);
      const facts = {
        ...(input.homeless !== undefined ? { homeless: input.homeless } : {}),
        ...(input.parentAgeBands ? { parentAgeBands: [...new Set(input.parentAgeBands)] } : {}),
      };
      await shareEvent(
        this.outbox,
        tx,
        preventionEventClassification,
        specialPopulationFactsRecordedEvent,
        { factsId, familyId: family.familyId, refKind: ref.kind, refId: ref.id, ...facts, recordedAt: new Date().toISOString() },
        { countyCode: family.countyCode, correlationId, id: eventId },
      );
      await this.audit.append(
        {
          ...auditActor(principal),
          action: 'update',
          recordType: 'shared-family',
          recordId: family.familyId,
          recordCounty: family.countyCode,
          purpose: 'record special-population facts',
          outcome: 'allowed',
          correlationId,
          details: { factsId, eventId, ...facts, reason: input.reason },
        },
        tx,
      );
      return family;
    });
    return { factsId, familyId: family.familyId, status: 'accepted', enrollment: enrollmentPathOf(family.familyId) };
  }
}
