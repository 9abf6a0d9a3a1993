import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { ctxOf } from '../casework.context';
import { CreateFamily } from './create-family.command';
import { FamilyQuery } from './family.query';
import { createFamilyBody, type CreateFamilyInput } from './family.schemas';

/** Families and their members (county-scoped, audited; SSN and date of birth stored encrypted). */
@ApiTags('child welfare')
@Controller()
export class FamilyController {
  constructor(
    private readonly createFamilyCommand: CreateFamily,
    private readonly familyQuery: FamilyQuery,
  ) {}

  @Post('families')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a family and its members (SSN and date of birth stored encrypted)' })
  @ApiJsonBody(createFamilyBody)
  createFamily(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @ValidBody(createFamilyBody) body: CreateFamilyInput) {
    return this.createFamilyCommand.execute(ctxOf(p, c), body);
  }

  @Get('families/:familyId')
  @Requires('cws.record.read')
  @ApiOperation({ summary: 'A family and its members' })
  family(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('familyId') id: string) {
    return this.familyQuery.execute(ctxOf(p, c), id);
  }
}
