import { z } from 'zod';
import { familyId, id, instant } from '../../../lib/common';
import { defineEvent } from '../../../lib/event-definition';
import { topics } from '../../../lib/topics';

export const notificationDeliveredEvent = defineEvent({
  domain: 'notifications',
  name: 'notification-delivered',
  topic: topics.notificationEvents,
  title: 'Notification delivered',
  description: 'A notification reached a person through a channel.',
  producers: ['notifications'],
  payload: z.object({
    notificationId: id('Notification'),
    familyId,
    recipientId: id('Staff member'),
    channel: z.enum(['in-app', 'email', 'webhook']),
    deliveredAt: instant,
  }),
  key: (p) => p.familyId,
  subject: (p) => `notification/${p.notificationId}`,
  example: {
    notificationId: '2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b',
    familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
    recipientId: '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b',
    channel: 'email',
    deliveredAt: '2026-12-08T09:00:03-08:00',
  },
});
