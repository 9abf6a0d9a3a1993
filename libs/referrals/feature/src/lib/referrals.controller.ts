import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { type Principal } from '@linkages/platform-access';
import { ApiJsonBody, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-service';
import { createReferralBody, matchPersonBody, recordConsentBody, recordMdtBody, revokeAuthorityBody, type CreateReferral, type MatchPerson } from './referral.schemas';
import { ReferralsService, type AuthorityView, type DisclosedReferral, type PersonMatch } from './referrals.service';

@ApiTags('referrals')
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('referrals')
  @Requires('referral.create')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Refer a CWS family to Linkages', description: 'Child welfare staff only. The referral is recorded in your county; SSNs and dates of birth are stored encrypted; a `linkages.family-referred` event (ids and facts only) goes to CalWORKs.' })
  @ApiJsonBody(createReferralBody)
  @ApiCreatedResponse({ description: 'The referral as child welfare sees it, with the disclosure basis' })
  create(@CurrentPrincipal() principal: Principal, @ValidBody(createReferralBody) body: CreateReferral, @CorrelationId() correlationId: string): Promise<DisclosedReferral> {
    return this.referrals.create(principal, body, correlationId);
  }

  @Get('referrals/:referralId')
  @Requires('referral.read')
  @ApiOperation({ summary: 'Read a referral through the sharing policy', description: 'Child welfare sees the whole record. CalWORKs sees the WIC 10850 minimum (ids, facts, who) unless a signed authorization or an MDT membership widens it; the reporter never. Every read is audited with its legal basis.' })
  @ApiOkResponse({ description: 'The fields your authority allows, and `disclosure` (basis, citation, classes)' })
  @ApiNotFoundResponse({ description: 'No such referral in your county (problem+json)' })
  read(@CurrentPrincipal() principal: Principal, @UuidParam('referralId') referralId: string, @CorrelationId() correlationId: string): Promise<DisclosedReferral> {
    return this.referrals.read(principal, referralId, correlationId);
  }

  @Post('persons/match')
  @HttpCode(200)
  @Requires('person.match')
  @ApiOperation({ summary: 'Find referrals naming a person, by SSN and/or date of birth', description: 'A POST so identifiers never appear in URLs or access logs. Matching uses keyed blind indexes; nothing is decrypted. Audited.' })
  @ApiJsonBody(matchPersonBody)
  @ApiOkResponse({ description: 'Matching referral and person ids in your county' })
  match(@CurrentPrincipal() principal: Principal, @ValidBody(matchPersonBody) body: MatchPerson, @CorrelationId() correlationId: string): Promise<PersonMatch[]> {
    return this.referrals.match(principal, body, correlationId);
  }

  @Get('referrals/:referralId/authorities')
  @Requires('authority.read')
  @ApiOperation({ summary: 'List the sharing authorities recorded for a referral' })
  @ApiOkResponse({ description: 'Consents and MDT memberships, with whether each is active now' })
  authorities(@CurrentPrincipal() principal: Principal, @UuidParam('referralId') referralId: string, @CorrelationId() correlationId: string): Promise<AuthorityView[]> {
    return this.referrals.listAuthorities(principal, referralId, correlationId);
  }

  @Post('referrals/:referralId/consents')
  @Requires('authority.consent.record')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a signed authorization for release of information (WIC 18986.46)' })
  @ApiJsonBody(recordConsentBody)
  @ApiCreatedResponse({ description: 'The recorded authority' })
  recordConsent(@CurrentPrincipal() principal: Principal, @UuidParam('referralId') referralId: string, @ValidBody(recordConsentBody) body: z.output<typeof recordConsentBody>, @CorrelationId() correlationId: string): Promise<AuthorityView> {
    return this.referrals.recordConsent(principal, referralId, body, correlationId);
  }

  @Post('referrals/:referralId/mdt-memberships')
  @Requires('authority.mdt.record')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record CalWORKs staff as members of the family’s child-abuse MDT (WIC 18961.7)', description: 'The information-sharing window is the policy rule `linkages.mdt-information-window` (30 days from the report, extendable for good cause); its computation is returned in `basis`.' })
  @ApiJsonBody(recordMdtBody)
  @ApiCreatedResponse({ description: 'The recorded authority, with its window explained' })
  recordMdt(@CurrentPrincipal() principal: Principal, @UuidParam('referralId') referralId: string, @ValidBody(recordMdtBody) body: z.output<typeof recordMdtBody>, @CorrelationId() correlationId: string): Promise<AuthorityView> {
    return this.referrals.recordMdt(principal, referralId, body, correlationId);
  }

  @Post('referrals/:referralId/authorities/:authorityId/revoke')
  @HttpCode(200)
  @Requires('authority.revoke')
  @ApiOperation({ summary: 'Revoke a consent or end an MDT membership' })
  @ApiJsonBody(revokeAuthorityBody)
  @ApiOkResponse({ description: 'The revoked authority' })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('referralId') referralId: string,
    @UuidParam('authorityId') authorityId: string,
    @ValidBody(revokeAuthorityBody) body: z.output<typeof revokeAuthorityBody>,
    @CorrelationId() correlationId: string,
  ): Promise<AuthorityView> {
    return this.referrals.revoke(principal, referralId, authorityId, body.reason, correlationId);
  }
}
