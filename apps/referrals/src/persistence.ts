import { platformEntities, platformMigrations } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';
import {
  AddConsentScopes1772500000000,
  AddLinkagesFamilyToAuthorities1772300000000,
  AddLinkagesMatchingIndexes1772400000000,
  CreateLinkagesCoordinationTables1772100000000,
  CreateLinkagesIdentityTables1772000000000,
  CreateLinkagesPlanTables1772200000000,
  CreateReferralTables1767000000000,
  coordinationEntities,
  identityEntities,
  linkagesPlanEntities,
  referralEntities,
} from '@linkages/referrals-data-access';

/**
 * This service's own PostgreSQL schema, its TypeORM entities and its migrations: the platform's, then its own. One
 * line per slice (referrals and authorities; Linkages identity, coordination, plan); migrations oldest first.
 */
export const persistence: ServicePersistence = {
  schema: 'referrals',
  entities: [
    ...platformEntities,
    ...referralEntities, // referrals, members, sharing authorities
    ...identityEntities, // shared families, person records, links, reviews, timeline
    ...coordinationEntities, // coordination tasks, enrollments, joint meetings
    ...linkagesPlanEntities, // the coordinated case plan
  ],
  migrations: [
    ...platformMigrations('referrals'),
    CreateReferralTables1767000000000,
    CreateLinkagesIdentityTables1772000000000,
    CreateLinkagesCoordinationTables1772100000000,
    CreateLinkagesPlanTables1772200000000,
    AddLinkagesFamilyToAuthorities1772300000000,
    AddLinkagesMatchingIndexes1772400000000,
    AddConsentScopes1772500000000,
  ],
};
