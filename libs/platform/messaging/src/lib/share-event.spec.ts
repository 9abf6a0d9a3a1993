import type { EntityManager } from 'typeorm';
import type { FieldSpec } from '@linkages/platform-access';
import {
  memberMatchKeysEvent,
  personMatchKeysEvent,
  referralAcceptedEvent,
  topics,
  type EventDefinition,
} from '@linkages/shared-contracts';
import type { OutboxWriter } from './outbox';
import { eventDisclosureFor, shareEvent } from './share-event';

const tx = {} as EntityManager;
const ctx = { countyCode: '06085', correlationId: 'req-1' };

function fakeOutbox() {
  const enqueued: { type: string; payload: unknown }[] = [];
  const outbox = {
    enqueue: async (_tx: EntityManager, def: EventDefinition, payload: unknown) => {
      enqueued.push({ type: def.type, payload });
    },
  } as unknown as OutboxWriter;
  return { outbox, enqueued };
}

const personKeysSpec: FieldSpec = {
  personId: 'key',
  familyId: 'key',
  role: 'fact',
  ageBand: 'fact',
  keys: 'match-key',
  withdrawn: 'fact',
  recordedAt: 'key',
};

describe('shareEvent and match keys', () => {
  it('passes match keys on the identity topic, with the ids and facts', async () => {
    const { outbox, enqueued } = fakeOutbox();
    const classification = { [personMatchKeysEvent.type]: personKeysSpec };
    await shareEvent(outbox, tx, classification, personMatchKeysEvent, personMatchKeysEvent.example, ctx);
    expect(enqueued).toEqual([{ type: personMatchKeysEvent.type, payload: personMatchKeysEvent.example }]);
    expect(eventDisclosureFor(memberMatchKeysEvent).classes).toContain('match-key');
  });

  it('refuses a match-key field on any other topic, before anything is enqueued', async () => {
    const { outbox, enqueued } = fakeOutbox();
    const onReferralTopic = { ...personMatchKeysEvent, topic: topics.linkagesReferralEvents } as typeof personMatchKeysEvent;
    await expect(
      shareEvent(outbox, tx, { [onReferralTopic.type]: personKeysSpec }, onReferralTopic, personMatchKeysEvent.example, ctx),
    ).rejects.toThrow(/classifies keys as match-key: match keys leave a service only on linkages\.identity\.match-keys\.v1/);
    const nested: FieldSpec = { referralId: 'key', familyId: 'key', extra: { keys: 'match-key' } };
    await expect(
      shareEvent(outbox, tx, { [referralAcceptedEvent.type]: nested }, referralAcceptedEvent, referralAcceptedEvent.example, ctx),
    ).rejects.toThrow(/extra\.keys as match-key/);
    expect(enqueued).toEqual([]);
  });

  it('keeps the ordinary event view elsewhere: no identity, no match keys', async () => {
    const { outbox, enqueued } = fakeOutbox();
    const spec: FieldSpec = {
      referralId: 'key',
      familyId: 'key',
      acceptedAt: 'key',
      responsePriority: 'fact',
      path: 'fact',
      knownToCalworks: 'fact',
      calworksCaseNumber: 'identity',
    };
    await shareEvent(outbox, tx, { [referralAcceptedEvent.type]: spec }, referralAcceptedEvent, referralAcceptedEvent.example, ctx);
    expect(enqueued[0]?.payload).not.toHaveProperty('calworksCaseNumber');
    expect(eventDisclosureFor(referralAcceptedEvent).classes).toEqual(['key', 'fact']);
  });
});
