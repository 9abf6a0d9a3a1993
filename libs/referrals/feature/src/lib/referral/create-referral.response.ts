import { z } from 'zod';
import { disclosedReferralResponse } from '../referral.schemas';

/** POST /referrals answers the referral and, when the same family was referred before, that earlier referral's id. */
export const createReferralResponse = disclosedReferralResponse.extend({
  duplicateOf: z
    .uuid()
    .optional()
    .describe('The earlier referral of the same family (matched through the Linkages matching): both share familyId'),
});
