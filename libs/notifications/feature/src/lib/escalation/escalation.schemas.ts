import { z } from 'zod';

export const acknowledgeBody = z
  .object({
    note: z.string().trim().min(1).max(500).optional().describe('What the acknowledging person is doing about it (no personal data)'),
  })
  .strict();
export type AcknowledgeBody = z.output<typeof acknowledgeBody>;

const recipient = z.object({ staffId: z.uuid(), role: z.string(), via: z.string(), reason: z.string().optional() });

export const escalationResponse = z.object({
  escalationId: z.uuid(),
  deadlineId: z.uuid(),
  familyId: z.uuid(),
  countyCode: z.string(),
  ownerService: z.string(),
  ruleId: z.string(),
  citation: z.string(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  level: z.number().int(),
  round: z.number().int(),
  recipients: z.record(z.string(), z.array(recipient)).describe('Who was notified at each level, and how they were chosen'),
  next: z.object({ level: z.number().int(), role: z.string(), at: z.string() }).nullable().describe('Who is notified next and when'),
  timeline: z.array(
    z.object({ at: z.string(), kind: z.string(), level: z.number().int().optional(), detail: z.record(z.string(), z.unknown()) }),
  ),
});
export type EscalationResponse = z.output<typeof escalationResponse>;

/** An acknowledgment link's token: its base64url payload, a dot, its base64url HMAC-SHA256 (43 characters). */
export const ackLinkToken = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/, 'must be an acknowledgment link token');
