import { Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, ValidBody } from '@linkages/platform-http';
import { AssignWorkCommand } from './assign-work.command';
import { personNotAssignable } from './organisation.problems';
import {
  assignmentBody,
  assignmentResponse,
  peopleResponse,
  unitsResponse,
  type AssignmentBody,
  type AssignmentResponse,
  type PeopleResponse,
  type UnitsResponse,
} from './organisation.schemas';
import { ReadOrganisationQuery } from './read-organisation.query';

/** The organisation escalations climb (issue 14, Deliver 1): people and units of the caller's county and agency; assignments. */
@ApiTags('notifications')
@Controller()
export class OrganisationController {
  constructor(
    private readonly readOrganisation: ReadOrganisationQuery,
    private readonly assignWork: AssignWorkCommand,
  ) {}

  @Get('organisation/people')
  @Requires('organisation.read')
  @ApiOperation({ summary: 'List the people of your county and agency' })
  @ApiSuccess(peopleResponse, { status: 200, description: 'The people' })
  @ApiProblems()
  async people(@CurrentPrincipal() principal: Principal): Promise<PeopleResponse> {
    return { people: (await this.readOrganisation.execute(principal)).people };
  }

  @Get('organisation/units')
  @Requires('organisation.read')
  @ApiOperation({ summary: 'List the units of your county and agency, with supervisor, manager, manager on duty and coverage' })
  @ApiSuccess(unitsResponse, { status: 200, description: 'The units' })
  @ApiProblems()
  async units(@CurrentPrincipal() principal: Principal): Promise<UnitsResponse> {
    return { units: (await this.readOrganisation.execute(principal)).units };
  }

  @Put('assignments')
  @Requires('assignment.write')
  @ApiOperation({
    summary: 'Assign a subject or a family of an owner service to a worker (latest wins)',
    description: 'The worker must exist and be of the owner service’s agency and your county. Audited.',
  })
  @ApiJsonBody(assignmentBody)
  @ApiSuccess(assignmentResponse, { status: 200, description: 'The assignment in force' })
  @ApiProblems('validation', 'not-found', personNotAssignable)
  assign(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(assignmentBody) body: AssignmentBody,
    @CorrelationId() correlationId: string,
  ): Promise<AssignmentResponse> {
    return this.assignWork.execute({ principal, correlationId }, body);
  }
}
