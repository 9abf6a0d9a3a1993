import type { EntityManager } from 'typeorm';
import { publishCalworksEvent } from '@linkages/calworks-activities';
import { californiaDate, type MemberRole } from '@linkages/calworks-domain';
import { InvalidIdentifierError, ageBandOf, type MatchKeys, type MatchPerson } from '@linkages/platform-crypto';
import type { OutboxWriter } from '@linkages/platform-messaging';
import { memberMatchKeysEvent } from '@linkages/shared-contracts';

/** A member as recorded, with the plaintext the request carried (held in memory only, never stored or published). */
export interface MemberForMatching extends MatchPerson {
  memberId: string;
  role: MemberRole;
  aided: boolean;
  dateOfBirth: string;
}

/**
 * Publishes each member's match keys (calworks.member-match-keys on the identity topic, read only by Linkages; issue
 * 13, Deliver 1) in the caller's transaction, keyed by the AU with its case number: keyed tokens computed here, so no
 * name, date of birth or SSN leaves CalWORKs. A name with no letters gives no keys: that member is not published.
 */
export async function publishMemberMatchKeys(
  matchKeys: MatchKeys,
  outbox: OutboxWriter,
  tx: EntityManager,
  au: { id: string; caseNumber: string; countyCode: string },
  members: readonly MemberForMatching[],
  correlationId: string,
  now = new Date(),
): Promise<void> {
  for (const member of members) {
    let keys;
    try {
      keys = matchKeys.forPerson(member);
    } catch (error) {
      if (error instanceof InvalidIdentifierError) continue;
      throw error;
    }
    await publishCalworksEvent(
      outbox,
      tx,
      memberMatchKeysEvent,
      {
        memberId: member.memberId,
        auId: au.id,
        familyId: au.id,
        caseNumber: au.caseNumber,
        role: member.role,
        aided: member.aided,
        ageBand: ageBandOf(member.dateOfBirth, californiaDate(now.toISOString())),
        keys,
        withdrawn: false,
        recordedAt: now.toISOString(),
      },
      { countyCode: au.countyCode, correlationId },
    );
  }
}
