import { familyLinkOf } from './family-link.rules';
import { proposedAuMembers } from './removal-members.rules';

describe('familyLinkOf', () => {
  it('an adult linked in both families makes them one', () => {
    expect(familyLinkOf([{ linkId: 'l1', aAgeBand: '20-plus', bAgeBand: '20-plus' }])).toEqual({
      outcome: 'link',
      basis: 'adult-linked',
      linkIds: ['l1'],
    });
  });

  it('the case number with one person agreeing links; with none, a review; children only, a review', () => {
    const child = { linkId: 'c1', aAgeBand: 'child' as const, bAgeBand: 'child' as const };
    expect(familyLinkOf([child], { a: 'CW-2026-004512', b: 'cw-2026-004512 ' })).toMatchObject({ outcome: 'link', basis: 'case-number' });
    expect(familyLinkOf([], { a: 'CW-2026-004512', b: 'CW-2026-004512' })).toMatchObject({ outcome: 'review', basis: 'case-number-only' });
    expect(familyLinkOf([child], { a: 'CW-2026-004512', b: 'CW-2026-000001' })).toMatchObject({
      outcome: 'review',
      basis: 'children-only',
    });
    expect(familyLinkOf([])).toEqual({ outcome: 'none' });
  });
});

describe('proposedAuMembers', () => {
  it('proposes the AU members linked to the removed child, per AU', () => {
    const links = [
      { linkId: 'l1', cwsPersonId: 'child-1', auId: 'au-1', auMemberId: 'm-1' },
      { linkId: 'l2', cwsPersonId: 'child-2', auId: 'au-1', auMemberId: 'm-2' },
      { linkId: 'l3', cwsPersonId: 'child-1', auId: 'au-0', auMemberId: 'm-9' },
    ];
    expect(proposedAuMembers('child-1', links)).toEqual([
      { auId: 'au-0', proposedMemberIds: ['m-9'], linkIds: ['l3'] },
      { auId: 'au-1', proposedMemberIds: ['m-1'], linkIds: ['l1'] },
    ]);
    expect(proposedAuMembers('child-3', links)).toEqual([]);
  });
});
