import type { ServiceName } from './common';

export interface TopicDefinition {
  /** `<prefix>.<domain>.<event family>.v<major>`: the major version is in the name. */
  name: string;
  description: string;
  partitions: number;
  retentionMs: number;
  /** Messages are keyed by family, so one family's events stay in order. */
  key: 'familyId';
  producers: readonly ServiceName[];
  consumers: readonly ServiceName[];
}

const days = (n: number) => n * 24 * 60 * 60 * 1000;

export const topics = {
  cwsCaseEvents: {
    name: 'linkages.cws.case-events.v1',
    description:
      'What happens in a child welfare referral or case that the other agency must know: referral received, case opened and closed, removal, reunification, services terminated.',
    partitions: 6,
    retentionMs: days(30),
    key: 'familyId',
    producers: ['child-welfare'],
    consumers: ['calworks', 'referrals', 'notifications'],
  },
  calworksWtwEvents: {
    name: 'linkages.calworks.wtw-events.v1',
    description:
      'Welfare-to-Work noncompliance, good cause proposed and found, compliance plans, sanction requests, sanctions and cures, unticked clock months, Linkages priority flags.',
    partitions: 6,
    retentionMs: days(30),
    key: 'familyId',
    producers: ['calworks'],
    consumers: ['child-welfare', 'referrals', 'notifications'],
  },
  calworksFrAidEvents: {
    name: 'linkages.calworks.fr-aid-events.v1',
    description:
      'AB 135 / AB 429 Family Reunification: temporary absence, aid windows opening and closing, AB 429 services continued, redeterminations due.',
    partitions: 6,
    retentionMs: days(30),
    key: 'familyId',
    producers: ['calworks'],
    consumers: ['child-welfare', 'referrals', 'notifications'],
  },
  linkagesReferralEvents: {
    name: 'linkages.referrals.referral-events.v1',
    description:
      'Linkages coordination between the agencies: a CWS family referred for CalWORKs coordination; the shared family linked, unlinked or suspected duplicate; the AU members a removal concerns proposed; the Linkages strategy the family is enrolled in; coordination tasks opened, done, overdue or cancelled; conflicts flagged in the coordinated plan; authorities to share ended. Keyed by the Linkages family id. Ids and minimum-necessary facts only (WIC 10850).',
    partitions: 6,
    retentionMs: days(30),
    key: 'familyId',
    producers: ['referrals'],
    consumers: ['referrals', 'calworks', 'notifications'],
  },
  identityMatchKeys: {
    name: 'linkages.identity.match-keys.v1',
    description:
      'Privacy-preserving match keys per person, published by each agency for the matching service only (issue 13, Deliver 1): keyed HMAC tokens of the normalized SSN, name parts and date of birth, and keyed Bloom filters of name bigrams, under the MATCH_KEY secret. No plaintext identifier ever; read only by referrals, never by notifications or the other agency. Keyed by the agency family (CWS family id or AU id).',
    partitions: 6,
    retentionMs: days(30),
    key: 'familyId',
    producers: ['child-welfare', 'calworks'],
    consumers: ['referrals'],
  },
  deadlineEvents: {
    name: 'linkages.deadlines.deadline-events.v1',
    description: 'Every stage of every legal deadline tracked by any service: warning, due, overdue, satisfied, extended, moved earlier.',
    partitions: 6,
    retentionMs: days(30),
    key: 'familyId',
    producers: ['referrals', 'calworks', 'child-welfare', 'notifications'],
    consumers: ['notifications', 'referrals', 'child-welfare'],
  },
  notificationEvents: {
    name: 'linkages.notifications.escalation-events.v1',
    description: 'Escalations raised and acknowledged, notifications delivered.',
    partitions: 6,
    retentionMs: days(30),
    key: 'familyId',
    producers: ['notifications'],
    consumers: ['referrals'],
  },
} as const satisfies Record<string, TopicDefinition>;

export type TopicKey = keyof typeof topics;
export const topicList: readonly TopicDefinition[] = Object.values(topics);

/** Each topic's dead-letter topic: messages no consumer could take, kept longer for inspection and replay. */
export const deadLetterTopicOf = (topic: string) => `${topic}.dlq`;
export const deadLetterRetentionMs = days(90);
