import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MATCH_KEYS, MatchKeys, ageBandOf } from '@linkages/platform-crypto';
import { FamilyResolver, IdentityRepository } from '@linkages/referrals-data-access';
import type { MemberRole } from '@linkages/referrals-domain';
import { MatchPipeline } from '../identity/match-pipeline';

/** A person typed into Linkages (a referral's member): the id its record has, and what staff typed. */
export interface TypedInPerson {
  personId: string;
  role: MemberRole;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  ssn?: string | undefined;
}

export interface TypedInHousehold {
  countyCode: string;
  /** The referral: the household's family ref (`linkages-referral`). */
  referralId: string;
  /** The CalWORKs case number staff named (the family-link rules' case-number basis), if any. */
  calworksCaseNumber: string | null;
  people: readonly TypedInPerson[];
  correlationId: string;
}

export interface MatchedHousehold {
  /** The shared Linkages family the household's people link into (its own, minted, when they match no one). */
  familyId: string;
  /** An earlier typed-in referral of the same shared family (the same household referred again). */
  duplicateOf?: string;
}

/**
 * A household typed into Linkages (POST /referrals, POST /prevention-referrals) is matched and deduplicated like the
 * agencies' own records, in the caller's transaction: its referral is a family ref of its own, each person gets the
 * match keys the agencies' services compute (MATCH_KEYS) as a person record of that ref, and goes through the
 * MatchPipeline; the household's shared family is then the one its ref maps to (joined with an AU's or a CWS
 * family's when the family-link rules hold). Match keys never leave the transaction.
 */
@Injectable()
export class TypedInHouseholdMatcher {
  constructor(
    @Inject(MATCH_KEYS) private readonly matchKeys: MatchKeys,
    private readonly families: FamilyResolver,
    private readonly identity: IdentityRepository,
    private readonly pipeline: MatchPipeline,
  ) {}

  async match(tx: EntityManager, household: TypedInHousehold): Promise<MatchedHousehold> {
    const { countyCode, referralId, calworksCaseNumber, correlationId } = household;
    const ref = { kind: 'linkages-referral' as const, id: referralId };
    const today = new Date().toISOString().slice(0, 10);
    const keys = household.people.map((p) => this.matchKeys.forPerson(p));
    await this.pipeline.serializeCounty(tx, countyCode);
    await this.families.resolve(tx, countyCode, ref);
    if (calworksCaseNumber) await this.families.recordCaseNumber(tx, ref, calworksCaseNumber);
    for (const [i, person] of household.people.entries()) {
      const personKeys = keys[i];
      if (!personKeys) continue;
      const record = await this.identity.upsertPerson(tx, {
        countyCode,
        agency: 'linkages',
        refKind: 'referral-member',
        refId: person.personId,
        familyRefKind: 'linkages-referral',
        familyRefId: referralId,
        role: person.role,
        ageBand: ageBandOf(person.dateOfBirth, today),
        aided: null,
        caseNumber: calworksCaseNumber,
        keys: personKeys,
        withdrawnAt: null,
        sourceEventId: null,
      });
      await this.pipeline.run(tx, record, correlationId);
    }
    const familyId = await this.families.familyOf(tx, countyCode, ref);
    if (!familyId) throw new Error('The typed-in household has no shared family');
    const duplicateOf = (await this.families.identitiesOf(tx, familyId)).find(
      (i) => i.kind === 'linkages-referral' && i.id !== referralId,
    )?.id;
    return { familyId, ...(duplicateOf ? { duplicateOf } : {}) };
  }
}
