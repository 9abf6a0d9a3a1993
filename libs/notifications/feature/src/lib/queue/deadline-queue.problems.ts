import { defineProblem } from '@linkages/platform-http';

/** The caller does not supervise the item's agency in its county: not theirs to re-assign; nothing changed. */
export const notYourUnit = defineProblem({
  slug: 'not-your-unit',
  status: 403,
  title: 'Forbidden',
  description: 'Only a supervisor or manager of the deadline’s agency in its county may re-assign it; nothing changed.',
});

/** The new assignee is not an active person of the item's county and agency. */
export const assigneeNotEligible = defineProblem({
  slug: 'assignee-not-eligible',
  status: 422,
  title: 'Unprocessable Content',
  description: 'The person is not in the organisation, of another county or agency than the deadline, or absent now; nothing changed.',
});
