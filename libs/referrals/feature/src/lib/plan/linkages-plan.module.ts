import { Module } from '@nestjs/common';
import { PlanRepository } from '@linkages/referrals-data-access';
import { LinkagesAuthorityModule } from '../authority/linkages-authority.module';
import { AddPlanActivityCommand } from './add-plan-activity.command';
import { DecideWtwCountCommand } from './decide-wtw-count.command';
import { PlanAudit } from './plan-audit';
import { PlanEvaluator } from './plan-evaluator';
import { PlanController } from './plan.controller';
import { ReadPlanQuery } from './read-plan.query';
import { RecordCircumstancesCommand } from './record-circumstances.command';

export const planUseCases = [ReadPlanQuery, AddPlanActivityCommand, RecordCircumstancesCommand, DecideWtwCountCommand];

/** The coordinated case plan's routes (issue 13, Deliver 5). */
@Module({
  imports: [LinkagesAuthorityModule],
  controllers: [PlanController],
  providers: [PlanRepository, PlanEvaluator, PlanAudit, ...planUseCases],
  exports: [PlanRepository, PlanEvaluator],
})
export class LinkagesPlanModule {}
