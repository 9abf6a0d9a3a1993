import { Logger } from '@nestjs/common';
import type { AuditEntry, AuditLog } from '@linkages/platform-audit';
import { AuthRefusals, type AuthRefusal } from './auth-refusals';
import { AuthenticationError } from './token-verifier';

/** An audit log that keeps what it is given (or fails the batches when told to). */
const fakeAudit = () => {
  const rows: AuditEntry[] = [];
  const audit = {
    failBatches: false,
    append: async (entry: AuditEntry) => {
      rows.push(entry);
      return { seq: rows.length, hash: 'h' };
    },
    appendMany: async (entries: readonly AuditEntry[]) => {
      if (audit.failBatches) throw new Error('connection terminated');
      rows.push(...entries);
      return entries.map(() => ({ seq: rows.length, hash: 'h' }));
    },
  };
  return { rows, audit, log: audit as unknown as AuditLog };
};

const anonymous = (over: Partial<AuthRefusal> = {}): AuthRefusal => ({
  client: 'address 127.0.0.9',
  actor: { actorSubject: 'anonymous', actorRoles: [] },
  route: 'GET /probe',
  reason: 'no bearer token',
  ...over,
});

describe('AuthRefusals: the budget and the aggregated audit of the guard’s refusals', () => {
  it('answers beyond the budget with Retry-After, writes the first refusal at once and the repeats as one row on shutdown', async () => {
    const { rows, log } = fakeAudit();
    const refusals = new AuthRefusals(log, { perWindow: 2 });
    const answers: (number | undefined)[] = [];
    for (let i = 0; i < 5; i++) answers.push(await refusals.refuse(anonymous({ correlationId: `c-${i}` })));
    expect(answers.slice(0, 2)).toEqual([undefined, undefined]);
    expect(answers.slice(2).every((s) => s !== undefined && s >= 1 && s <= 60)).toBe(true);
    expect(rows).toEqual([
      {
        actorSubject: 'anonymous',
        actorRoles: [],
        action: 'access',
        recordType: 'route',
        recordId: 'GET /probe',
        outcome: 'denied',
        reason: 'no bearer token',
        correlationId: 'c-0',
      },
    ]);

    await refusals.beforeApplicationShutdown();
    expect(rows[1]).toMatchObject({ reason: 'no bearer token', details: { count: 4, throttled: 3 } });
    expect(rows[1]).not.toHaveProperty('correlationId');
    // After shutdown began, each refusal is written as it comes (the window is gone).
    await refusals.refuse(anonymous({ correlationId: 'late' }));
    expect(rows[2]).toMatchObject({ correlationId: 'late', details: { throttled: true } });
    await refusals.onApplicationShutdown();
    expect(rows).toHaveLength(3);
  });

  it('remembers a refused token only once the client’s budget is spent, and not for another client', async () => {
    const { log } = fakeAudit();
    const refusals = new AuthRefusals(log, { perWindow: 1 });
    const expired = new AuthenticationError('expired', 'The token has expired');
    expect(refusals.refusedAgain('address 127.0.0.9', 'a.b.c')).toBeUndefined();
    await refusals.refuse(anonymous({ reason: 'token refused: expired', token: { value: 'a.b.c', refusal: expired } }));
    expect(refusals.refusedAgain('address 127.0.0.9', 'a.b.c')).toBe(expired);
    expect(refusals.refusedAgain('address 127.0.0.9', 'x.y.z')).toBeUndefined();
    expect(refusals.refusedAgain('address 127.0.0.8', 'a.b.c')).toBeUndefined();
  });

  it('logs the counts of a batch the audit log refused instead of failing the shutdown', async () => {
    const { audit, log } = fakeAudit();
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const refusals = new AuthRefusals(log, { perWindow: 10 });
      await refusals.refuse(anonymous());
      await refusals.refuse(anonymous());
      audit.failBatches = true;
      await expect(refusals.beforeApplicationShutdown()).resolves.toBeUndefined();
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/Could not write 1 aggregated refusal.*"count":1/));
    } finally {
      error.mockRestore();
    }
  });
});
