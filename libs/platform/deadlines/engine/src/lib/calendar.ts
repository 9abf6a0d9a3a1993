import { DateTime } from 'luxon';
import { ZONE, californiaHolidays, holidaysInYear, type HolidayOccurrence } from './holidays';

/**
 * A calendar as plain data (it travels in workflow inputs and histories): which holidays close it, how Saturday
 * holidays are observed, and extra closure days. `BusinessCalendar` answers questions about it.
 */
export interface CalendarSpec {
  id: string;
  kind: 'county' | 'court';
  name: string;
  /** Holiday rule ids (see californiaHolidays) that close this calendar. */
  holidays: string[];
  saturdayToFridayForAll: boolean;
  /** Extra whole-day closures (county board decisions, emergencies). */
  closures: { date: string; name: string }[];
  /** Days open although a holiday rule would close them. */
  openDays: string[];
  source: string;
}

/** Gov. Code 6700(b): MLK Day, Cesar Chavez Day and proclaimed days other than Thanksgiving bind a county only if adopted. */
const countyDefaultHolidays = [
  'new-years-day',
  'lincoln-day',
  'washington-day',
  'memorial-day',
  'independence-day',
  'labor-day',
  'admission-day',
  'native-american-day',
  'columbus-day',
  'veterans-day',
  'thanksgiving',
  'day-after-thanksgiving',
  'christmas',
];

/** CCP 135: the Gov. Code 6700 holidays except Admission Day, plus the day after Thanksgiving. */
const courtDefaultHolidays = [
  'new-years-day',
  'mlk-day',
  'lincoln-day',
  'washington-day',
  'cesar-chavez-day',
  'memorial-day',
  'independence-day',
  'labor-day',
  'native-american-day',
  'columbus-day',
  'veterans-day',
  'thanksgiving',
  'day-after-thanksgiving',
  'christmas',
];

export interface CalendarOverrides {
  addHolidays?: string[];
  removeHolidays?: string[];
  saturdayToFridayForAll?: boolean;
  closures?: { date: string; name: string }[];
  openDays?: string[];
  source?: string;
}

function withOverrides(base: CalendarSpec, o: CalendarOverrides = {}): CalendarSpec {
  const known = new Set(californiaHolidays.map((h) => h.id));
  for (const id of [...(o.addHolidays ?? []), ...(o.removeHolidays ?? [])])
    if (!known.has(id)) throw new Error(`Unknown holiday '${id}' in calendar overrides for ${base.id}`);
  const holidays = base.holidays
    .filter((h) => !(o.removeHolidays ?? []).includes(h))
    .concat((o.addHolidays ?? []).filter((h) => !base.holidays.includes(h)));
  return {
    ...base,
    holidays,
    saturdayToFridayForAll: o.saturdayToFridayForAll ?? base.saturdayToFridayForAll,
    closures: [...base.closures, ...(o.closures ?? [])],
    openDays: [...base.openDays, ...(o.openDays ?? [])],
    source: o.source ? `${base.source}; ${o.source}` : base.source,
  };
}

export function countyCalendarSpec(countyCode: string, overrides?: CalendarOverrides): CalendarSpec {
  return withOverrides(
    {
      id: `county:${countyCode}`,
      kind: 'county',
      name: `County ${countyCode} business calendar`,
      holidays: countyDefaultHolidays,
      saturdayToFridayForAll: false,
      closures: [],
      openDays: [],
      source: 'Gov. Code 6700, 6701 (state default for counties; MOUs and board resolutions override)',
    },
    overrides,
  );
}

export function courtCalendarSpec(countyCode: string, overrides?: CalendarOverrides): CalendarSpec {
  return withOverrides(
    {
      id: `court:${countyCode}`,
      kind: 'court',
      name: `Superior Court (${countyCode}) judicial calendar`,
      holidays: courtDefaultHolidays,
      saturdayToFridayForAll: false,
      closures: [],
      openDays: [],
      source: 'CCP 135 (judicial holidays); Judicial Council yearly calendar overrides',
    },
    overrides,
  );
}

/** Answers "is this day open?" and "why not?" for one calendar. Pure; caches holidays per year. */
export class BusinessCalendar {
  private readonly byYear = new Map<number, Map<string, HolidayOccurrence>>();
  private readonly closures: Map<string, string>;
  private readonly openDays: Set<string>;

  constructor(readonly spec: CalendarSpec) {
    this.closures = new Map(spec.closures.map((c) => [c.date, c.name]));
    this.openDays = new Set(spec.openDays);
  }

  /** Why the office or court is closed on this date (YYYY-MM-DD), or undefined when it is open. */
  closedBecause(date: string): string | undefined {
    const day = DateTime.fromISO(date, { zone: ZONE });
    if (!day.isValid) throw new Error(`Not a date: ${date}`);
    if (day.weekday === 6) return 'Saturday';
    if (day.weekday === 7) return 'Sunday';
    if (this.openDays.has(date)) return undefined;
    const holiday = this.holidays(day.year).get(date);
    if (holiday) return holiday.actual ? `${holiday.name} (observed; falls on ${holiday.actual})` : holiday.name;
    return this.closures.get(date);
  }

  isOpen(date: string): boolean {
    return this.closedBecause(date) === undefined;
  }

  /** The holidays that close this calendar in a year, by date. */
  holidays(year: number): Map<string, HolidayOccurrence> {
    let cached = this.byYear.get(year);
    if (!cached) {
      const rules = californiaHolidays.filter((h) => this.spec.holidays.includes(h.id));
      cached = new Map(holidaysInYear(rules, year, { saturdayToFridayForAll: this.spec.saturdayToFridayForAll }).map((h) => [h.date, h]));
      this.byYear.set(year, cached);
    }
    return cached;
  }
}
