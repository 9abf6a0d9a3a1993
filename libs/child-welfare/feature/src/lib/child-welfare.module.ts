import { Module } from '@nestjs/common';
import {
  CaseRepository,
  CwsReferralRepository,
  FamilyRepository,
  RemovalRepository,
  VisitRepository,
} from '@linkages/child-welfare-data-access';
import { CaseDeadlinesQuery } from './case/case-deadlines.query';
import { CaseLifecycle } from './case/case-lifecycle';
import { CaseSummaryQuery } from './case/case-summary.query';
import { CaseController } from './case/case.controller';
import { CaseQuery } from './case/case.query';
import { CloseCase } from './case/close-case.command';
import { FileCasePlan } from './case/file-case-plan.command';
import { FilePetition } from './case/file-petition.command';
import { GrantFrServicesGoodCause } from './case/grant-fr-services-good-cause.command';
import { HearingPlanRunner } from './case/hearing-plan.runner';
import { MonthlyVisitClocks } from './case/monthly-visit.clocks';
import { OpenCase } from './case/open-case.command';
import { RecordCftMeeting } from './case/record-cft-meeting.command';
import { RecordHearing } from './case/record-hearing.command';
import { RecordRemoval } from './case/record-removal.command';
import { RecordVisit } from './case/record-visit.command';
import { ReturnHome } from './case/return-home.command';
import { CaseworkAudit } from './casework-audit';
import { CaseworkRefusalAudit } from './casework-refusal.audit';
import { CaseworkRecords } from './casework-records';
import { CreateFamily } from './family/create-family.command';
import { FamilyController } from './family/family.controller';
import { FamilyQuery } from './family/family.query';
import { CreateReferral } from './referral/create-referral.command';
import { DowngradeReferral } from './referral/downgrade-referral.command';
import { RecordAssessment } from './referral/record-assessment.command';
import { RecordContact } from './referral/record-contact.command';
import { RecordDisposition } from './referral/record-disposition.command';
import { ReferralController } from './referral/referral.controller';
import { ReferralQuery } from './referral/referral.query';
import { ScreenReferral } from './referral/screen-referral.command';
import { CaseViews } from './views/case.view';

const repositories = [FamilyRepository, CwsReferralRepository, CaseRepository, RemovalRepository, VisitRepository];
const shared = [CaseworkAudit, CaseworkRefusalAudit, CaseworkRecords, CaseViews, CaseLifecycle, MonthlyVisitClocks, HearingPlanRunner];
const familyUseCases = [CreateFamily, FamilyQuery];
const referralUseCases = [
  CreateReferral,
  ReferralQuery,
  ScreenReferral,
  DowngradeReferral,
  RecordContact,
  RecordAssessment,
  RecordDisposition,
];
const caseUseCases = [
  RecordRemoval,
  OpenCase,
  CaseQuery,
  CaseSummaryQuery,
  CaseDeadlinesQuery,
  FilePetition,
  RecordHearing,
  FileCasePlan,
  RecordCftMeeting,
  RecordVisit,
  ReturnHome,
  GrantFrServicesGoodCause,
  CloseCase,
];

/** The child-welfare API. Its clocks run on the service's worker (deadline workflows) via deadline commands. */
@Module({
  controllers: [FamilyController, ReferralController, CaseController],
  providers: [...repositories, ...shared, ...familyUseCases, ...referralUseCases, ...caseUseCases],
})
export class ChildWelfareApiModule {}
