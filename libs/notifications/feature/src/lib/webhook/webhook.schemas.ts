import { z } from 'zod';
import { countyCode } from '@linkages/shared-contracts';
import {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_SECRET_MAX_BYTES,
  WEBHOOK_SECRET_MIN_BYTES,
  WEBHOOK_URL_MAX_LENGTH,
  checkWebhookSecret,
} from '@linkages/notifications-domain';

const eventType = z.enum(WEBHOOK_EVENT_TYPES);

/** A Standard Webhooks secret: `whsec_` + base64 of 24–64 random bytes (the value is never echoed in an error). */
const secret = z
  .string()
  .max(200)
  .refine((s) => checkWebhookSecret(s).ok, {
    message: `must be whsec_ followed by the base64 of ${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} random bytes`,
  })
  .describe('Optional: your own secret; absent, one is generated');

export const registerEndpointBody = z.strictObject({
  url: z.string().min(1).max(WEBHOOK_URL_MAX_LENGTH).describe('https URL of a public host (http and local hosts in development only)'),
  eventTypes: z
    .array(eventType)
    .min(1)
    .max(WEBHOOK_EVENT_TYPES.length)
    .refine((t) => new Set(t).size === t.length, { message: 'must not repeat an event type' })
    .describe('The event types to receive'),
  secret: secret.optional(),
  agency: z.enum(['cws', 'calworks']).optional().describe('Whose endpoint: your own agency (a platform administrator must name one)'),
});
export type RegisterEndpointBody = z.infer<typeof registerEndpointBody>;

export const rotateSecretBody = z.strictObject({ secret: secret.optional() });
export type RotateSecretBody = z.infer<typeof rotateSecretBody>;

export const endpointResponse = z.object({
  endpointId: z.uuid(),
  agency: z.string(),
  countyCode,
  url: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable().describe('consecutive-failures, failing-too-long or manual'),
  disabledAt: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  failingSince: z.string().nullable(),
  previousSecretExpiresAt: z.string().nullable().describe('Until then the previous secret also signs (after a rotation)'),
  createdAt: z.string(),
});
export type EndpointResponse = z.infer<typeof endpointResponse>;

export const endpointWithSecretResponse = endpointResponse
  .extend({ secret: z.string().describe('The signing secret: shown this once, never again') })
  .describe('The endpoint and its secret (shown once)');
export type EndpointWithSecretResponse = z.infer<typeof endpointWithSecretResponse>;

export const endpointsResponse = z
  .object({ endpoints: z.array(endpointResponse) })
  .describe('The webhook endpoints of your agency and county (secrets are never listed)');
export type EndpointsResponse = z.infer<typeof endpointsResponse>;
