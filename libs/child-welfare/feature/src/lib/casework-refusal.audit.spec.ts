import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, throwError } from 'rxjs';
import type { Principal } from '@linkages/platform-access';
import type { CaseworkAudit } from './casework-audit';
import { CaseworkRefusalAudit } from './casework-refusal.audit';
import { ab2085Refused, impossible } from './casework.problems';
import { CLOCK_SKEW_MS, date, instant } from './casework.schemas';

const principal = { subject: 'csw-1', roles: ['cws-social-worker'], agency: 'cws', county: '06085' } as unknown as Principal;
const caseId = '0b6f2d1e-7c3a-4e9b-a1f0-2d7c5e3b9a61';

function run(error: unknown, params: Record<string, string>, path: string) {
  const refused = jest.fn().mockResolvedValue(undefined);
  const interceptor = new CaseworkRefusalAudit({ refused } as unknown as CaseworkAudit);
  const request = { principal, correlationId: 'corr-1', method: 'POST', route: { path }, params };
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => throwError(() => error) };
  return { refused, result: firstValueFrom(interceptor.intercept(context, next)) };
}

describe('CaseworkRefusalAudit: every impossible-sequence refusal is audited once, as denied, with the reason', () => {
  it('records the refusal of a write on a case and rethrows the same 409', async () => {
    const error = impossible('A case cannot close before it opened');
    const { refused, result } = run(error, { caseId }, '/cases/:caseId/closure');
    await expect(result).rejects.toBe(error);
    expect(refused).toHaveBeenCalledTimes(1);
    expect(refused).toHaveBeenCalledWith(
      { principal, correlationId: 'corr-1' },
      'update',
      'case',
      caseId,
      '06085',
      'A case cannot close before it opened',
      { refusal: 'impossible-sequence', route: 'POST /cases/:caseId/closure' },
    );
  });

  it('a refused create has no record id', async () => {
    const { refused, result } = run(impossible('An allegation names a child who is not in the family'), {}, '/referrals');
    await expect(result).rejects.toBeDefined();
    expect(refused).toHaveBeenCalledWith(expect.anything(), 'create', 'cws-referral', null, '06085', expect.any(String), expect.anything());
  });

  it('leaves other errors (validation, AB 2085, which its command audits itself) alone', async () => {
    for (const error of [new Error('boom'), ab2085Refused()]) {
      const { refused, result } = run(error, { caseId }, '/cases/:caseId/closure');
      await expect(result).rejects.toBe(error);
      expect(refused).not.toHaveBeenCalled();
    }
  });
});

describe('instant and date inputs: facts happened already (minutes of clock skew, not a day)', () => {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  it('accepts an instant up to the clock skew ahead, refuses one beyond it', () => {
    expect(instant.safeParse(at(0)).success).toBe(true);
    expect(instant.safeParse(at(CLOCK_SKEW_MS - 30_000)).success).toBe(true);
    expect(instant.safeParse(at(CLOCK_SKEW_MS + 60_000)).success).toBe(false);
    expect(instant.safeParse(at(3 * 3600_000)).success).toBe(false);
  });
  it('accepts today (California) and refuses tomorrow', () => {
    const fmt = (d: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    expect(date.safeParse(fmt(new Date())).success).toBe(true);
    expect(date.safeParse(fmt(new Date(Date.now() + 26 * 3600_000))).success).toBe(false);
  });
});
