import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import {
  recordConsentBody,
  recordMdtBody,
  revokeAuthorityBody,
  type RecordConsent,
  type RecordMdt,
  type RevokeAuthority,
} from '../referral.schemas';
import { alreadyRevoked } from './authority.problems';
import type { FamilyAuthorityView } from './authority.view';
import { familyAuthorityListResponse, familyAuthorityResponse } from './family-authority.schemas';
import { ListAuthoritiesQuery } from './list-authorities.query';
import { RecordConsentCommand } from './record-consent.command';
import { RecordMdtCommand } from './record-mdt.command';
import { RevokeAuthorityCommand } from './revoke-authority.command';

/**
 * The authority to share a shared family's child-welfare information with CalWORKs: consents (WIC 18986.46) and MDT
 * memberships (WIC 18961.7) recorded on the family; each one's expiry or window end is a durable timer that stops
 * sharing at that instant and records it. County-scoped (another county's family is a 404), audited.
 */
@ApiTags('linkages')
@Controller('shared-families/:familyId')
export class FamilyAuthoritiesController {
  constructor(
    private readonly list: ListAuthoritiesQuery,
    private readonly consent: RecordConsentCommand,
    private readonly mdt: RecordMdtCommand,
    private readonly revokeAuthority: RevokeAuthorityCommand,
  ) {}

  @Get('authorities')
  @Requires('authority.read')
  @ApiOperation({ summary: 'List the sharing authorities recorded for a shared family' })
  @ApiSuccess(familyAuthorityListResponse, {
    status: 200,
    description: 'Consents and MDT memberships, whether each is in force now, and why each ended',
  })
  @ApiProblems('validation', 'not-found')
  authorities(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @CorrelationId() correlationId: string,
  ): Promise<FamilyAuthorityView[]> {
    return this.list.executeOnFamily({ principal, correlationId }, familyId);
  }

  @Post('consents')
  @Requires('authority.consent.record')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Record a signed authorization for release of information (WIC 18986.46) on the shared family',
    description:
      'In force from the start of the day signed to the end of the expiry day (county time); at that instant sharing stops and the end is recorded.',
  })
  @ApiJsonBody(recordConsentBody)
  @ApiSuccess(familyAuthorityResponse, { status: 201, description: 'The recorded authority' })
  @ApiProblems('validation', 'not-found')
  recordConsent(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @ValidBody(recordConsentBody) body: RecordConsent,
    @CorrelationId() correlationId: string,
  ): Promise<FamilyAuthorityView> {
    return this.consent.executeOnFamily({ principal, correlationId }, familyId, body);
  }

  @Post('mdt-memberships')
  @Requires('authority.mdt.record')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Record CalWORKs staff as members of the family’s child-abuse MDT (WIC 18961.7)',
    description:
      'The window is the policy rule `linkages.mdt-information-window` (30 days from the report, extendable for good cause), tracked as a clock; at its end sharing stops and the end is recorded.',
  })
  @ApiJsonBody(recordMdtBody)
  @ApiSuccess(familyAuthorityResponse, { status: 201, description: 'The recorded authority, with its window explained' })
  @ApiProblems('validation', 'not-found')
  recordMdt(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @ValidBody(recordMdtBody) body: RecordMdt,
    @CorrelationId() correlationId: string,
  ): Promise<FamilyAuthorityView> {
    return this.mdt.executeOnFamily({ principal, correlationId }, familyId, body);
  }

  @Post('authorities/:authorityId/revoke')
  @Requires('authority.revoke')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Revoke a consent or end an MDT membership on the shared family' })
  @ApiJsonBody(revokeAuthorityBody)
  @ApiSuccess(familyAuthorityResponse, { status: 200, description: 'The revoked authority' })
  @ApiProblems('validation', 'not-found', alreadyRevoked)
  revoke(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @UuidParam('authorityId') authorityId: string,
    @ValidBody(revokeAuthorityBody) body: RevokeAuthority,
    @CorrelationId() correlationId: string,
  ): Promise<FamilyAuthorityView> {
    return this.revokeAuthority.executeOnFamily({ principal, correlationId }, familyId, authorityId, body.reason);
  }
}
