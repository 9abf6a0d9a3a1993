import { eventCatalog, eventsOnTopic, findEvent } from './catalog';
import { createEvent, EnvelopeError, fromKafkaRecord, toKafkaRecord } from './cloud-event';
import { topicList } from './topics';
import {
  casePlanFiledEvent,
  childRemovedEvent,
  compliancePlanSignedEvent,
  goodCauseFoundEvent,
  goodCauseProposedEvent,
  memberMatchKeysEvent,
  monthsUntickedEvent,
  noncomplianceStartedEvent,
  personMatchKeysEvent,
  preventionReferredEvent,
  sanctionCuredEvent,
  sanctionImposedEvent,
  specialPopulationFactsRecordedEvent,
} from '../events';

const ctx = { service: 'child-welfare', countyCode: '06085', correlationId: 'req-1' };

describe('event catalog', () => {
  it('holds the events the four services need', () => {
    const names = eventCatalog.map((e) => e.name);
    for (const required of [
      'referral-received',
      'child-removed',
      'case-opened',
      'case-closed',
      'child-reunified',
      'reunification-services-terminated',
      'reunification-services-ordered',
      'parental-rights-terminated',
      'referral-accepted',
      'case-plan-filed',
      'noncompliance-started',
      'good-cause-found',
      'compliance-plan-signed',
      'sanction-requested',
      'sanction-imposed',
      'sanction-cured',
      'months-unticked',
      'temporary-absence-started',
      'fr-aid-window-opened',
      'fr-aid-window-closed',
      'ab429-services-continued',
      'redetermination-due',
      'linkages-priority-flagged',
      'good-cause-proposed',
      'deadline-warning',
      'deadline-due',
      'deadline-overdue',
      'deadline-satisfied',
      'deadline-extended',
      'deadline-moved-earlier',
      'escalation-raised',
      'escalation-acknowledged',
      'notification-delivered',
      'person-match-keys',
      'member-match-keys',
      'referral-evaluated-out',
      'cft-meeting-held',
      'aided-status-recorded',
      'wtw-plan-signed',
      'supportive-service-changed',
      'removal-members-confirmed',
      'family-linked',
      'family-unlinked',
      'duplicate-suspected',
      'removal-members-proposed',
      'strategy-enrolled',
      'coordination-task-changed',
      'plan-conflict-flagged',
      'sharing-authority-ended',
      'prevention-referred',
      'special-population-facts-recorded',
    ])
      expect(names).toContain(required);
  });

  it.each(eventCatalog.map((e) => [e.type, e] as const))(
    '%s: versioned name, valid example, keyed by family, on a topic of its major',
    (_type, def) => {
      expect(def.type).toMatch(/^gov\.ca\.linkages\.[a-z]+\.[a-z][a-z0-9]*(-[a-z0-9]+)*\.v1$/);
      const example = def.payload.parse(def.example);
      expect(def.key(example)).toBe((example as { familyId: string }).familyId);
      expect(def.topic.name).toMatch(/\.v1$/);
      expect(topicList).toContain(def.topic);
      for (const producer of def.producers) expect(def.topic.producers).toContain(producer);
      expect(findEvent(def.type)).toBe(def);
    },
  );

  it('every topic carries at least one event, and every topic is keyed by family', () => {
    for (const topic of topicList) {
      expect(eventsOnTopic(topic).length).toBeGreaterThan(0);
      expect(topic.key).toBe('familyId');
      expect(topic.name).toMatch(/^linkages\.[a-z]+\.[a-z-]+\.v\d+$/);
    }
  });

  it('no payload has a field that would carry personal data', () => {
    const forbidden = /^(first|last|middle|full)?name$|ssn|social|birth|dob|address|street|phone|email|reporter|allegation|narrative|note/i;
    for (const def of eventCatalog) {
      for (const field of Object.keys(def.payload.shape))
        expect(`${def.type}.${field}`).not.toMatch(new RegExp(`\\.(${forbidden.source})`, 'i'));
    }
  });
});

describe('minor versions add optional fields only', () => {
  it('a payload published under 1.0 (without the 1.1 fields) is still valid', () => {
    const { calworksCaseNumber: _n, ...removal10 } = childRemovedEvent.example;
    expect(childRemovedEvent.payload.parse(removal10)).toEqual(removal10);
    const { recommendsCashAid: _c, recommendsAb429Services: _a, calworksCaseNumber: _p, ...plan10 } = casePlanFiledEvent.example;
    expect(casePlanFiledEvent.payload.parse(plan10)).toEqual(plan10);
    expect(childRemovedEvent.version).toBe('1.1');
  });

  it.each(
    [
      noncomplianceStartedEvent,
      goodCauseFoundEvent,
      compliancePlanSignedEvent,
      sanctionImposedEvent,
      sanctionCuredEvent,
      monthsUntickedEvent,
      goodCauseProposedEvent,
    ].map((def) => [def.type, def] as const),
  )('%s 1.1 names the AU, and a 1.0 payload without it stays valid', (_type, def) => {
    expect(def.version).toBe('1.1');
    const { auId, ...v10 } = def.example as { auId?: string };
    expect(auId).toMatch(/^[0-9a-f-]{36}$/);
    expect(def.payload.parse(v10)).toEqual(v10);
    expect(() => def.payload.parse({ ...def.example, auId: 'AU 12' })).toThrow();
  });

  it('the new fields carry codes, not free text', () => {
    expect(() => childRemovedEvent.payload.parse({ ...childRemovedEvent.example, calworksCaseNumber: 'case of J. Doe' })).toThrow();
    expect(() => monthsUntickedEvent.payload.parse({ ...monthsUntickedEvent.example, months: ['2026-13'] })).toThrow();
    expect(() => monthsUntickedEvent.payload.parse({ ...monthsUntickedEvent.example, months: [] })).toThrow();
  });
});

describe('match keys on the identity topic', () => {
  it.each([personMatchKeysEvent, memberMatchKeysEvent].map((def) => [def.type, def] as const))(
    '%s: read only by referrals, tokens only, keys required unless withdrawn',
    (_type, def) => {
      expect(def.topic.name).toBe('linkages.identity.match-keys.v1');
      expect(def.topic.consumers).toEqual(['referrals']);
      const example = def.example as Record<string, unknown> & { keys: { first: Record<string, string> } };
      expect(() =>
        def.payload.parse({ ...example, keys: { ...example.keys, first: { ...example.keys.first, exact: 'MARIA' } } }),
      ).toThrow();
      expect(() => def.payload.parse({ ...example, keys: { ...example.keys, ssn: '123456789' } })).toThrow();
      const { keys: _k, ...withoutKeys } = example;
      expect(() => def.payload.parse({ ...withoutKeys, withdrawn: false })).toThrow(/keys are required/);
      expect(def.payload.parse({ ...withoutKeys, withdrawn: true })).toMatchObject({ withdrawn: true });
    },
  );
});

describe('CloudEvents envelope in Kafka binary mode', () => {
  it('round-trips an event through ce_* headers, JSON body and family key', () => {
    const event = createEvent(childRemovedEvent, childRemovedEvent.example, { ...ctx, causationId: 'evt-0' });
    const record = toKafkaRecord(event);
    expect(record.key).toBe(childRemovedEvent.example.familyId);
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'gov.ca.linkages.cws.child-removed.v1',
      ce_source: '/linkages/child-welfare',
      'content-type': 'application/json',
      ce_correlationid: 'req-1',
      ce_causationid: 'evt-0',
      ce_countycode: '06085',
      ce_familyid: childRemovedEvent.example.familyId,
      ce_subject: `removal/${childRemovedEvent.example.removalId}`,
      ce_dataschema: expect.stringMatching(/child-removed\.v1\/1\.1$/),
    });
    const back = fromKafkaRecord({
      value: record.value,
      headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])),
    });
    expect(back).toEqual(event);
  });

  it('refuses to build an event whose payload breaks its schema', () => {
    expect(() => createEvent(childRemovedEvent, { ...childRemovedEvent.example, removedAt: 'yesterday' }, ctx)).toThrow(/removedAt/);
    expect(() => createEvent(childRemovedEvent, childRemovedEvent.example, { ...ctx, countyCode: '6085' })).toThrow(/countycode/);
  });

  it('names what is wrong with a record that is not a CloudEvent', () => {
    expect(() => fromKafkaRecord({ value: Buffer.from('{}'), headers: { ce_type: 'x' } })).toThrow(EnvelopeError);
    try {
      fromKafkaRecord({ value: Buffer.from('{}'), headers: { ce_type: 'x' } });
    } catch (error) {
      expect((error as EnvelopeError).issues.join('\n')).toMatch(/id|specversion/);
    }
    const record = toKafkaRecord(createEvent(childRemovedEvent, childRemovedEvent.example, ctx));
    expect(() => fromKafkaRecord({ value: Buffer.from('not json'), headers: record.headers })).toThrow(/not JSON/);
  });
});

describe('typed-in Linkages facts (issue 13, Deliver 3)', () => {
  it('prevention-referred carries risk factors as codes and the AU as an id', () => {
    expect(preventionReferredEvent.payload.parse(preventionReferredEvent.example)).toEqual(preventionReferredEvent.example);
    expect(() => preventionReferredEvent.payload.parse({ ...preventionReferredEvent.example, riskFactors: ['Mother fled DV'] })).toThrow();
    expect(() => preventionReferredEvent.payload.parse({ ...preventionReferredEvent.example, auId: 'CW-123' })).toThrow();
    const { auId: _a, ...withoutAu } = preventionReferredEvent.example;
    expect(preventionReferredEvent.payload.parse(withoutAu)).toEqual(withoutAu);
  });

  it('special-population-facts-recorded names an agency ref of the family and age bands from the vocabulary', () => {
    const def = specialPopulationFactsRecordedEvent;
    expect(def.payload.parse(def.example)).toEqual(def.example);
    expect(() => def.payload.parse({ ...def.example, refKind: 'person' })).toThrow();
    expect(() => def.payload.parse({ ...def.example, parentAgeBands: ['17'] })).toThrow();
    expect(def.subject(def.example)).toBe(`special-population-facts/${def.example.factsId}`);
  });
});
