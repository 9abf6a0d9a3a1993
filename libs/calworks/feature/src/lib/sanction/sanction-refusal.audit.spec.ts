import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, throwError } from 'rxjs';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Principal } from '@linkages/platform-access';
import { SANCTION_REFUSED } from '@linkages/calworks-workflows';
import { problemException } from '@linkages/platform-http';
import type { HouseholdAudit } from '../household/household-audit';
import { refusalOf } from './sanction-processes';
import { SanctionRefusalAudit } from './sanction-refusal.audit';
import { sanctionImpossible } from './sanction.problems';

const principal = { subject: 'ew-1', roles: ['calworks.worker'], agency: 'calworks', county: '06037' } as unknown as Principal;
const episodeId = '0b6f2d1e-7c3a-4e9b-a1f0-2d7c5e3b9a61';

function run(error: unknown, params: Record<string, string>, path: string) {
  const refused = jest.fn().mockResolvedValue(undefined);
  const interceptor = new SanctionRefusalAudit({ refused } as unknown as HouseholdAudit);
  const request = { principal, correlationId: 'corr-1', method: 'POST', route: { path }, params };
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => throwError(() => error) };
  return { refused, result: firstValueFrom(interceptor.intercept(context, next)) };
}

describe('sanction refusals: the process’s reason becomes 409, audited once as denied', () => {
  it('turns a refused update into impossible-sequence with the validator’s message', () => {
    const failure = ApplicationFailure.nonRetryable(
      'A cure needs a sanction in force: this participant has no sanction to cure',
      SANCTION_REFUSED,
    );
    const error = refusalOf(new WorkflowUpdateFailedError('Workflow Update failed', failure)) as {
      getStatus(): number;
      getResponse(): { detail?: string; message?: string };
    };
    expect(error.getStatus()).toBe(409);
    expect(JSON.stringify(error.getResponse())).toContain('no sanction to cure');
    const other = new Error('connection reset');
    expect(refusalOf(other)).toBe(other);
  });

  it('records a refused write on an episode and rethrows the same 409', async () => {
    const error = sanctionImpossible('A compliance plan cannot be signed after the sanction is imposed');
    const { refused, result } = run(error, { episodeId }, '/noncompliance-episodes/:episodeId/compliance-plan');
    await expect(result).rejects.toBe(error);
    expect(refused).toHaveBeenCalledWith(
      { principal, correlationId: 'corr-1' },
      'update',
      'noncompliance-episode',
      episodeId,
      '06037',
      'A compliance plan cannot be signed after the sanction is imposed',
      { refusal: 'impossible-sequence', route: 'POST /noncompliance-episodes/:episodeId/compliance-plan' },
    );
  });

  it('records a refused open as a create without a record id, and leaves other errors alone', async () => {
    const { refused, result } = run(
      sanctionImpossible('open episode'),
      { participantId: episodeId },
      '/wtw-participants/:participantId/noncompliance-episodes',
    );
    await expect(result).rejects.toBeDefined();
    expect(refused).toHaveBeenCalledWith(
      expect.anything(),
      'create',
      'noncompliance-episode',
      null,
      '06037',
      'open episode',
      expect.objectContaining({ participantId: episodeId }),
    );
    const notFound = problemException('not-found', 'No episode with this id in your county');
    const second = run(notFound, { episodeId }, '/noncompliance-episodes/:episodeId/good-cause');
    await expect(second.result).rejects.toBe(notFound);
    expect(second.refused).not.toHaveBeenCalled();
  });
});
