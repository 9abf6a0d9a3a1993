import { z } from 'zod';
import { implausibleYearMessage, isPlausibleYear } from '@linkages/platform-http';
import { MONTH, REPORT_ZONE, defaultReportGroupBy, reportGroupings, type ReportGrouping } from '@linkages/notifications-domain';

const code = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'must be a lower-case code');
// A month of the years every service takes: `to=0000-01` matched MONTH and reached PostgreSQL as year -1 (a 500,
// found by the fuzzer).
const month = z
  .string()
  .regex(MONTH, 'must be a month YYYY-MM')
  .refine((value) => isPlausibleYear(Number(value.slice(0, 4))), { message: implausibleYearMessage });

const groupList = z
  .string()
  .max(100)
  .transform((v, ctx) => {
    const groups = v.split(',').map((s) => s.trim());
    const bad = groups.filter((g) => !(reportGroupings as readonly string[]).includes(g));
    if (bad.length > 0 || groups.length === 0) {
      ctx.addIssue({ code: 'custom', message: `groupBy is a comma list of ${reportGroupings.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(groups)] as ReportGrouping[];
  });

export const timelinessReportQuery = z.strictObject({
  from: month.optional().describe('The first month, YYYY-MM in the county’s time zone (default: five months before `to`)'),
  to: month.optional().describe('The last month, YYYY-MM (default: the current month; at most 24 months from `from`)'),
  groupBy: groupList
    .optional()
    .transform((v) => v ?? [...defaultReportGroupBy])
    .describe(`A comma list of ${reportGroupings.join(', ')} (default: ${defaultReportGroupBy.join(',')})`),
  program: code.optional().describe('Only this program, e.g. cws-emergency-response, calworks-welfare-to-work'),
  ruleId: code.optional().describe('Only this rule, e.g. cws.er.response-10-day'),
  unitId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be a unit id')
    .optional()
    .describe('Only deadlines of this unit (the assignee’s, else the unit serving the program)'),
});
export type TimelinessReportQuery = z.output<typeof timelinessReportQuery>;

const spread = (unit: string) =>
  z
    .object({ median: z.number(), p90: z.number() })
    .nullable()
    .describe(`Median and 90th percentile in ${unit}, one decimal (linear interpolation); null when none`);

export const timelinessReportRow = z.object({
  key: z
    .object({
      ruleId: z.string().optional(),
      unitId: z.string().nullable().optional().describe('null: deadlines of no unit'),
      countyCode: z.string().optional(),
      month: z.string().optional().describe('YYYY-MM in the county’s time zone'),
    })
    .describe('The values of the groupBy fields (only those)'),
  deadlines: z.number().int().describe('Deadlines that fell due in the period (by now) or were met in it'),
  met: z.number().int(),
  metOnTime: z.number().int(),
  metLate: z.number().int(),
  openOverdue: z.number().int().describe('Not met, and due before now'),
  onTimePct: z.number().nullable().describe('metOnTime / (met + openOverdue) × 100, one decimal; null when both are 0'),
  latenessHours: spread('hours').describe(
    'Over met late deadlines (met at − due) and open overdue ones (now − due, as of generatedAt); null when none',
  ),
  acknowledgeMinutes: spread('minutes').describe(
    'Over acknowledged escalations: the first acknowledgment − the escalation’s start; null when none',
  ),
  highestLevel: z.number().int().describe('The highest escalation level reached (0: none)'),
  escalated: z.number().int().describe('Deadlines with an escalation that reached level 1 or more'),
});
export type TimelinessReportRow = z.output<typeof timelinessReportRow>;

export const timelinessReportResponse = z.object({
  from: z.string().describe('The first month (YYYY-MM)'),
  to: z.string().describe('The last month (YYYY-MM)'),
  groupBy: z.array(z.enum(reportGroupings)),
  timeZone: z.string().describe(`The months’ time zone (${REPORT_ZONE})`),
  generatedAt: z.string().describe('When the figures were computed (open overdue lateness runs to this instant)'),
  rows: z.array(timelinessReportRow).describe('Sorted by the key, in the groupBy order (a null unit last)'),
});
export type TimelinessReportResponse = z.output<typeof timelinessReportResponse>;
