import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AssistanceUnitRepository,
  WtwParticipantRepository,
  type AssistanceUnitEntity,
  type AuMemberEntity,
  type HouseholdLockOption,
  type WtwParticipantEntity,
} from '@linkages/calworks-data-access';
import { HouseholdAudit } from './household-audit';
import type { HouseholdCtx } from './household.context';
import { householdImpossible } from './household.problems';

/** The records a household use case works on, in the caller's county: another county's record is absent (404, audited). */
@Injectable()
export class HouseholdRecords {
  constructor(
    private readonly units: AssistanceUnitRepository,
    private readonly participants: WtwParticipantRepository,
    private readonly audit: HouseholdAudit,
  ) {}

  async assistanceUnit(tx: EntityManager, ctx: HouseholdCtx, auId: string, options?: HouseholdLockOption): Promise<AssistanceUnitEntity> {
    return (await this.units.inCounty(tx, ctx.principal.county, auId, options)) ?? this.audit.deny(ctx, 'assistance-unit', auId);
  }

  async participant(
    tx: EntityManager,
    ctx: HouseholdCtx,
    participantId: string,
    options?: HouseholdLockOption,
  ): Promise<WtwParticipantEntity> {
    return (
      (await this.participants.inCounty(tx, ctx.principal.county, participantId, options)) ??
      this.audit.deny(ctx, 'wtw-participant', participantId)
    );
  }

  /** A member of the AU (409 when the id names no member of it). */
  async memberOf(tx: EntityManager, auId: string, memberId: string): Promise<AuMemberEntity> {
    const member = await this.units.member(tx, auId, memberId);
    if (!member) throw householdImpossible('The member is not in this Assistance Unit');
    return member;
  }
}
