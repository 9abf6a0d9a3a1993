// The coordinated case plan of a shared family (issue 13, Deliver 5): both agencies' activities (court-ordered
// services, CWS case-plan activities, WTW activities, supportive services) with their weekly schedules and hours, and
// the circumstances of the people they concern. Pure: ids, codes, dates, times and hours; no personal data.

export type PlanAgency = 'cws' | 'calworks';

export const planActivityKinds = ['court-ordered-service', 'cws-case-plan-activity', 'wtw-activity', 'supportive-service'] as const;
export type PlanActivityKind = (typeof planActivityKinds)[number];

/** The agency whose plan an activity of this kind belongs to. */
export const agencyOfKind = (kind: PlanActivityKind): PlanAgency =>
  kind === 'court-ordered-service' || kind === 'cws-case-plan-activity' ? 'cws' : 'calworks';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** A weekly appointment: the day and the local times (HH:mm, 24 h, county time) it starts and ends. */
export interface PlanSlot {
  day: Weekday;
  start: string;
  end: string;
}

/**
 * Whether a CWS activity counts toward WTW participation (WIC 11322.6): `candidate` is only a suggestion marked for
 * the workers; a worker decides `confirmed` or `rejected`. Never counted automatically.
 */
export type WtwCount = 'candidate' | 'confirmed' | 'rejected' | null;

export interface PlanActivity {
  id: string;
  agency: PlanAgency;
  /** How the plan learned of it: an agency's event, or staff entering it. */
  source: 'event' | 'staff';
  /** The agency's own id of the person it concerns (CWS person id or CalWORKs participant/member id). */
  personRecordId: string;
  kind: PlanActivityKind;
  /** The agency's type code, e.g. `substance-use-treatment`, `job-search`, `child-care`, `transportation`. */
  typeCode: string;
  title: string | null;
  weeklyHours: number;
  slots: PlanSlot[];
  startsOn: string;
  endsOn: string | null;
  requiresChildCare: boolean;
  requiresTransport: boolean;
  location: string | null;
  /** Supportive services: whether the service is in place; other activities: whether they are in force. */
  status: 'active' | 'ended';
  wtwCount: WtwCount;
}

/** What limits a person's participation, as either agency's worker recorded it. */
export interface PersonCircumstances {
  personRecordId: string;
  hasVehicle: boolean;
  hasLicence: boolean;
  /** Public transit reaches the person's activities. */
  transitAccess: boolean;
  /** Child care is arranged without a supportive service (family, school, Head Start). */
  childCareArranged: boolean;
}

/** The county's choices (CalWORKs participation hours are set by law; the ceiling and travel time are local). */
export interface PlanSettings {
  /** The most hours a week a parent can be expected to spend in both agencies' activities, travel included. */
  maxWeeklyHours: number;
  /** Travel time counted for each activity a week (hours). */
  travelHoursPerActivity: number;
  /** CWS activity types that may count toward WTW participation (WIC 11322.6: MH, SUD, DV services): candidates only. */
  countableCwsActivityTypes: readonly string[];
}

export const defaultPlanSettings: PlanSettings = {
  maxWeeklyHours: 40,
  travelHoursPerActivity: 1,
  countableCwsActivityTypes: ['mental-health-treatment', 'substance-use-treatment', 'domestic-violence-services'],
};

/** The county's plan settings (per county once counties configure them; the defaults until then). */
export function planSettingsFor(countyCode: string, overrides: Readonly<Record<string, Partial<PlanSettings>>> = {}): PlanSettings {
  return { ...defaultPlanSettings, ...(overrides[countyCode] ?? {}) };
}

export const CHILD_CARE_SERVICE = 'child-care';
export const TRANSPORTATION_SERVICE = 'transportation';
