import type { DeliverRequest } from '../escalation/escalation-activities.contract';
import { checkWebhookSecret, webhookSecretOf } from './webhook-secret';
import { webhookPayloadOf } from './webhook-events';

const req: DeliverRequest = {
  subject: {
    escalationId: 'esc-1',
    deadlineId: 'd-1',
    familyId: 'f-1',
    countyCode: '06085',
    ownerService: 'child-welfare',
    ruleId: 'cws.immediate-response',
    citation: 'MPP 31-115',
    subjectRef: 'referral/r-1/response',
    dueAt: '2026-12-01T18:00:00Z',
    overdueSince: '2026-12-01T18:00:00Z',
    explanation: 'Due 24 hours after receipt',
  },
  kind: 'escalation',
  level: 1,
  round: 0,
  recipient: { staffId: 's-1', role: 'supervisor', via: 'direct' },
  acknowledgeBy: '2026-12-01T20:00:00Z',
  legallyUrgent: true,
  at: '2026-12-01T19:00:00Z',
};

describe('webhook payload', () => {
  it('gives a CWS endpoint the rule, citation and ids of a child-welfare deadline, never the explanation text', () => {
    const p = webhookPayloadOf(req, 'n-1', 'cws');
    expect(p).toEqual({
      type: 'escalation.raised',
      timestamp: '2026-12-01T19:00:00Z',
      data: expect.objectContaining({
        notificationId: 'n-1',
        ruleId: 'cws.immediate-response',
        citation: 'MPP 31-115',
        familyId: 'f-1',
        level: 1,
        minimal: false,
      }),
    });
    expect(JSON.stringify(p)).not.toContain('Due 24 hours');
  });

  it('gives another agency only the minimum of a child-welfare deadline', () => {
    const p = webhookPayloadOf(req, 'n-1', 'calworks');
    expect(p.data.minimal).toBe(true);
    for (const s of ['cws.immediate-response', 'MPP 31-115', 'f-1', 'referral/r-1']) expect(JSON.stringify(p)).not.toContain(s);
    expect(webhookPayloadOf({ ...req, kind: 'reminder' }, 'n', 'cws').type).toBe('deadline.reminder');
    expect(webhookPayloadOf({ ...req, kind: 'reminder' }, 'n', 'cws').data.overdueSince).toBeUndefined();
  });
});

describe('webhook secrets', () => {
  it('accepts whsec_ + base64 of 24 to 64 bytes, refuses the rest', () => {
    expect(checkWebhookSecret(webhookSecretOf(new Uint8Array(32).fill(7)))).toEqual({ ok: true });
    expect(checkWebhookSecret(webhookSecretOf(new Uint8Array(24)))).toEqual({ ok: true });
    expect(checkWebhookSecret(webhookSecretOf(new Uint8Array(23)))).toEqual({ ok: false, reason: 'too-short' });
    expect(checkWebhookSecret(webhookSecretOf(new Uint8Array(65)))).toEqual({ ok: false, reason: 'too-long' });
    expect(checkWebhookSecret('')).toEqual({ ok: false, reason: 'missing' });
    expect(checkWebhookSecret('whsec_')).toEqual({ ok: false, reason: 'missing' });
    expect(checkWebhookSecret('c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0')).toEqual({ ok: false, reason: 'no-prefix' });
    expect(checkWebhookSecret('whsec_not base64!')).toEqual({ ok: false, reason: 'not-base64' });
  });
});
