import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AssistanceUnitRepository } from '@linkages/calworks-data-access';
import { MATCH_KEYS, MatchKeys, PersonalData } from '@linkages/platform-crypto';
import { OutboxWriter } from '@linkages/platform-messaging';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { HouseholdRecords } from '../household-records';
import type { MemberInput } from './assistance-unit.schemas';
import { memberView } from './assistance-unit.view';
import { newMember } from './member-entity';
import { publishMemberMatchKeys } from './member-match-keys';

/**
 * Adds a member to an AU of the caller's county (date of birth and SSN stored encrypted); the member's match keys go
 * to Linkages in the same transaction (calworks.member-match-keys: tokens only).
 */
@Injectable()
export class AddMember {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly units: AssistanceUnitRepository,
    private readonly personalData: PersonalData,
    @Inject(MATCH_KEYS) private readonly matchKeys: MatchKeys,
    private readonly outbox: OutboxWriter,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, auId: string, input: MemberInput) {
    return this.dataSource.transaction(async (tx) => {
      const au = await this.records.assistanceUnit(tx, ctx, auId, { lock: true });
      const { position: _position, ...member } = newMember(this.personalData, au.id, input, 0);
      const saved = await this.units.addMember(tx, member);
      await publishMemberMatchKeys(
        this.matchKeys,
        this.outbox,
        tx,
        au,
        [{ ...input, memberId: saved.id, role: saved.role, aided: saved.aided }],
        ctx.correlationId,
      );
      await this.audit.record(tx, ctx, 'create', 'au-member', saved.id, au.countyCode, { auId: au.id, role: saved.role });
      return memberView(this.personalData, saved);
    });
  }
}
