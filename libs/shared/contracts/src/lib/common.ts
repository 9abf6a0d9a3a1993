import { z } from 'zod';

// Building blocks for payloads. Payloads carry pseudonymous ids, codes and dates: never names, SSNs, dates of birth,
// addresses or free text about a person (DESIGN.md 4; RULES.md 5).

/** A platform id: a UUID minted by the owning service, meaningless outside the platform. */
export const id = (what: string) => z.uuid().describe(`${what} (pseudonymous UUID)`);

/** California county FIPS code, e.g. 06085 for Santa Clara. */
export const countyCode = z
  .string()
  .regex(/^06\d{3}$/, 'must be a California county FIPS code such as 06085')
  .describe('California county FIPS code');

export const instant = z.iso.datetime({ offset: true }).describe('An instant, ISO 8601 with offset');
export const calendarDate = z.iso.date().describe('A calendar date (YYYY-MM-DD) in America/Los_Angeles');

export const serviceNames = ['referrals', 'calworks', 'child-welfare', 'notifications'] as const;
export type ServiceName = (typeof serviceNames)[number];
export const serviceName = z.enum(serviceNames);

/** A short machine code from a documented list (reason codes, forms), never free text. */
export const code = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be a lower-case code')
    .describe(what);

export const familyId = id('Family');

/**
 * The family's CalWORKs case number as child welfare recorded it (when its worker knows it). An agency case number:
 * an identifier the two agencies may exchange to administer aid (WIC 10850; WIC 18961.5 lists agency case numbers),
 * by which CalWORKs finds the Assistance Unit in its county. Absent when child welfare does not know it.
 */
export const calworksCaseNumber = z
  .string()
  .regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes')
  .describe('The CalWORKs case number child welfare recorded for the family (agency case number, WIC 10850)');

/** A calendar month, YYYY-MM (e.g. a WTW clock month). */
export const calendarMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a calendar month YYYY-MM')
  .describe('A calendar month (YYYY-MM)');
