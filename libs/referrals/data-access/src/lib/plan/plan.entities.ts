import { PersonCircumstancesEntity } from './person-circumstances.entity';
import { PlanActivityEntity } from './plan-activity.entity';
import { PlanConflictEntity } from './plan-conflict.entity';

/** The coordinated plan's entities (add to the referrals service's entities). */
export const linkagesPlanEntities = [PlanActivityEntity, PersonCircumstancesEntity, PlanConflictEntity];
