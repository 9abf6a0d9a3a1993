import { z } from 'zod';
import { schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import type { FamilyTimelineView } from './family-timeline.view';

export const familyTimelineResponse = z.object({
  familyId: z.uuid(),
  entries: z.array(
    z.object({
      seq: z.number().int().describe('The family’s one order across both agencies (as referrals received the facts)'),
      eventId: z.uuid(),
      eventType: z.string(),
      agency: z.enum(['cws', 'calworks', 'linkages']),
      kind: z.string(),
      label: z.string().describe('The step in plain words (facts only)'),
      occurredAt: z.string(),
      subject: z.string(),
    }),
  ),
  clocks: z.array(
    z.object({
      deadlineId: z.uuid(),
      purpose: z.string(),
      ruleId: z.string(),
      status: z.string(),
      dueAt: z.string().nullable(),
      citation: z.string().nullable(),
      explanation: z.string().nullable().describe('Why it is due then: rule, citation, counting, days skipped'),
      subject: z.string(),
    }),
  ),
  disclosure: z.object({ basis: z.string(), citation: z.string(), classes: z.array(z.string()), authorityIds: z.array(z.string()) }),
});

schemaMatches<MatchesSchema<FamilyTimelineView, typeof familyTimelineResponse>>();
