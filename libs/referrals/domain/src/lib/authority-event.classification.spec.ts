import { z } from 'zod';
import { classifiedPaths, eventDisclosure, redact, type FieldSpec } from '@linkages/platform-access';
import { planConflictFlaggedEvent, sharingAuthorityEndedEvent, type EventDefinition } from '@linkages/shared-contracts';
import { authorityEventClassification } from './authority-event.classification';
import { cwsPlanActivityClassification } from './plan/plan.classification';
import type { PlanActivity } from './plan/coordinated-plan';

const fieldsOf = (def: EventDefinition) => Object.keys((def.payload as z.ZodObject).shape).sort();

describe('what referrals publishes of authorities and the plan', () => {
  it.each([sharingAuthorityEndedEvent, planConflictFlaggedEvent].map((d) => [d.type, d] as const))(
    '%s: every field is classified, and every class may leave referrals (the event view)',
    (type, def) => {
      const spec = authorityEventClassification[type] as FieldSpec;
      expect(Object.keys(spec as Record<string, FieldSpec>).sort()).toEqual(fieldsOf(def));
      for (const c of Object.values(classifiedPaths(spec))) expect(eventDisclosure.classes).toContain(c);
      // The contract's own example passes the event view whole.
      expect(redact(def.example, spec, eventDisclosure)).toEqual(def.example);
    },
  );
});

describe('the coordinated plan through the sharing policy', () => {
  const sud: PlanActivity = {
    id: 'a-1',
    agency: 'cws',
    source: 'staff',
    personRecordId: 'p-1',
    kind: 'court-ordered-service',
    typeCode: 'substance-use-treatment',
    title: 'Outpatient SUD treatment',
    weeklyHours: 9,
    slots: [{ day: 'tue', start: '13:00', end: '16:00' }],
    startsOn: '2027-03-08',
    endsOn: null,
    requiresChildCare: false,
    requiresTransport: true,
    location: 'Clinic on First Street',
    status: 'active',
    wtwCount: 'candidate',
  };

  it('classifies every field of a plan activity', () => {
    expect(Object.keys(cwsPlanActivityClassification).sort()).toEqual(Object.keys(sud).sort());
  });

  it('shows CalWORKs a CWS service as busy time (facts), never what or where it is, nor whether it may count toward WTW (which would tell its kind), without an authority', () => {
    const wic10850 = redact(sud, cwsPlanActivityClassification, { classes: ['key', 'fact', 'identity'] });
    expect(wic10850).toEqual({
      id: 'a-1',
      agency: 'cws',
      source: 'staff',
      personRecordId: 'p-1',
      weeklyHours: 9,
      slots: [{ day: 'tue', start: '13:00', end: '16:00' }],
      startsOn: '2027-03-08',
      endsOn: null,
      requiresChildCare: false,
      requiresTransport: true,
      status: 'active',
    });
    expect(redact(sud, cwsPlanActivityClassification, { classes: ['key', 'fact', 'identity', 'detail'] })).toEqual(sud);
  });
});
