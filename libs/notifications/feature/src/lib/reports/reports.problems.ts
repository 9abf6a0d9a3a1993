import { defineProblem } from '@linkages/platform-http';

/** The caller is not a supervisor (or manager) of their agency: reports are not theirs to read. */
export const reportsSupervisorsOnly = defineProblem({
  slug: 'reports-supervisors-only',
  status: 403,
  title: 'Forbidden',
  description: 'Only a supervisor or manager of the agency reads its timeliness reports.',
});
