import {
  decideCwsDisclosure,
  eventDisclosure,
  matchKeyDisclosure,
  redact,
  type FieldSpec,
  type SharingAuthority,
  type Viewer,
} from './disclosure';

const spec = {
  id: 'key',
  county: 'key',
  removalDate: 'fact',
  members: [{ personId: 'key', firstName: 'identity', dob: 'identity' }],
  allegations: 'detail',
  reporter: { name: 'reporter', phone: 'reporter' },
} as const satisfies FieldSpec;

const record = {
  id: 'r1',
  county: '06085',
  removalDate: '2026-11-02',
  members: [{ personId: 'p1', firstName: 'Ada', dob: '2019-03-04', unclassified: 'x' }],
  allegations: ['general neglect'],
  reporter: { name: 'Neighbour', phone: '555' },
  internalNote: 'not classified, never leaves',
};

const now = new Date('2026-11-20T12:00:00Z');
const cws: Viewer = { subject: 'demo:cws-worker', agency: 'cws', county: '06085' };
const calworks: Viewer = { subject: 'demo:calworks-worker', agency: 'calworks', county: '06085' };
const authority = (a: Partial<SharingAuthority>): SharingAuthority => ({
  id: 'a1',
  kind: 'consent',
  county: '06085',
  effectiveFrom: new Date('2026-11-01T00:00:00Z'),
  expiresAt: new Date('2027-11-01T00:00:00Z'),
  categories: ['identity', 'detail'],
  ...a,
});
const view = (viewer: Viewer, authorities: SharingAuthority[] = []) =>
  redact(record, spec, decideCwsDisclosure(viewer, record, authorities, now));

describe('sharing policy', () => {
  it('gives child welfare everything it classified, and nothing it did not', () => {
    const v = view(cws);
    expect(v).toMatchObject({ reporter: { name: 'Neighbour' }, allegations: ['general neglect'] });
    expect(v).not.toHaveProperty('internalNote');
    expect(v?.members?.[0]).not.toHaveProperty('unclassified');
  });

  it('gives CalWORKs without an authority the WIC 10850 minimum: ids, facts, who; no case details, no reporter', () => {
    const decision = decideCwsDisclosure(calworks, record, [], now);
    expect(decision).toMatchObject({ allowed: true, basis: 'wic-10850', classes: ['key', 'fact', 'identity'] });
    expect(view(calworks)).toEqual({
      id: 'r1',
      county: '06085',
      removalDate: '2026-11-02',
      members: [{ personId: 'p1', firstName: 'Ada', dob: '2019-03-04' }],
    });
  });

  it('widens to case details under an active consent, never to the reporter', () => {
    const decision = decideCwsDisclosure(calworks, record, [authority({})], now);
    expect(decision).toMatchObject({ basis: 'consent', authorityIds: ['a1'] });
    expect(view(calworks, [authority({})])).toMatchObject({ allegations: ['general neglect'] });
    expect(view(calworks, [authority({})])).not.toHaveProperty('reporter');
  });

  it('ignores expired, revoked, not-yet-effective and other-county authorities', () => {
    for (const a of [
      authority({ expiresAt: new Date('2026-11-20T11:59:59Z') }),
      authority({ revokedAt: new Date('2026-11-19T00:00:00Z') }),
      authority({ effectiveFrom: new Date('2026-11-21T00:00:00Z') }),
      authority({ county: '06037' }),
    ]) {
      expect(view(calworks, [a])).not.toHaveProperty('allegations');
    }
  });

  it('applies an MDT membership only to its members and only inside its window', () => {
    const mdt = authority({ id: 'm1', kind: 'mdt', memberSubjects: ['demo:liaison'], expiresAt: new Date('2026-12-01T00:00:00Z') });
    expect(view(calworks, [mdt])).not.toHaveProperty('allegations');
    const liaison: Viewer = { ...calworks, subject: 'demo:liaison' };
    expect(decideCwsDisclosure(liaison, record, [mdt], now)).toMatchObject({ basis: 'mdt', authorityIds: ['m1'] });
    expect(decideCwsDisclosure(liaison, record, [mdt], new Date('2026-12-01T00:00:00Z')).basis).toBe('wic-10850');
  });

  it('refuses other counties (404) and platform staff (403)', () => {
    expect(decideCwsDisclosure({ ...cws, county: '06037' }, record, [], now)).toMatchObject({ allowed: false, refusal: 'other-county' });
    expect(decideCwsDisclosure({ subject: 'ops', agency: 'platform', county: '06085' }, record, [], now)).toMatchObject({
      allowed: false,
      refusal: 'no-authority',
    });
  });

  it('lets events carry ids and facts only', () => {
    expect(redact(record, spec, eventDisclosure)).toEqual({
      id: 'r1',
      county: '06085',
      removalDate: '2026-11-02',
      members: [{ personId: 'p1' }],
    });
  });
});

describe('match keys', () => {
  const keyed = { personId: 'key', role: 'fact', firstName: 'identity', keys: 'match-key' } as const satisfies FieldSpec;
  const person = { personId: 'p1', role: 'parent', firstName: 'Ada', keys: { ssn: 'ab'.repeat(32) } };
  const mdt = authority({ kind: 'mdt', memberSubjects: [calworks.subject], categories: ['identity', 'detail'] });
  const platform: Viewer = { subject: 'demo:admin', agency: 'platform', county: '06085' };

  it('no view of a record passes them: not child welfare’s own, not CalWORKs’ under consent or MDT, not the event view', () => {
    for (const decision of [
      decideCwsDisclosure(cws, record, [], now),
      decideCwsDisclosure(calworks, record, [], now),
      decideCwsDisclosure(calworks, record, [authority({}), mdt], now),
      decideCwsDisclosure(platform, record, [], now),
      eventDisclosure,
    ]) {
      expect(decision.classes).not.toContain('match-key');
      expect(redact(person, keyed, decision) ?? {}).not.toHaveProperty('keys');
    }
  });

  it('only the matching view passes them, with ids and facts but no identity', () => {
    expect(redact(person, keyed, matchKeyDisclosure)).toEqual({ personId: 'p1', role: 'parent', keys: person.keys });
    expect(matchKeyDisclosure.basis).toBe('linkages-matching');
  });
});
