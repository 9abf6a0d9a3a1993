import type { EntityManager } from 'typeorm';
import { dateOf, type PersonRole } from '@linkages/child-welfare-domain';
import { InvalidIdentifierError, ageBandOf, type MatchKeys, type MatchPerson } from '@linkages/platform-crypto';
import type { OutboxWriter } from '@linkages/platform-messaging';
import { personMatchKeysEvent } from '@linkages/shared-contracts';
import { shareEvent } from '../share-event';

/** A person as recorded, with the plaintext the caller holds in memory (never stored or published as such). */
export interface PersonForMatching extends MatchPerson {
  personId: string;
  familyId: string;
  role: PersonRole;
  dateOfBirth: string;
}

/**
 * Publishes each person's match keys (cws.person-match-keys on the identity topic, read only by Linkages; issue 13,
 * Deliver 1) in the caller's transaction: keyed tokens computed here from the plaintext the request carried, so no
 * name, date of birth or SSN leaves child welfare. A name with no letters gives no keys: that person is not published
 * (nothing could match it).
 */
export async function publishPersonMatchKeys(
  matchKeys: MatchKeys,
  outbox: OutboxWriter,
  tx: EntityManager,
  persons: readonly PersonForMatching[],
  ctx: { countyCode: string; correlationId: string },
  now = new Date(),
): Promise<void> {
  for (const person of persons) {
    let keys;
    try {
      keys = matchKeys.forPerson(person);
    } catch (error) {
      if (error instanceof InvalidIdentifierError) continue;
      throw error;
    }
    await shareEvent(
      outbox,
      tx,
      personMatchKeysEvent,
      {
        personId: person.personId,
        familyId: person.familyId,
        role: person.role,
        ageBand: ageBandOf(person.dateOfBirth, dateOf(now)),
        keys,
        withdrawn: false,
        recordedAt: now.toISOString(),
      },
      ctx,
    );
  }
}
