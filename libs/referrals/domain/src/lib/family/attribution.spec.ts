import { attributionOf } from './attribution';

const id = '5b0c3c1e-7d0b-4b8a-9d1c-2f4a6c8e0a11';
const au = '9a1c7e2f-3b4d-4e5f-8a6b-7c8d9e0f1a2b';

describe('attributionOf', () => {
  it('child welfare events belong to the CWS family', () => {
    expect(attributionOf({ type: 'gov.ca.linkages.cws.child-removed.v1', data: { familyId: id } })).toEqual({ kind: 'cws-family', id });
  });

  it('CalWORKs WTW events belong to the AU, by auId first', () => {
    expect(attributionOf({ type: 'gov.ca.linkages.calworks.sanction-imposed.v1', data: { familyId: id, auId: au } })).toEqual({
      kind: 'au',
      id: au,
    });
    expect(attributionOf({ type: 'gov.ca.linkages.calworks.sanction-imposed.v1', data: { familyId: au } })).toEqual({ kind: 'au', id: au });
  });

  it('CalWORKs FR aid events belong to the CWS family they were copied from', () => {
    expect(attributionOf({ type: 'gov.ca.linkages.calworks.fr-aid-window-opened.v1', data: { familyId: id, auId: au } })).toEqual({
      kind: 'cws-family',
      id,
    });
  });

  it('other events and events without the id are not attributed', () => {
    expect(attributionOf({ type: 'gov.ca.linkages.linkages.family-referred.v1', data: { familyId: id } })).toBeUndefined();
    expect(attributionOf({ type: 'gov.ca.linkages.cws.case-opened.v1', data: {} })).toBeUndefined();
  });
});
