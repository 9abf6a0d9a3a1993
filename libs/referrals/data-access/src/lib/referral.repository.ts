import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReferralEntity } from './referral.entity';

/** A referral member whose blind indexes match a search, with which identifiers matched. */
export interface MemberMatch {
  referralId: string;
  familyId: string;
  personId: string;
  ssnMatch: boolean;
  dobMatch: boolean;
}

/** Referrals and their members. Every method runs in the caller's transaction (`dataSource.manager` outside one). */
@Injectable()
export class ReferralRepository {
  /** Saves a new referral with its members (cascade insert). */
  async add(tx: EntityManager, referral: ReferralEntity): Promise<void> {
    await tx.save(referral);
  }

  /** A referral in any county, with its members: the sharing policy decides who may see it. */
  withMembers(tx: EntityManager, id: string): Promise<ReferralEntity | null> {
    return tx.getRepository(ReferralEntity).findOne({ where: { id }, relations: { members: true } });
  }

  /** The referral if it is in the county; another county's referral is absent. */
  inCounty(tx: EntityManager, countyCode: string, id: string): Promise<ReferralEntity | null> {
    return tx.getRepository(ReferralEntity).findOne({ where: { id, countyCode } });
  }

  /** Members of the county's referrals with this SSN and/or date of birth (blind indexes; a null index is not searched), newest referral first, at most 50. */
  async matchMembers(
    tx: EntityManager,
    countyCode: string,
    search: { ssnIndex: string | null; dobIndex: string | null },
  ): Promise<MemberMatch[]> {
    const rows = (await tx.query(
      `SELECT r.id AS referral_id, r.family_id, m.id AS person_id, (m.ssn_index = $2) AS ssn_match, (m.dob_index = $3) AS dob_match
         FROM referrals.referral_members m JOIN referrals.referrals r ON r.id = m.referral_id
        WHERE r.county_code = $1 AND ($2::text IS NULL OR m.ssn_index = $2) AND ($3::text IS NULL OR m.dob_index = $3)
        ORDER BY r.created_at DESC LIMIT 50`,
      [countyCode, search.ssnIndex, search.dobIndex],
    )) as { referral_id: string; family_id: string; person_id: string; ssn_match: boolean | null; dob_match: boolean | null }[];
    return rows.map((r) => ({
      referralId: r.referral_id,
      familyId: r.family_id,
      personId: r.person_id,
      ssnMatch: r.ssn_match === true,
      dobMatch: r.dob_match === true,
    }));
  }
}
