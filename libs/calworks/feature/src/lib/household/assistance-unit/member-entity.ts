import { randomUUID } from 'node:crypto';
import { memberRefusal } from '@linkages/calworks-domain';
import { AU_MEMBER_SCOPE, AuMemberEntity } from '@linkages/calworks-data-access';
import type { PersonalData } from '@linkages/platform-crypto';
import { refuseHousehold } from '../household.problems';
import type { MemberInput } from './assistance-unit.schemas';

/** A new member row, date of birth and SSN encrypted and blind-indexed (refused when a non-needy member is aided). */
export function newMember(personalData: PersonalData, auId: string, m: MemberInput, position: number): AuMemberEntity {
  refuseHousehold(memberRefusal(m));
  const id = randomUUID();
  return Object.assign(new AuMemberEntity(), {
    id,
    auId,
    role: m.role,
    firstName: m.firstName,
    lastName: m.lastName,
    needy: m.needy,
    aided: m.aided,
    position,
    ...personalData.protect(AU_MEMBER_SCOPE, id, m),
  });
}
