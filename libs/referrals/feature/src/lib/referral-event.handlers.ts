import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { on, type HandlerRegistration } from '@linkages/platform-messaging';
import type { DeadlineClient } from '@linkages/platform-service';
import { familyReferredEvent } from '@linkages/shared-contracts';

export const HANDOFF_RULE = 'linkages.fr-worker-contacts-csw';

/**
 * A referral of an aided family after a removal starts the Linkages hand-off clock (RULES.md 9.10): the CalWORKs
 * worker contacts the CSW within 3 business days. One deadline per referral: a redelivered event finds it started.
 */
export function referralEventHandlers(deadlines: DeadlineClient): HandlerRegistration[] {
  return [
    on(familyReferredEvent, async (event) => {
      const referral = event.data;
      if (!referral.childRemoved || !referral.calworksAided) return;
      try {
        await deadlines.open({
          deadlineId: referral.referralId,
          ruleId: HANDOFF_RULE,
          startAt: referral.referredAt,
          owner: { familyId: referral.familyId, countyCode: event.countycode, caseId: referral.referralId, subjectRef: `referral/${referral.referralId}` },
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    }),
  ];
}
