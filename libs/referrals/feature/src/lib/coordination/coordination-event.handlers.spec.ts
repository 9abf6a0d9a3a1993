import type { EntityManager } from 'typeorm';
import type { FamilyResolver } from '@linkages/referrals-data-access';
import type { HandlerRegistration } from '@linkages/platform-messaging';
import {
  caseClosedEvent,
  childRemovedEvent,
  familyReferredEvent,
  referralAcceptedEvent,
  sanctionCuredEvent,
  type EventDefinition,
} from '@linkages/shared-contracts';
import type { MatchPipeline } from '../identity/match-pipeline';
import { coordinationEventHandlers, type CoordinationProcesses } from './coordination-event.handlers';

const SHARED = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const tx = {} as EntityManager;

function setup(identities: { kind: string; id: string }[] = []) {
  const told: { familyId: string; eventId: string; kind: string; start: boolean }[] = [];
  const resolved: { kind: string; id: string }[] = [];
  const timeline: string[] = [];
  const proposed: string[] = [];
  const families = {
    resolve: async (_tx: EntityManager, _county: string, ref: { kind: string; id: string }) => {
      resolved.push(ref);
      return { familyId: SHARED, created: false };
    },
    appendTimeline: async (_tx: EntityManager, _familyId: string, entry: { eventId: string }) => {
      timeline.push(entry.eventId);
      return timeline.length;
    },
    identitiesOf: async () => identities.map((i) => ({ ...i, calworksCaseNumber: null })),
  } as unknown as FamilyResolver;
  const processes = {
    tell: async (familyId: string, _county: string, eventId: string, fact: { kind: string }, start = true) => {
      told.push({ familyId, eventId, kind: fact.kind, start });
    },
  } as unknown as CoordinationProcesses;
  const pipeline = {
    proposeRemovalMembers: async (_tx: EntityManager, _county: string, r: { removalId: string }) => {
      proposed.push(r.removalId);
      return [];
    },
  } as unknown as MatchPipeline;
  const handlers = coordinationEventHandlers(processes, families, pipeline);
  const deliver = async <D extends EventDefinition>(def: D, data: Record<string, unknown>) => {
    const h = handlers.find((x: HandlerRegistration) => x.event.type === def.type);
    if (!h) throw new Error(`no handler for ${def.type}`);
    const id = globalThis.crypto.randomUUID();
    await h.handle(
      {
        id,
        type: def.type,
        source: 'test',
        specversion: '1.0',
        time: '2027-11-24T18:00:00Z',
        subject: 'x',
        countycode: '06085',
        correlationid: 'corr-1',
        data: { ...(def.example as Record<string, unknown>), ...data },
      } as never,
      tx,
    );
    return id;
  };
  return { told, resolved, timeline, proposed, deliver };
}

describe('coordination inbox handlers', () => {
  it('an accepted referral naming a CalWORKs case starts the process; the family is resolved from the CWS family and the event timelined first', async () => {
    const s = setup();
    const id = await s.deliver(referralAcceptedEvent, { knownToCalworks: true, calworksCaseNumber: 'CW-2027-000001' });
    expect(s.resolved).toEqual([{ kind: 'cws-family', id: (referralAcceptedEvent.example as { familyId: string }).familyId }]);
    expect(s.timeline).toEqual([id]);
    expect(s.told).toEqual([{ familyId: SHARED, eventId: id, kind: 'referral-accepted', start: true }]);
  });

  it('a fact that alone calls for no coordination only reaches a running process, unless both agencies are linked to the family', async () => {
    const alone = setup([{ kind: 'cws-family', id: 'f' }]);
    await alone.deliver(caseClosedEvent, {});
    await alone.deliver(sanctionCuredEvent, {});
    expect(alone.told.map((t) => [t.kind, t.start])).toEqual([
      ['case-closed', false],
      ['sanction-cured', false],
    ]);
    expect(alone.resolved.map((r) => r.kind)).toEqual(['cws-family', 'au']);
    const linked = setup([
      { kind: 'cws-family', id: 'f' },
      { kind: 'au', id: 'a' },
    ]);
    await linked.deliver(sanctionCuredEvent, {});
    expect(linked.told.map((t) => [t.kind, t.start])).toEqual([['sanction-cured', true]]);
  });

  it('child-removed proposes the AU members of the removal and tells the process; without a case number it starts none', async () => {
    const s = setup();
    const removalId = (childRemovedEvent.example as { removalId: string }).removalId;
    await s.deliver(childRemovedEvent, { calworksCaseNumber: undefined });
    expect(s.proposed).toEqual([removalId]);
    expect(s.told.map((t) => [t.kind, t.start])).toEqual([['child-removed', false]]);
  });

  it('a typed-in referral is the referral’s shared family and always starts the process', async () => {
    const s = setup();
    await s.deliver(familyReferredEvent, {});
    expect(s.resolved).toEqual([{ kind: 'linkages-referral', id: (familyReferredEvent.example as { referralId: string }).referralId }]);
    expect(s.told.map((t) => [t.kind, t.start])).toEqual([['family-referred', true]]);
  });
});
