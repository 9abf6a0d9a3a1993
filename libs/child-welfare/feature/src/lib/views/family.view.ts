import { PERSON_SCOPE, type FamilyEntity, type PersonEntity } from '@linkages/child-welfare-data-access';
import type { PersonalData } from '@linkages/platform-crypto';

/** A family and its members as the API shows them: date of birth revealed, SSN masked. */
export function familyView(personalData: PersonalData, family: FamilyEntity, persons: PersonEntity[]) {
  return {
    id: family.id,
    countyCode: family.countyCode,
    calworksCaseNumber: family.calworksCaseNumber,
    members: persons.map((p) => ({
      personId: p.id,
      role: p.role,
      firstName: p.firstName,
      lastName: p.lastName,
      icwa: p.icwa,
      ...personalData.reveal(PERSON_SCOPE, p.id, p),
    })),
  };
}
