import { eventTypeParts, timelineAgencyOf, timelineEntryOf } from './timeline-entry';

const ev = (type: string, data: Record<string, unknown>, source?: string) => ({
  id: 'e-1',
  type,
  time: '2027-03-20T17:00:00.000Z',
  data,
  ...(source ? { source } : {}),
});

describe('timelineEntryOf', () => {
  it('maps a child-welfare removal to its step, its own instant and the CWS agency', () => {
    expect(
      timelineEntryOf(
        ev('gov.ca.linkages.cws.child-removed.v1', { removalId: 'r', removedAt: '2027-03-15T10:00:00-07:00', allChildrenRemoved: true }),
      ),
    ).toEqual({
      kind: 'child-removed',
      agency: 'cws',
      label: 'All children removed from the home',
      occurredAt: '2027-03-15T10:00:00-07:00',
    });
  });

  it('maps CalWORKs and Linkages events, dates included', () => {
    expect(timelineEntryOf(ev('gov.ca.linkages.calworks.wtw-plan-signed.v1', { signedOn: '2027-03-02', activities: [{}, {}] }))).toEqual({
      kind: 'wtw-plan-signed',
      agency: 'calworks',
      label: 'WTW plan signed (2 activities)',
      occurredAt: '2027-03-02',
    });
    expect(
      timelineEntryOf(
        ev('gov.ca.linkages.linkages.sharing-authority-ended.v1', {
          kind: 'consent',
          reason: 'expired',
          endedAt: '2027-10-01T07:00:00.000Z',
        }),
      ),
    ).toEqual({
      kind: 'sharing-authority-ended',
      agency: 'linkages',
      label: 'Consent to share ended (expired)',
      occurredAt: '2027-10-01T07:00:00.000Z',
    });
  });

  it('labels the typed-in Linkages facts: a prevention referral and special-population facts (codes, never the reason)', () => {
    const referred = ev('gov.ca.linkages.linkages.prevention-referred.v1', {
      referralId: 'r',
      riskFactors: ['housing-instability', 'other'],
      memberCount: 2,
      referredAt: '2027-03-02T09:30:00-08:00',
    });
    expect(timelineEntryOf(referred)).toEqual({
      kind: 'prevention-referred',
      agency: 'linkages',
      label: 'CalWORKs household referred to Linkages Prevention (2 risk factors)',
      occurredAt: '2027-03-02T09:30:00-08:00',
    });
    expect(timelineEntryOf(ev('gov.ca.linkages.linkages.prevention-referred.v1', { riskFactors: [] })).label).toBe(
      'CalWORKs household referred to Linkages Prevention',
    );
    const facts = (data: Record<string, unknown>) =>
      timelineEntryOf(ev('gov.ca.linkages.linkages.special-population-facts-recorded.v1', data));
    expect(facts({ homeless: true, parentAgeBands: ['under-20', '20-plus'] })).toEqual({
      kind: 'special-population-facts-recorded',
      agency: 'linkages',
      label: 'Special-population facts recorded (homeless, teen parent)',
      occurredAt: '2027-03-20T17:00:00.000Z',
    });
    expect(facts({ homeless: false, parentAgeBands: ['20-plus'] }).label).toBe('Special-population facts recorded (not homeless)');
    expect(facts({ parentAgeBands: ['under-20'] }).label).toBe('Special-population facts recorded (teen parent)');
  });

  it('attributes a deadline event to the service owning the clock, and falls back to the event time', () => {
    const overdue = ev('gov.ca.linkages.deadlines.deadline-overdue.v1', {
      ruleId: 'calworks.wtw.good-cause-determination',
      ownerService: 'calworks',
    });
    expect(timelineEntryOf(overdue)).toEqual({
      kind: 'deadline-overdue',
      agency: 'calworks',
      label: 'Deadline overdue: calworks.wtw.good-cause-determination',
      occurredAt: '2027-03-20T17:00:00.000Z',
    });
    expect(timelineAgencyOf(ev('gov.ca.linkages.deadlines.deadline-due.v1', {}, 'child-welfare'))).toBe('cws');
    expect(timelineAgencyOf(ev('gov.ca.linkages.deadlines.deadline-due.v1', { ownerService: 'referrals' }))).toBe('linkages');
  });

  it('labels an event it does not know by its name, and never copies a field it does not name', () => {
    const entry = timelineEntryOf(ev('gov.ca.linkages.cws.home-visit-made.v1', { note: 'private narrative' }));
    expect(entry).toEqual({ kind: 'home-visit-made', agency: 'cws', label: 'Home visit made', occurredAt: '2027-03-20T17:00:00.000Z' });
    expect(JSON.stringify(entry)).not.toContain('private');
  });

  it('splits event types', () => {
    expect(eventTypeParts('gov.ca.linkages.calworks.sanction-imposed.v1')).toEqual({ domain: 'calworks', name: 'sanction-imposed' });
    expect(eventTypeParts('other')).toEqual({ domain: 'unknown', name: 'other' });
  });
});
