import { aidedPeriods, aidedStatusOn, grantOn } from '@linkages/calworks-domain';
import {
  AU_MEMBER_SCOPE,
  type AidedStatusChangeEntity,
  type AssistanceUnitEntity,
  type AuMemberEntity,
  type GrantChangeEntity,
} from '@linkages/calworks-data-access';
import type { PersonalData } from '@linkages/platform-crypto';
import { todayInCalifornia } from '../household.schemas';

export interface AssistanceUnitRecords {
  au: AssistanceUnitEntity;
  members: AuMemberEntity[];
  aided: AidedStatusChangeEntity[];
  grants: GrantChangeEntity[];
}

const grantView = (g: GrantChangeEntity) => ({
  effectiveOn: g.effectiveOn,
  cashAidStatus: g.cashAidStatus,
  amountCents: g.amountCents,
  reason: g.reason,
});

/** An AU as the API shows it: today's aided status and grant, their history, members with date of birth, SSN masked. */
export function assistanceUnitView(
  personalData: PersonalData,
  { au, members, aided, grants }: AssistanceUnitRecords,
  today = todayInCalifornia(),
) {
  const current = grantOn(grants, today);
  return {
    id: au.id,
    countyCode: au.countyCode,
    caseNumber: au.caseNumber,
    aidedStatus: aidedStatusOn(aided, today),
    aidedPeriods: aidedPeriods(aided),
    cashAid: current ? grantView(current) : null,
    grantChanges: grants.map(grantView),
    members: members.map((m) => memberView(personalData, m)),
  };
}

export const memberView = (personalData: PersonalData, m: AuMemberEntity) => ({
  memberId: m.id,
  role: m.role,
  firstName: m.firstName,
  lastName: m.lastName,
  needy: m.needy,
  aided: m.aided,
  ...personalData.reveal(AU_MEMBER_SCOPE, m.id, m),
});
