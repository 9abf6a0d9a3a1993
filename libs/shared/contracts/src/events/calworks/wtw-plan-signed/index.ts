import { z } from 'zod';
import { calendarDate, code, familyId, id } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
  .describe('A wall-clock time HH:MM in America/Los_Angeles');

const wtwPlanActivity = z.object({
  activityId: id('WTW activity'),
  type: code('WTW activity type (unsubsidized-employment, job-search, vocational-training, education, behavioral-health-treatment, …)'),
  weeklyHours: z.number().min(0).max(168).describe('Scheduled hours per week'),
  startsOn: calendarDate,
  endsOn: calendarDate.optional(),
  slots: z
    .array(
      z.object({
        day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
        start: time,
        end: time,
      }),
    )
    .optional()
    .describe('The weekly schedule, when the activity has fixed hours'),
  requiresChildCare: z.boolean().optional().describe('The participant needs child care to attend'),
  requiresTransport: z.boolean().optional().describe('The activity is away from home and needs transportation'),
});

export const wtwPlanSignedEvent = defineEvent({
  domain: 'calworks',
  name: 'wtw-plan-signed',
  topic: topics.calworksWtwEvents,
  title: 'Welfare-to-Work plan signed',
  description:
    'A participant signed a Welfare-to-Work plan (WTW 2; WIC 11325.21) with its activities, weekly hours and schedules. Linkages puts the activities into the family’s coordinated case plan beside child welfare’s court-ordered services and flags conflicts (RULES.md 7, coordinated case planning; issue 13, Deliver 5). Types, hours and times only: no provider, no address.',
  producers: ['calworks'],
  payload: z.object({
    planId: id('WTW plan'),
    participantId: id('WTW participant'),
    auId: id('Assistance Unit'),
    familyId: familyId.describe('The Assistance Unit id (CalWORKs events are keyed by the AU)'),
    signedOn: calendarDate,
    activities: z.array(wtwPlanActivity).describe('The plan’s activities'),
  }),
  key: (p) => p.familyId,
  subject: (p) => `wtw-plan/${p.planId}`,
  example: {
    planId: '7b6a5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
    participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
    auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    familyId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
    signedOn: '2026-12-02',
    activities: [
      {
        activityId: '3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d',
        type: 'vocational-training',
        weeklyHours: 20,
        startsOn: '2026-12-07',
        endsOn: '2027-05-28',
        slots: [
          { day: 'mon', start: '08:30', end: '12:30' },
          { day: 'tue', start: '08:30', end: '12:30' },
          { day: 'wed', start: '08:30', end: '12:30' },
          { day: 'thu', start: '08:30', end: '12:30' },
          { day: 'fri', start: '08:30', end: '12:30' },
        ],
        requiresChildCare: true,
        requiresTransport: true,
      },
      {
        activityId: '4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e',
        type: 'job-search',
        weeklyHours: 10,
        startsOn: '2026-12-07',
      },
    ],
  },
});
