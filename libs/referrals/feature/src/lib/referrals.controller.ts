import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { type Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import type { DisclosedReferral } from '@linkages/referrals-domain';
import { alreadyRevoked } from './authority/authority.problems';
import { ListAuthoritiesQuery } from './authority/list-authorities.query';
import { RecordConsentCommand } from './authority/record-consent.command';
import { RecordMdtCommand } from './authority/record-mdt.command';
import { RevokeAuthorityCommand } from './authority/revoke-authority.command';
import type { AuthorityView } from './authority/authority.view';
import { MatchPersonQuery, type PersonMatch } from './person/match-person.query';
import { CreateReferralCommand } from './referral/create-referral.command';
import { createReferralResponse } from './referral/create-referral.response';
import { ReadReferralQuery } from './referral/read-referral.query';
import {
  authorityListResponse,
  authorityResponse,
  createReferralBody,
  disclosedReferralResponse,
  matchPersonBody,
  personMatchListResponse,
  recordConsentBody,
  recordMdtBody,
  revokeAuthorityBody,
  type CreateReferral,
  type MatchPerson,
  type RecordConsent,
  type RecordMdt,
  type RevokeAuthority,
} from './referral.schemas';

/**
 * Linkages referrals from child welfare, person matching and the sharing authorities (consents, MDT memberships).
 * County-scoped (another county's referral is a 404), audited, read through the sharing policy.
 *
 * Status convention (every service): a POST that creates a resource answers 201 with it; a POST that is a command on
 * an existing resource answers 200 with the resource as it now is; a POST that is a query answers 200; GET 200.
 * Here: referrals, consents and MDT memberships are created (201); revoke is a command (200); /persons/match is a
 * query sent as a POST so identifiers stay out of URLs (200). Problems are documented per route from the registry.
 */
@ApiTags('referrals')
@Controller()
export class ReferralsController {
  constructor(
    private readonly createReferral: CreateReferralCommand,
    private readonly readReferral: ReadReferralQuery,
    private readonly matchPerson: MatchPersonQuery,
    private readonly listAuthorities: ListAuthoritiesQuery,
    private readonly recordConsentCommand: RecordConsentCommand,
    private readonly recordMdtCommand: RecordMdtCommand,
    private readonly revokeAuthority: RevokeAuthorityCommand,
  ) {}

  @Post('referrals')
  @Requires('referral.create')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Refer a CWS family to Linkages',
    description:
      "Child welfare staff only. The referral is recorded in your county; SSNs and dates of birth are stored encrypted; a `linkages.family-referred` event (ids and facts only) goes to CalWORKs. The members are matched like the agencies' own records: the same family referred again shares its Linkages family id, and the answer names the earlier referral (`duplicateOf`).",
  })
  @ApiJsonBody(createReferralBody)
  @ApiSuccess(createReferralResponse, {
    status: 201,
    description: 'The referral as child welfare sees it, with the disclosure basis (and duplicateOf when the family was referred before)',
  })
  @ApiProblems('validation')
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createReferralBody) body: CreateReferral,
    @CorrelationId() correlationId: string,
  ) {
    return this.createReferral.execute({ principal, correlationId }, body);
  }

  @Get('referrals/:referralId')
  @Requires('referral.read')
  @ApiOperation({
    summary: 'Read a referral through the sharing policy',
    description:
      'Child welfare sees the whole record. CalWORKs sees the WIC 10850 minimum (ids, facts, who) unless a signed authorization or an MDT membership widens it; the reporter never. Every read is audited with its legal basis.',
  })
  @ApiSuccess(disclosedReferralResponse, {
    status: 200,
    description: 'The fields your authority allows, and `disclosure` (basis, citation, classes)',
  })
  @ApiProblems('validation', 'not-found', 'no-sharing-authority')
  read(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('referralId') referralId: string,
    @CorrelationId() correlationId: string,
  ): Promise<DisclosedReferral> {
    return this.readReferral.execute({ principal, correlationId }, referralId);
  }

  @Post('persons/match')
  @Requires('person.match')
  @ApiOperation({
    summary: 'Find referrals naming a person, by SSN and/or date of birth',
    description:
      'A POST so identifiers never appear in URLs or access logs. Matching uses keyed blind indexes; nothing is decrypted. Audited.',
  })
  @ApiJsonBody(matchPersonBody)
  @ApiSuccess(personMatchListResponse, { status: 200, description: 'Matching referral and person ids in your county' })
  @ApiProblems('validation')
  match(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(matchPersonBody) body: MatchPerson,
    @CorrelationId() correlationId: string,
  ): Promise<PersonMatch[]> {
    return this.matchPerson.execute({ principal, correlationId }, body);
  }

  @Get('referrals/:referralId/authorities')
  @Requires('authority.read')
  @ApiOperation({ summary: 'List the sharing authorities recorded for a referral' })
  @ApiSuccess(authorityListResponse, { status: 200, description: 'Consents and MDT memberships, with whether each is active now' })
  @ApiProblems('validation', 'not-found')
  authorities(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('referralId') referralId: string,
    @CorrelationId() correlationId: string,
  ): Promise<AuthorityView[]> {
    return this.listAuthorities.execute({ principal, correlationId }, referralId);
  }

  @Post('referrals/:referralId/consents')
  @Requires('authority.consent.record')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a signed authorization for release of information (WIC 18986.46)' })
  @ApiJsonBody(recordConsentBody)
  @ApiSuccess(authorityResponse, { status: 201, description: 'The recorded authority' })
  @ApiProblems('validation', 'not-found')
  recordConsent(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('referralId') referralId: string,
    @ValidBody(recordConsentBody) body: RecordConsent,
    @CorrelationId() correlationId: string,
  ): Promise<AuthorityView> {
    return this.recordConsentCommand.execute({ principal, correlationId }, referralId, body);
  }

  @Post('referrals/:referralId/mdt-memberships')
  @Requires('authority.mdt.record')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Record CalWORKs staff as members of the family’s child-abuse MDT (WIC 18961.7)',
    description:
      'The information-sharing window is the policy rule `linkages.mdt-information-window` (30 days from the report, extendable for good cause); its computation is returned in `basis`.',
  })
  @ApiJsonBody(recordMdtBody)
  @ApiSuccess(authorityResponse, { status: 201, description: 'The recorded authority, with its window explained' })
  @ApiProblems('validation', 'not-found')
  recordMdt(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('referralId') referralId: string,
    @ValidBody(recordMdtBody) body: RecordMdt,
    @CorrelationId() correlationId: string,
  ): Promise<AuthorityView> {
    return this.recordMdtCommand.execute({ principal, correlationId }, referralId, body);
  }

  @Post('referrals/:referralId/authorities/:authorityId/revoke')
  @Requires('authority.revoke')
  @ApiOperation({ summary: 'Revoke a consent or end an MDT membership' })
  @ApiJsonBody(revokeAuthorityBody)
  @ApiSuccess(authorityResponse, { status: 200, description: 'The revoked authority' })
  @ApiProblems('validation', 'not-found', alreadyRevoked)
  revoke(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('referralId') referralId: string,
    @UuidParam('authorityId') authorityId: string,
    @ValidBody(revokeAuthorityBody) body: RevokeAuthority,
    @CorrelationId() correlationId: string,
  ): Promise<AuthorityView> {
    return this.revokeAuthority.execute({ principal, correlationId }, referralId, authorityId, body.reason);
  }
}
