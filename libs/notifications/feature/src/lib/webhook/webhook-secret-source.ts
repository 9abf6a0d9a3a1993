import { randomBytes } from 'node:crypto';
import { WEBHOOK_SECRET_BYTES, webhookSecretOf } from '@linkages/notifications-domain';

/** A new `whsec_` secret of 32 random bytes (node's CSPRNG). */
export const generateWebhookSecret = (): string => webhookSecretOf(randomBytes(WEBHOOK_SECRET_BYTES));
