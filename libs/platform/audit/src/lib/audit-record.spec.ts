import { createHash } from 'node:crypto';
import { GENESIS_HASH, auditHash, canonicalAuditText, canonicalJson, normalizeAuditEntry, type AuditEntry } from './audit-record';
import { auditLockKey } from './audit-log';

const entry: AuditEntry = {
  actorSubject: 'worker-1',
  actorRoles: ['cws-worker'],
  action: 'read',
  outcome: 'allowed',
  recordType: 'referral',
  recordId: 'r-1',
};
const at = new Date('2025-03-04T05:06:07.089Z');

describe('audit record hashing', () => {
  it('serializes canonically: sorted keys at every level, absent fields as null, ms timestamps', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: 2 }, u: undefined })).toBe('{"a":{"c":2,"d":[true,null,"x"]},"b":1}');
    const record = { ...normalizeAuditEntry({ ...entry, occurredAt: at, details: { z: 1, a: 'b' } }), seq: 1, prevHash: GENESIS_HASH };
    const text = canonicalAuditText(record);
    expect(text).toContain('"occurredAt":"2025-03-04T05:06:07.089Z"');
    expect(text).toContain('"details":{"a":"b","z":1}');
    expect(text).toContain('"reason":null');
    expect(text).toContain('"seq":"1"');
    expect(auditHash(record)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('changes with any field, the seq and the previous hash; not with details key order', () => {
    const base = { ...normalizeAuditEntry({ ...entry, occurredAt: at, details: { a: 1, b: 2 } }), seq: 7, prevHash: GENESIS_HASH };
    const hash = auditHash(base);
    expect(auditHash({ ...base, details: { b: 2, a: 1 } })).toBe(hash);
    for (const changed of [
      { seq: 8 },
      { prevHash: 'f'.repeat(64) },
      { recordId: 'r-2' },
      { recordId: null },
      { actorRoles: ['cws-worker', 'x'] },
      { occurredAt: new Date(at.getTime() + 1) },
      { details: null },
      { reason: '' },
    ]) {
      expect(auditHash({ ...base, ...changed })).not.toBe(hash);
    }
  });

  it('normalizes entries to what the database returns and rejects what it would alter', () => {
    const n = normalizeAuditEntry({ ...entry, details: { when: at, skip: undefined, list: [1, 'a'] } }, () => at);
    expect(n).toMatchObject({ occurredAt: at, actorAgency: null, details: { when: '2025-03-04T05:06:07.089Z', list: [1, 'a'] } });
    expect(n.details).not.toHaveProperty('skip');
    expect(() => normalizeAuditEntry({ ...entry, outcome: 'maybe' as never })).toThrow(/outcome/);
    expect(() => normalizeAuditEntry({ ...entry, actorSubject: '' })).toThrow(/actorSubject/);
    expect(() => normalizeAuditEntry({ ...entry, reason: 'a\u0000b' })).toThrow(/NUL/);
    expect(() => normalizeAuditEntry({ ...entry, recordId: '\uD800' })).toThrow(/UTF-16/);
    expect(() => normalizeAuditEntry({ ...entry, details: [1] as never })).toThrow(/plain object/);
    expect(() => normalizeAuditEntry({ ...entry, occurredAt: new Date(NaN) })).toThrow(/occurredAt/);
  });

  it('derives a stable advisory lock key per schema', () => {
    expect(auditLockKey('referrals')).toBe(auditLockKey('referrals'));
    expect(auditLockKey('referrals')).not.toBe(auditLockKey('calworks'));
    expect(BigInt(auditLockKey('referrals'))).toBeGreaterThanOrEqual(-(2n ** 63n));
  });
});
