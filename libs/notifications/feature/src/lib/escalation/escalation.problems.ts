import { defineProblem } from '@linkages/platform-http';

/** The caller was not notified at any raised level of this escalation: not theirs to acknowledge; nothing changed. */
export const notYourEscalation = defineProblem({
  slug: 'not-your-escalation',
  status: 403,
  title: 'Forbidden',
  description: 'Only a person notified at a raised level of the escalation may acknowledge it; nothing changed.',
});

/** Already acknowledged, or ended (the deadline met, cancelled or extended): nothing changed. */
export const escalationNotOpen = defineProblem({
  slug: 'escalation-not-open',
  status: 409,
  title: 'Conflict',
  description: 'The escalation is already acknowledged or has ended; nothing changed.',
});

/** An acknowledgment link that is malformed, tampered with, expired or used already. */
export const ackLinkUnusable = defineProblem({
  slug: 'ack-link-unusable',
  status: 410,
  title: 'Gone',
  description: 'The acknowledgment link is expired, used already or not valid; acknowledge in the console or through the API.',
});
