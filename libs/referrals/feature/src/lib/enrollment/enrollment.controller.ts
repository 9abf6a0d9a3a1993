import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { enrollmentResponse, liaisonBody, type EnrollmentResponse, type LiaisonBody } from '../coordination/coordination.schemas';
import { noEnrollment } from '../coordination/coordination.problems';
import { AssignLiaisonCommand } from './assign-liaison.command';
import { ReadEnrollmentQuery } from './read-enrollment.query';

/** A shared family's Linkages strategy (issue 13, Deliver 3): placed from both agencies' events, superseded as the CWS case moves. */
@ApiTags('linkages')
@Controller('shared-families/:familyId/enrollment')
export class EnrollmentController {
  constructor(
    private readonly readEnrollment: ReadEnrollmentQuery,
    private readonly assignLiaison: AssignLiaisonCommand,
  ) {}

  @Get()
  @Requires('linkages.family.read')
  @ApiOperation({ summary: 'Read the family’s Linkages strategy: the enrollment in effect, why, and the earlier ones' })
  @ApiSuccess(enrollmentResponse, { status: 200, description: 'The enrollment in effect and its history' })
  @ApiProblems('validation', 'not-found', 'no-sharing-authority')
  read(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @CorrelationId() correlationId: string,
  ): Promise<EnrollmentResponse> {
    return this.readEnrollment.execute({ principal, correlationId }, familyId);
  }

  @Post('liaison')
  @Requires('linkages.enrollment.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Assign the family’s Linkages liaison (on the enrollment in effect)' })
  @ApiJsonBody(liaisonBody)
  @ApiSuccess(enrollmentResponse, { status: 200, description: 'The enrollment with its liaison' })
  @ApiProblems('validation', 'not-found', noEnrollment)
  liaison(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @ValidBody(liaisonBody) body: LiaisonBody,
    @CorrelationId() correlationId: string,
  ): Promise<EnrollmentResponse> {
    return this.assignLiaison.execute({ principal, correlationId }, familyId, body);
  }
}
