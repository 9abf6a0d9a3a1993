import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { CaseworkRefusalAudit } from '../casework-refusal.audit';
import { ctxOf } from '../casework.context';
import { CreateFamily } from './create-family.command';
import { FamilyQuery } from './family.query';
import { createFamilyBody, familyResponse, type CreateFamilyInput } from './family.schemas';

/**
 * Families and their members (county-scoped, audited; SSN and date of birth stored encrypted).
 *
 * Status convention (every service): a POST that creates a resource answers 201 with it; a POST that is a command on
 * an existing resource answers 200 with the resource as it now is; a POST that is a query answers 200; GET 200.
 * Problems are application/problem+json, documented per route from the problem registry.
 */
@ApiTags('child welfare')
@Controller()
@UseInterceptors(CaseworkRefusalAudit)
export class FamilyController {
  constructor(
    private readonly createFamilyCommand: CreateFamily,
    private readonly familyQuery: FamilyQuery,
  ) {}

  @Post('families')
  @ApiSuccess(familyResponse, { status: 201, description: 'The family as recorded: members with their ids, date of birth, SSN masked' })
  @ApiProblems('validation')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a family and its members (SSN and date of birth stored encrypted)' })
  @ApiJsonBody(createFamilyBody)
  createFamily(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @ValidBody(createFamilyBody) body: CreateFamilyInput) {
    return this.createFamilyCommand.execute(ctxOf(p, c), body);
  }

  @Get('families/:familyId')
  @ApiSuccess(familyResponse, { status: 200, description: 'The family and its members (date of birth shown, SSN masked)' })
  @ApiProblems('validation', 'not-found')
  @Requires('cws.record.read')
  @ApiOperation({ summary: 'A family and its members' })
  family(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('familyId') id: string) {
    return this.familyQuery.execute(ctxOf(p, c), id);
  }
}
