import { Module } from '@nestjs/common';
import { AssistanceUnitRepository, WtwParticipantRepository } from '@linkages/calworks-data-access';
import { AddMember } from './assistance-unit/add-member.command';
import { AssistanceUnitByCaseNumberQuery } from './assistance-unit/assistance-unit-by-case-number.query';
import { AssistanceUnitController } from './assistance-unit/assistance-unit.controller';
import { AssistanceUnitLoader } from './assistance-unit/assistance-unit.loader';
import { AssistanceUnitQuery } from './assistance-unit/assistance-unit.query';
import { CreateAssistanceUnit } from './assistance-unit/create-assistance-unit.command';
import { RecordAidedStatus } from './assistance-unit/record-aided-status.command';
import { RecordGrantChange } from './assistance-unit/record-grant-change.command';
import { HouseholdAudit } from './household-audit';
import { HouseholdRecords } from './household-records';
import { HouseholdRefusalAudit } from './household-refusal.audit';
import { AddSupportiveService } from './wtw/add-supportive-service.command';
import { EnrollWtwParticipant } from './wtw/enroll-wtw-participant.command';
import { ReferFamilyStabilization } from './wtw/refer-family-stabilization.command';
import { RequestExemption } from './wtw/request-exemption.command';
import { SignWtwPlan } from './wtw/sign-wtw-plan.command';
import { VerifyExemption } from './wtw/verify-exemption.command';
import { WtwParticipantController } from './wtw/wtw-participant.controller';
import { WtwParticipantLoader } from './wtw/wtw-participant.loader';
import { WtwParticipantQuery } from './wtw/wtw-participant.query';

const repositories = [AssistanceUnitRepository, WtwParticipantRepository];
const shared = [HouseholdAudit, HouseholdRefusalAudit, HouseholdRecords, AssistanceUnitLoader, WtwParticipantLoader];
const assistanceUnitUseCases = [
  CreateAssistanceUnit,
  AssistanceUnitQuery,
  AssistanceUnitByCaseNumberQuery,
  AddMember,
  RecordAidedStatus,
  RecordGrantChange,
];
const wtwUseCases = [
  EnrollWtwParticipant,
  WtwParticipantQuery,
  SignWtwPlan,
  RequestExemption,
  VerifyExemption,
  AddSupportiveService,
  ReferFamilyStabilization,
];

/**
 * The CalWORKs household API: Assistance Units, members, aided status and grants, WTW participants. Exports its
 * repositories and records so the sanction and FR-window modules can find an AU (by case number) and a participant.
 */
@Module({
  controllers: [AssistanceUnitController, WtwParticipantController],
  providers: [...repositories, ...shared, ...assistanceUnitUseCases, ...wtwUseCases],
  exports: [...repositories, HouseholdAudit, HouseholdRecords],
})
export class CalworksHouseholdModule {}
