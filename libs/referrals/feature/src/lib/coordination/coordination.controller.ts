import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { noEnrollment, taskAlreadyClosed } from './coordination.problems';
import {
  coordinationResponse,
  jointMeetingBody,
  taskOutcomeBody,
  type CoordinationResponse,
  type JointMeetingBody,
  type TaskOutcomeBody,
} from './coordination.schemas';
import { ReadCoordinationQuery } from './read-coordination.query';
import { RecordJointMeetingCommand } from './record-joint-meeting.command';
import { RecordTaskOutcomeCommand } from './record-task-outcome.command';

/**
 * A shared family's coordination (issue 13, Deliver 4): the ER + CalWORKs checklist, a removal's hand-off and AU
 * change, the joint case-planning meeting and the coordinated plan reviews, each a tracked clock explained; the
 * workers record outcomes and joint meetings. County-scoped, audited, through the sharing policy.
 */
@ApiTags('linkages')
@Controller('shared-families/:familyId')
export class CoordinationController {
  constructor(
    private readonly readCoordination: ReadCoordinationQuery,
    private readonly recordOutcome: RecordTaskOutcomeCommand,
    private readonly recordJointMeeting: RecordJointMeetingCommand,
  ) {}

  @Get('coordination')
  @Requires('linkages.family.read')
  @ApiOperation({ summary: 'Read the family’s coordination tasks, each with its clock explained, and its meetings' })
  @ApiSuccess(coordinationResponse, { status: 200, description: 'The tasks and meetings' })
  @ApiProblems('validation', 'not-found', 'no-sharing-authority')
  read(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @CorrelationId() correlationId: string,
  ): Promise<CoordinationResponse> {
    return this.readCoordination.execute({ principal, correlationId }, familyId);
  }

  @Post('coordination/tasks/:taskId/outcome')
  @Requires('linkages.coordination.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Record a coordination task’s outcome (done, or not needed)',
    description:
      'Meets the task’s clock at the outcome’s instant (late if after its due date) and publishes `linkages.coordination-task-changed`. Closed once.',
  })
  @ApiJsonBody(taskOutcomeBody)
  @ApiSuccess(coordinationResponse, { status: 200, description: 'The coordination with the task closed' })
  @ApiProblems('validation', 'not-found', taskAlreadyClosed, noEnrollment, 'impossible-sequence')
  outcome(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @UuidParam('taskId') taskId: string,
    @ValidBody(taskOutcomeBody) body: TaskOutcomeBody,
    @CorrelationId() correlationId: string,
  ): Promise<CoordinationResponse> {
    return this.recordOutcome.execute({ principal, correlationId }, familyId, taskId, body);
  }

  @Post('joint-meetings')
  @Requires('linkages.coordination.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Record a joint case-planning meeting of both agencies',
    description: 'Meets the joint-meeting task of the case (or of every open FM/FR case) when held on or after the case opened.',
  })
  @ApiJsonBody(jointMeetingBody)
  @ApiSuccess(coordinationResponse, { status: 201, description: 'The coordination with the meeting' })
  @ApiProblems('validation', 'not-found', noEnrollment, 'impossible-sequence')
  jointMeeting(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @ValidBody(jointMeetingBody) body: JointMeetingBody,
    @CorrelationId() correlationId: string,
  ): Promise<CoordinationResponse> {
    return this.recordJointMeeting.execute({ principal, correlationId }, familyId, body);
  }
}
