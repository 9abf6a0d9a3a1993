import type { ServiceName } from '@linkages/shared-contracts';

export type StaffAgency = 'cws' | 'calworks';

export interface Absence {
  absenceId: string;
  from: string;
  to: string;
  /** Who covers; absent: the unit's supervisor, then its manager. */
  coverId?: string;
  reasonCode: string;
  /** When it was ended early through the API (`to` is then that instant, or `from` for one that never began). */
  endedAt?: string;
}

export interface Person {
  staffId: string;
  displayName: string;
  email?: string;
  agency: StaffAgency;
  countyCode: string;
  unitId: string;
  absences: Absence[];
  /** County local time `HH:mm`; may wrap midnight. */
  quietHours?: { start: string; end: string };
  channels: { email: boolean; webhook: boolean };
}

/**
 * A person's own delivery preferences. They shape e-mail and webhook delivery of ordinary notifications only: a
 * legally urgent escalation ignores them, and during quiet hours goes to the person's coverage at once.
 */
export type PersonPreferences = Pick<Person, 'channels'> & { quietHours: { start: string; end: string } | null };

export interface Unit {
  unitId: string;
  name: string;
  agency: StaffAgency;
  countyCode: string;
  supervisorId: string;
  managerId: string;
  managerOnDutyId: string;
  afterHoursCoverId?: string;
  intakeWorkerId?: string;
  /** Owner services the unit serves. */
  programs: ServiceName[];
}

export interface Assignment {
  countyCode: string;
  ownerService: ServiceName;
  subjectRef?: string;
  familyId?: string;
  staffId: string;
  reason: string;
  by: string;
  at: string;
}

/** The organisation of one county and agency at an instant. */
export interface OrganisationSnapshot {
  people: Person[];
  units: Unit[];
  assignments: Assignment[];
}

export const agencyOfOwnerService = (ownerService: ServiceName): StaffAgency => (ownerService === 'child-welfare' ? 'cws' : 'calworks');
