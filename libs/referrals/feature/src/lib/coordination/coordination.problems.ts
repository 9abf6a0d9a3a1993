import { defineProblem } from '@linkages/platform-http';

/** A coordination task is closed once (done, not needed, or cancelled with its case). */
export const taskAlreadyClosed = defineProblem({
  slug: 'task-already-closed',
  status: 409,
  title: 'Conflict',
  description: 'The coordination task is already done or cancelled; nothing changed.',
});

/** The family is in no Linkages strategy: there is no enrollment to assign a liaison to. */
export const noEnrollment = defineProblem({
  slug: 'no-enrollment',
  status: 409,
  title: 'Conflict',
  description: 'The family is not enrolled in a Linkages strategy; nothing changed.',
});
