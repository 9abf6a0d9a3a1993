import { defineProblem } from '@linkages/platform-http';

/** The person assigned is of another agency or county than the owner service and the caller. */
export const personNotAssignable = defineProblem({
  slug: 'person-not-assignable',
  status: 422,
  title: 'Unprocessable Content',
  description: 'The person is of another agency or county than the work assigned; nothing changed.',
});
