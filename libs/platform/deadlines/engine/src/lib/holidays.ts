import { DateTime } from 'luxon';

/**
 * California holidays as rules, evaluated per year (Gov. Code 6700), with weekend observance (Gov. Code 6701).
 * Pure and deterministic: usable inside Temporal workflows.
 */
export const ZONE = 'America/Los_Angeles';

export type HolidayDateRule =
  | { kind: 'fixed'; month: number; day: number }
  | { kind: 'nth-weekday'; month: number; weekday: number; n: number } // weekday 1 = Monday … 7 = Sunday; n = -1: last
  | { kind: 'after'; holiday: string; days: number }
  | { kind: 'lunar-new-year' };

export interface HolidayRule {
  id: string;
  name: string;
  date: HolidayDateRule;
  /** Gov. Code 6701: this fixed-date holiday on a Sunday is observed the Monday after. */
  sundayToMonday: boolean;
  /** Gov. Code 6701: Veterans Day on a Saturday is observed the Friday before. */
  saturdayToFriday: boolean;
  citation: string;
  status: 'confirmed' | 'county' | 'unconfirmed';
  note?: string;
}

const fixed = (month: number, day: number): HolidayDateRule => ({ kind: 'fixed', month, day });
const nth = (month: number, weekday: number, n: number): HolidayDateRule => ({ kind: 'nth-weekday', month, weekday, n });
const MON = 1;
const THU = 4;
const FRI = 5;

/** Gov. Code 6700(a) full-day holidays (Good Friday's noon–3 pm is not a full-day closure and does not move a deadline). */
export const californiaHolidays: readonly HolidayRule[] = [
  {
    id: 'new-years-day',
    name: "New Year's Day",
    date: fixed(1, 1),
    sundayToMonday: true,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(2), 6701',
    status: 'confirmed',
  },
  {
    id: 'mlk-day',
    name: 'Martin Luther King, Jr. Day',
    date: nth(1, MON, 3),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(3)',
    status: 'confirmed',
    note: 'Binds a county only if its charter, ordinance or resolution adopts it (Gov. Code 6700(b))',
  },
  {
    id: 'lunar-new-year',
    name: 'Lunar New Year',
    date: { kind: 'lunar-new-year' },
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a) (added 2022–23)',
    status: 'unconfirmed',
    note: 'Whether it binds counties and courts is unconfirmed (RULES.md 8.7): off unless a county calendar adopts it',
  },
  {
    id: 'lincoln-day',
    name: "Lincoln's Birthday",
    date: fixed(2, 12),
    sundayToMonday: true,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(4), 6701',
    status: 'confirmed',
  },
  {
    id: 'washington-day',
    name: "Washington's Birthday (Presidents' Day)",
    date: nth(2, MON, 3),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(5)',
    status: 'confirmed',
  },
  {
    id: 'cesar-chavez-day',
    name: 'Cesar Chavez Day',
    date: fixed(3, 31),
    sundayToMonday: true,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(6), 6701',
    status: 'confirmed',
    note: 'Binds a county only if adopted (Gov. Code 6700(b))',
  },
  {
    id: 'genocide-remembrance-day',
    name: 'Genocide Remembrance Day',
    date: fixed(4, 24),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a) (added 2022–23)',
    status: 'unconfirmed',
    note: 'Whether it binds counties and courts is unconfirmed (RULES.md 8.7)',
  },
  {
    id: 'memorial-day',
    name: 'Memorial Day',
    date: nth(5, MON, -1),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(7)',
    status: 'confirmed',
  },
  {
    id: 'juneteenth',
    name: 'Juneteenth',
    date: fixed(6, 19),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a) (added 2022–23)',
    status: 'unconfirmed',
    note: 'Whether it binds counties and courts is unconfirmed (RULES.md 8.7)',
  },
  {
    id: 'independence-day',
    name: 'Independence Day',
    date: fixed(7, 4),
    sundayToMonday: true,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(8), 6701',
    status: 'confirmed',
  },
  {
    id: 'labor-day',
    name: 'Labor Day',
    date: nth(9, MON, 1),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(9)',
    status: 'confirmed',
  },
  {
    id: 'admission-day',
    name: 'Admission Day',
    date: fixed(9, 9),
    sundayToMonday: true,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(10), 6701',
    status: 'confirmed',
    note: 'Not a judicial holiday (CCP 135)',
  },
  {
    id: 'native-american-day',
    name: 'Native American Day',
    date: nth(9, FRI, 4),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(11)',
    status: 'confirmed',
  },
  {
    id: 'columbus-day',
    name: 'Columbus Day',
    date: nth(10, MON, 2),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(12)',
    status: 'confirmed',
  },
  {
    id: 'veterans-day',
    name: 'Veterans Day',
    date: fixed(11, 11),
    sundayToMonday: true,
    saturdayToFriday: true,
    citation: 'Gov. Code 6700(a)(13), 6701',
    status: 'confirmed',
  },
  {
    id: 'thanksgiving',
    name: 'Thanksgiving Day',
    date: nth(11, THU, 4),
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(15) (proclaimed); CCP 135',
    status: 'confirmed',
  },
  {
    id: 'day-after-thanksgiving',
    name: 'Day after Thanksgiving',
    date: { kind: 'after', holiday: 'thanksgiving', days: 1 },
    sundayToMonday: false,
    saturdayToFriday: false,
    citation: 'CCP 135 (judicial holiday); county closure by MOU',
    status: 'county',
  },
  {
    id: 'christmas',
    name: 'Christmas Day',
    date: fixed(12, 25),
    sundayToMonday: true,
    saturdayToFriday: false,
    citation: 'Gov. Code 6700(a)(14), 6701',
    status: 'confirmed',
  },
];

/**
 * Lunar New Year (first day of the first month of the Chinese calendar). A lunisolar date is not a simple rule;
 * these come from the Hong Kong Observatory's Gregorian–Lunar conversion tables. Years outside the table throw.
 */
const lunarNewYear: Record<number, string> = {
  2020: '01-25',
  2021: '02-12',
  2022: '02-01',
  2023: '01-22',
  2024: '02-10',
  2025: '01-29',
  2026: '02-17',
  2027: '02-06',
  2028: '01-26',
  2029: '02-13',
  2030: '02-03',
  2031: '01-23',
  2032: '02-11',
  2033: '01-31',
  2034: '02-19',
  2035: '02-08',
  2036: '01-28',
  2037: '02-15',
  2038: '02-04',
  2039: '01-24',
  2040: '02-12',
};

export interface HolidayOccurrence {
  id: string;
  name: string;
  /** The calendar date the office or court is closed (after observance). */
  date: string;
  /** The date the holiday itself falls on, when observance moved it. */
  actual?: string;
  citation: string;
}

function ruleDate(rule: HolidayRule, year: number, all: readonly HolidayRule[]): DateTime {
  const d = rule.date;
  switch (d.kind) {
    case 'fixed':
      return DateTime.fromObject({ year, month: d.month, day: d.day }, { zone: ZONE });
    case 'nth-weekday': {
      if (d.n > 0) {
        const first = DateTime.fromObject({ year, month: d.month, day: 1 }, { zone: ZONE });
        return first.plus({ days: ((d.weekday - first.weekday + 7) % 7) + 7 * (d.n - 1) });
      }
      const last = DateTime.fromObject({ year, month: d.month, day: 1 }, { zone: ZONE }).endOf('month').startOf('day');
      return last.minus({ days: (last.weekday - d.weekday + 7) % 7 });
    }
    case 'after': {
      const base = all.find((r) => r.id === d.holiday);
      if (!base) throw new Error(`Holiday rule ${rule.id} refers to unknown ${d.holiday}`);
      return ruleDate(base, year, all).plus({ days: d.days });
    }
    case 'lunar-new-year': {
      const md = lunarNewYear[year];
      if (!md) throw new Error(`No Lunar New Year date for ${year}: extend the table in holidays.ts from the Hong Kong Observatory tables`);
      return DateTime.fromISO(`${year}-${md}`, { zone: ZONE });
    }
  }
}

export interface ObservanceOptions {
  /** Gov. Code 6701 leaves Saturday holidays unobserved except Veterans Day; a county board may move them to Friday. */
  saturdayToFridayForAll?: boolean;
}

/** The closures a set of holiday rules produces in one year. */
export function holidaysInYear(rules: readonly HolidayRule[], year: number, options: ObservanceOptions = {}): HolidayOccurrence[] {
  return rules.map((rule) => {
    const actual = ruleDate(rule, year, [...rules, ...californiaHolidays]);
    let observed = actual;
    if (actual.weekday === 7 && rule.sundayToMonday) observed = actual.plus({ days: 1 });
    if (actual.weekday === 6 && (rule.saturdayToFriday || (options.saturdayToFridayForAll && rule.date.kind === 'fixed')))
      observed = actual.minus({ days: 1 });
    const date = observed.toISODate() ?? '';
    return {
      id: rule.id,
      name: rule.name,
      date,
      ...(observed.equals(actual) ? {} : { actual: actual.toISODate() ?? '' }),
      citation: rule.citation,
    };
  });
}
