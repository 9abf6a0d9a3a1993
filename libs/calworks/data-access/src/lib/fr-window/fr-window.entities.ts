import { FrAb429ServiceEntity } from './fr-ab429-service.entity';
import { FrAidWindowEntity } from './fr-aid-window.entity';
import { FrMemberConfirmationEntity } from './fr-member-confirmation.entity';
import { FrRemovalEntity } from './fr-removal.entity';
import { FrTemporaryAbsenceEntity } from './fr-temporary-absence.entity';
import { FrUnmatchedCaseNumberEntity } from './fr-unmatched-case-number.entity';

/** The FR aid process's tables (apps/calworks/src/persistence.ts lists them). */
export const frWindowEntities = [
  FrRemovalEntity,
  FrTemporaryAbsenceEntity,
  FrAidWindowEntity,
  FrAb429ServiceEntity,
  FrUnmatchedCaseNumberEntity,
  FrMemberConfirmationEntity,
];
