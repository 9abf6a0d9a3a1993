import { createHmac } from 'node:crypto';
import type { DeliverRequest, RecipientContact } from '../escalation/escalation-activities.contract';
import { signAckLink, verifyAckLink, base64url, fromBase64url, type Mac } from './ack-link-token';
import { decideChannel, deliveryKey, inQuietHours } from './delivery-policy';
import { renderNotification } from './notification-template';

const mac: Mac = (data) => createHmac('sha256', 'test-key-0123456789').update(data).digest();
const otherMac: Mac = (data) => createHmac('sha256', 'another-key').update(data).digest();
const TZ = 'America/Los_Angeles';

function request(overrides: Partial<DeliverRequest> = {}): DeliverRequest {
  return {
    subject: {
      escalationId: 'esc-1',
      deadlineId: 'dl-1',
      familyId: 'fam-42',
      countyCode: '06037',
      ownerService: 'child-welfare',
      ruleId: 'cws.immediate-response',
      citation: 'MPP 31-115',
      subjectRef: 'referral/ref-7/response',
      dueAt: '2026-12-01T18:00:00.000Z',
      overdueSince: '2026-12-01T18:00:00.000Z',
      explanation: 'Due 24 hours after the referral was received',
    },
    kind: 'escalation',
    level: 1,
    round: 0,
    recipient: { staffId: 'staff-9', role: 'supervisor', via: 'direct' },
    acknowledgeBy: '2026-12-01T20:00:00.000Z',
    legallyUrgent: false,
    at: '2026-12-01T19:00:00.000Z',
    ...overrides,
  };
}

const cws: RecipientContact = {
  staffId: 'staff-9',
  agency: 'cws',
  countyCode: '06037',
  email: 'a@example.org',
  channels: { email: true, webhook: true },
};
const calworks: RecipientContact = { ...cws, agency: 'calworks' };
const ctx = { consoleUrl: 'http://console.test/escalations/esc-1', ackLink: 'http://console.test/ack?t=abc', timeZone: TZ };

describe('renderNotification', () => {
  it('gives CWS staff the rule, citation, family, explanation, the acknowledge-by instant in county time and the link', () => {
    const out = renderNotification(request(), cws, ctx);
    expect(out.minimal).toBe(false);
    expect(out.subject).toContain('cws.immediate-response');
    expect(out.text).toContain('MPP 31-115');
    expect(out.text).toContain('fam-42');
    expect(out.text).toContain('Due 24 hours after the referral was received');
    expect(out.text).toContain('Acknowledge by 2026-12-01 12:00 PST');
    expect(out.text).toContain(ctx.ackLink);
    expect(out.html).toContain(`href="${ctx.ackLink}"`);
  });

  it('PII canary: a CalWORKs recipient of a CWS deadline receives the minimum only', () => {
    const out = renderNotification(request(), calworks, ctx);
    expect(out.minimal).toBe(true);
    for (const secret of ['cws.immediate-response', 'MPP 31-115', 'referral/ref-7', 'fam-42', 'Due 24 hours']) {
      expect(out.subject + out.text + out.html).not.toContain(secret);
    }
    expect(out.text).toContain('A deadline in a family your agency shares needs attention');
    expect(out.text).toContain(ctx.ackLink);
  });

  it('has a title per kind and escapes HTML', () => {
    const kinds = (['reminder', 'escalation', 'repeat', 'reopened'] as const).map(
      (kind) => renderNotification(request({ kind }), cws, ctx).subject,
    );
    expect(new Set(kinds).size).toBe(4);
    const out = renderNotification(request({ subject: { ...request().subject, explanation: '<b>x</b>' } }), cws, ctx);
    expect(out.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(out.html).not.toContain('<b>x</b>');
  });
});

describe('ack-link tokens', () => {
  const payload = { escalationId: 'esc-1', level: 2, staffId: 'staff-9', expiresAt: '2026-12-02T00:00:00.000Z', nonce: 'n-1' };
  it('round-trips', () => {
    expect(verifyAckLink(signAckLink(payload, mac), mac, new Date('2026-12-01T23:00:00Z'))).toEqual({ ok: true, payload });
  });
  it('rejects expired, tampered, wrong key and malformed tokens with reasons', () => {
    const token = signAckLink(payload, mac);
    expect(verifyAckLink(token, mac, new Date('2026-12-02T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyAckLink(token, otherMac, new Date('2026-12-01T23:00:00Z'))).toEqual({ ok: false, reason: 'bad-signature' });
    const [, sig] = token.split('.');
    const forged = base64url(new TextEncoder().encode(JSON.stringify({ ...payload, level: 3 })));
    expect(verifyAckLink(`${forged}.${sig}`, mac, new Date('2026-12-01T23:00:00Z'))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyAckLink('nodot', mac, new Date())).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyAckLink('a.b$c', mac, new Date())).toEqual({ ok: false, reason: 'malformed' });
  });
  it('base64url matches Buffer', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'hello world?>']) {
      const bytes = new TextEncoder().encode(s);
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Buffer.from(fromBase64url(base64url(bytes)) ?? []).toString()).toBe(s);
    }
  });
});

describe('delivery policy', () => {
  it('keys deliveries by deadline, kind, level, round, recipient and channel', () => {
    expect(deliveryKey(request(), 'email')).toBe('dl-1:escalation:L1:R0:staff-9:email');
    expect(deliveryKey(request({ round: 1 }), 'email')).not.toBe(deliveryKey(request(), 'email'));
    expect(deliveryKey(request(), 'webhook')).not.toBe(deliveryKey(request(), 'email'));
  });
  it('quiet hours wrap midnight in county time', () => {
    const c = { quietHours: { start: '20:00', end: '07:00' } };
    expect(inQuietHours(c, '2026-12-02T05:00:00Z', TZ)).toBe(true); // 21:00 PST
    expect(inQuietHours(c, '2026-12-02T14:30:00Z', TZ)).toBe(true); // 06:30 PST
    expect(inQuietHours(c, '2026-12-02T16:00:00Z', TZ)).toBe(false); // 08:00 PST
  });
  it('skips e-mail and webhook in quiet hours for non-urgent, never for legally urgent', () => {
    const quiet = { ...cws, quietHours: { start: '20:00', end: '07:00' } };
    const at = '2026-12-02T05:00:00Z';
    expect(decideChannel('email', { legallyUrgent: false, at }, quiet, TZ)).toEqual({ send: false, detail: 'quiet-hours' });
    expect(decideChannel('webhook', { legallyUrgent: false, at }, quiet, TZ)).toEqual({ send: false, detail: 'quiet-hours' });
    expect(decideChannel('in-app', { legallyUrgent: false, at }, quiet, TZ)).toEqual({ send: true });
    expect(decideChannel('email', { legallyUrgent: true, at }, quiet, TZ)).toEqual({ send: true });
    const optedOut = { ...cws, channels: { email: false, webhook: false } };
    expect(decideChannel('email', { legallyUrgent: false, at: '2026-12-02T18:00:00Z' }, optedOut, TZ)).toEqual({
      send: false,
      detail: 'opted-out',
    });
    expect(decideChannel('email', { legallyUrgent: true, at: '2026-12-02T18:00:00Z' }, optedOut, TZ)).toEqual({ send: true });
    expect(decideChannel('email', { legallyUrgent: true, at }, { ...cws, email: undefined }, TZ)).toEqual({
      send: false,
      detail: 'no-address',
    });
  });
});
