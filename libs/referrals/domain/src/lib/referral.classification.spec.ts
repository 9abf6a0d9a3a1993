import { classifiedPaths, decideCwsDisclosure, eventDisclosure, fieldClasses, redact } from '@linkages/platform-access';
import { familyReferredEvent } from '@linkages/shared-contracts';
import { familyReferredPayload } from './family-referred.payload';
import type { ReferralView } from './referral';
import { referralClassification } from './referral.classification';

const view: ReferralView = {
  id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
  countyCode: '06085',
  status: 'open',
  createdAt: '2026-12-01T17:30:00.000Z',
  caseType: 'FR',
  cwsCaseNumber: 'CWS-2026-0001',
  calworksCaseNumber: 'CW-2026-0001',
  calworksAided: true,
  removedOn: '2026-11-30',
  childrenRemoved: 1,
  memberCount: 2,
  members: [
    { personId: 'c1', role: 'parent', firstName: 'Ana', lastName: 'Rivera', dateOfBirth: '1991-04-05', ssnMasked: '***-**-9999' },
    { personId: 'c2', role: 'child', firstName: 'Luz', lastName: 'Rivera', dateOfBirth: '2020-06-07', ssnMasked: null },
  ],
  allegations: ['general neglect'],
  safetyConcerns: 'A concern',
  servicesRecommended: ['parenting class'],
  reporter: { name: 'A Neighbour', phone: '408-555-0199', relationship: 'neighbour' },
};

describe('the referral and the sharing policy', () => {
  it('classifies every field of the view', () => {
    const paths = Object.keys(classifiedPaths(referralClassification)).map((p) => p.split(/[.[]/)[0]);
    expect([...new Set(paths)].sort()).toEqual(Object.keys(view).sort());
    expect(
      Object.keys(classifiedPaths(referralClassification))
        .filter((p) => p.startsWith('members[]'))
        .sort(),
    ).toEqual(
      Object.keys(view.members[0]!)
        .map((k) => `members[].${k}`)
        .sort(),
    );
  });

  it('keeps the reporter for child welfare: CalWORKs never sees it, whatever was signed (PC 11167(d))', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const window = {
      county: '06085',
      effectiveFrom: new Date('2026-11-01T00:00:00Z'),
      expiresAt: new Date('2027-11-01T00:00:00Z'),
      categories: ['identity', 'detail'] as const,
    };
    const calworks = decideCwsDisclosure(
      { subject: 'demo:liaison', agency: 'calworks', county: '06085' },
      { county: '06085' },
      [
        { id: 'c', kind: 'consent', ...window },
        { id: 'm', kind: 'mdt', memberSubjects: ['demo:liaison'], ...window },
      ],
      now,
    );
    expect(redact(view, referralClassification, calworks)).toMatchObject({ allegations: view.allegations, members: view.members });
    expect(redact(view, referralClassification, calworks)).not.toHaveProperty('reporter');
    expect(redact(view, referralClassification, { classes: fieldClasses.filter((c) => c !== 'reporter') })).not.toHaveProperty('reporter');
    expect(
      redact(
        view,
        referralClassification,
        decideCwsDisclosure({ subject: 's', agency: 'cws', county: '06085' }, { county: '06085' }, [], now),
      ),
    ).toHaveProperty('reporter', view.reporter);
  });

  it('builds the family-referred event from the event view only: ids and facts, valid against its contract', () => {
    const payload = familyReferredPayload(redact(view, referralClassification, eventDisclosure) ?? {});
    expect(familyReferredEvent.payload.parse(payload)).toEqual({
      referralId: view.id,
      familyId: view.familyId,
      caseType: 'FR',
      childRemoved: true,
      removedOn: '2026-11-30',
      childrenRemoved: 1,
      memberCount: 2,
      calworksAided: true,
      referredAt: view.createdAt,
    });
    for (const secret of ['Ana', 'Rivera', '1991-04-05', '9999', 'A Neighbour', 'general neglect', 'A concern'])
      expect(JSON.stringify(payload)).not.toContain(secret);
  });

  it('leaves out the removal date when no child is removed', () => {
    const payload = familyReferredPayload({ ...view, removedOn: null, childrenRemoved: 0 });
    expect(payload).toMatchObject({ childRemoved: false, childrenRemoved: 0 });
    expect(payload).not.toHaveProperty('removedOn');
  });

  it('refuses an event view that lacks the key facts (a classification that withholds them)', () => {
    expect(() => familyReferredPayload(redact(view, referralClassification, { classes: ['key'] }) ?? {})).toThrow('lacks its key facts');
  });
});
