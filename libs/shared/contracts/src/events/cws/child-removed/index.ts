import { z } from 'zod';
import { calworksCaseNumber, familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const childRemovedEvent = defineEvent({
  domain: 'cws',
  name: 'child-removed',
  topic: topics.cwsCaseEvents,
  title: 'Child removed',
  description:
    "A child was removed from the home and placed out of home. The minimum necessary fact for CalWORKs (WIC 10850): which child, on which date, whether all aided children are now out of the home, and the family's CalWORKs case number when child welfare knows it (since 1.1), by which CalWORKs finds the Assistance Unit. For an aided AU whose CalWORKs-eligible children are all removed, it starts the one month of temporary absence and then the AB 135 / AB 429 reunification window (RULES.md 4; WIC 11203(b)).",
  producers: ['child-welfare'],
  minor: 1,
  payload: z.object({
    removalId: id('Removal'),
    familyId,
    childId: id('Child'),
    caseId: id('CWS case'),
    removedAt: instant,
    allChildrenRemoved: z.boolean().describe('Every child in the home is now removed (AB 135 condition)'),
    calworksCaseNumber: calworksCaseNumber.optional(),
  }),
  key: (p) => p.familyId,
  subject: (p) => `removal/${p.removalId}`,
  example: {
    removalId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    childId: '7e6d5c4b-3a29-4187-9605-f4e3d2c1b0a9',
    caseId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    removedAt: '2026-11-30T02:15:00-08:00',
    allChildrenRemoved: true,
    calworksCaseNumber: 'CW-2026-004512',
  },
});
