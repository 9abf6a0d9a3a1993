import { defineProblem } from '@linkages/platform-http';

/** A review is decided once. */
export const matchReviewDecided = defineProblem({
  slug: 'match-review-decided',
  status: 409,
  title: 'Conflict',
  description: 'The match review is already decided (or superseded by a link); nothing changed.',
});

/** A person link is ended once; a new link is a new decision. */
export const personLinkEnded = defineProblem({
  slug: 'person-link-ended',
  status: 409,
  title: 'Conflict',
  description: 'The person link is already unlinked; nothing changed.',
});
