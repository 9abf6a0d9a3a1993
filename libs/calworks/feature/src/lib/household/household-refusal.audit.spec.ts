import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, throwError } from 'rxjs';
import type { Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import type { HouseholdAudit } from './household-audit';
import { HouseholdRefusalAudit } from './household-refusal.audit';
import { caseNumberInUseRefused, householdImpossible } from './household.problems';

const principal = { subject: 'ew-1', roles: ['calworks.worker'], agency: 'calworks', county: '06037' } as unknown as Principal;
const participantId = '0b6f2d1e-7c3a-4e9b-a1f0-2d7c5e3b9a61';

function run(error: unknown, params: Record<string, string>, path: string) {
  const refused = jest.fn().mockResolvedValue(undefined);
  const interceptor = new HouseholdRefusalAudit({ refused } as unknown as HouseholdAudit);
  const request = { principal, correlationId: 'corr-1', method: 'POST', route: { path }, params };
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => throwError(() => error) };
  return { refused, result: firstValueFrom(interceptor.intercept(context, next)) };
}

describe('HouseholdRefusalAudit: every business refusal of a household write is audited once, as denied, with the reason', () => {
  it('records a refused write on a participant and rethrows the same 409', async () => {
    const error = householdImpossible('The member is already a WTW participant');
    const { refused, result } = run(error, { participantId }, '/wtw-participants/:participantId/exemptions');
    await expect(result).rejects.toBe(error);
    expect(refused).toHaveBeenCalledTimes(1);
    expect(refused).toHaveBeenCalledWith(
      { principal, correlationId: 'corr-1' },
      'update',
      'wtw-participant',
      participantId,
      '06037',
      'The member is already a WTW participant',
      { refusal: 'impossible-sequence', route: 'POST /wtw-participants/:participantId/exemptions' },
    );
  });

  it('records a duplicate case number as a refused create without a record id', async () => {
    const { refused, result } = run(caseNumberInUseRefused(), {}, '/assistance-units');
    await expect(result).rejects.toBeDefined();
    expect(refused).toHaveBeenCalledWith(expect.anything(), 'create', 'assistance-unit', null, '06037', expect.any(String), {
      refusal: 'case-number-in-use',
      route: 'POST /assistance-units',
    });
  });

  it('leaves other errors alone (validation, not found: audited where they are raised)', async () => {
    for (const error of [new Error('boom'), problemException('not-found', 'No assistance unit with this id in your county')]) {
      const { refused, result } = run(error, { participantId }, '/wtw-participants/:participantId/plans');
      await expect(result).rejects.toBe(error);
      expect(refused).not.toHaveBeenCalled();
    }
  });
});
