import { Module } from '@nestjs/common';
import { CoordinationRepository } from '@linkages/referrals-data-access';
import { AssignLiaisonCommand } from '../enrollment/assign-liaison.command';
import { EnrollmentController } from '../enrollment/enrollment.controller';
import { ReadEnrollmentQuery } from '../enrollment/read-enrollment.query';
import { LinkagesAuthorityModule } from '../authority/linkages-authority.module';
import { CoordinationAudit } from './coordination-audit';
import { CoordinationProcesses } from './coordination-event.handlers';
import { CoordinationUpdates } from './coordination-updates';
import { CoordinationController } from './coordination.controller';
import { ReadCoordinationQuery } from './read-coordination.query';
import { RecordJointMeetingCommand } from './record-joint-meeting.command';
import { RecordTaskOutcomeCommand } from './record-task-outcome.command';

export const coordinationUseCases = [
  ReadCoordinationQuery,
  RecordTaskOutcomeCommand,
  RecordJointMeetingCommand,
  ReadEnrollmentQuery,
  AssignLiaisonCommand,
];

/** The coordination and enrollment routes (issue 13, Deliver 3 and 4); the family's process is reached through Temporal. */
@Module({
  imports: [LinkagesAuthorityModule],
  controllers: [CoordinationController, EnrollmentController],
  providers: [CoordinationRepository, CoordinationUpdates, CoordinationAudit, CoordinationProcesses, ...coordinationUseCases],
  exports: [CoordinationRepository, CoordinationProcesses],
})
export class LinkagesCoordinationModule {}
