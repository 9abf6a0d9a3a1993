import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { PersonalData } from '@linkages/platform-crypto';
import { ReferralRepository } from '@linkages/referrals-data-access';
import type { RequestContext } from '../request-context';
import type { MatchPerson } from '../referral.schemas';

export interface PersonMatch {
  referralId: string;
  familyId: string;
  personId: string;
  matchedOn: ('ssn' | 'dateOfBirth')[];
}

/** Finds referrals in the caller's county naming a person with this SSN and/or date of birth (blind index; nothing is decrypted). Audited as a search. */
@Injectable()
export class MatchPersonQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly personalData: PersonalData,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute({ principal, correlationId }: RequestContext, input: MatchPerson): Promise<PersonMatch[]> {
    const { ssnIndex, dobIndex } = this.personalData.indexes(input);
    const matches = await this.referrals.matchMembers(this.dataSource.manager, principal.county, { ssnIndex, dobIndex });
    await this.audit.append({
      ...auditActor(principal),
      action: 'search',
      recordType: 'person',
      recordId: null,
      recordCounty: principal.county,
      purpose: 'match identities across agencies',
      outcome: 'allowed',
      correlationId,
      details: {
        by: [...(ssnIndex ? ['ssn'] : []), ...(dobIndex ? ['dateOfBirth'] : [])],
        results: matches.length,
        referralIds: matches.map((m) => m.referralId),
      },
    });
    return matches.map((m) => ({
      referralId: m.referralId,
      familyId: m.familyId,
      personId: m.personId,
      matchedOn: [...(m.ssnMatch ? ['ssn' as const] : []), ...(m.dobMatch ? ['dateOfBirth' as const] : [])],
    }));
  }
}
