import { defineProblem } from '@linkages/platform-http';

/** A consent or MDT membership is revoked once (referrals-domain `revocationRefusal`). */
export const alreadyRevoked = defineProblem({
  slug: 'already-revoked',
  status: 409,
  title: 'Conflict',
  description: 'The sharing authority is already revoked; nothing changed.',
});
