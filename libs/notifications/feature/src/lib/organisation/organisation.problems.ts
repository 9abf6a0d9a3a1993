import { z } from 'zod';
import { defineProblem } from '@linkages/platform-http';

/** The person assigned is of another agency or county than the owner service and the caller. */
export const personNotAssignable = defineProblem({
  slug: 'person-not-assignable',
  status: 422,
  title: 'Unprocessable Content',
  description: 'The person is of another agency or county than the work assigned; nothing changed.',
});

/** A unit named in the body is not a unit of the caller's county and agency. */
export const unitNotFound = defineProblem({
  slug: 'unit-not-found',
  status: 404,
  title: 'Not Found',
  description: 'No such unit in your county and agency; nothing changed.',
});

/** A person named in the body (a unit holder, an absence's cover) is not in the organisation. */
export const personNotFound = defineProblem({
  slug: 'person-not-found',
  status: 404,
  title: 'Not Found',
  description: 'No such person in the organisation; nothing changed.',
});

/** A person with this staff id (the token subject's) is in the organisation already. */
export const personExists = defineProblem({
  slug: 'person-exists',
  status: 409,
  title: 'Conflict',
  description: 'A person with this subject is in the organisation already; change them with PUT; nothing changed.',
});

/** The absence overlaps one of the person's absences that has not ended. */
export const absenceOverlaps = defineProblem({
  slug: 'absence-overlaps',
  status: 409,
  title: 'Conflict',
  description: 'The person has an absence that overlaps this one; end it first; nothing changed.',
});

/** The absence ended already (it was ended, or its end has passed). */
export const absenceNotOpen = defineProblem({
  slug: 'absence-not-open',
  status: 409,
  title: 'Conflict',
  description: 'The absence has ended already; nothing changed.',
});

/** The cover named is the absent person, or is absent themselves during the absence. */
export const coverNotAvailable = defineProblem({
  slug: 'cover-not-available',
  status: 422,
  title: 'Unprocessable Content',
  description: 'The cover is the absent person or is absent during the absence; nothing changed.',
});

/** The edit would leave the organisation inconsistent (a supervisor outside their unit, …): `problems` lists each. */
export const organisationInvalid = defineProblem({
  slug: 'organisation-invalid',
  status: 422,
  title: 'Unprocessable Content',
  description: 'The edit would leave the organisation inconsistent (e.g. a unit whose supervisor is not in it); nothing changed.',
  extensions: { problems: z.array(z.string()).describe('What would be wrong, by ids and codes') },
});
