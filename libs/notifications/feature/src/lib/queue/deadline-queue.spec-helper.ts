import type { HttpException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import { EscalationRepository, type DeadlineQueueItemEntity } from '@linkages/notifications-data-access';
import type { EscalationSubject, RecordEscalationRequest as Req } from '@linkages/notifications-domain';

/** A principal of one role in a county (Santa Clara unless given). */
export const principal = (subject: string, role: Principal['roles'][number], agency: Principal['agency'], county = '06085'): Principal => ({
  subject,
  roles: [role],
  agency,
  county,
});

export const uuid = () => globalThis.crypto.randomUUID();

/** How a use case refused: its status, its problem's slug and the fields of a validation problem (none if it did not). */
export const problemOf = async (promise: Promise<unknown>) => {
  const e = (await promise.then(
    () => undefined,
    (error: unknown) => error,
  )) as HttpException | undefined;
  const body = e?.getResponse?.() as { type?: string; errors?: { field: string }[] } | undefined;
  return { status: e?.getStatus?.(), slug: body?.type?.split('/').pop(), fields: body?.errors?.map((x) => x.field) };
};

/** How a use case refused: its status and its problem's slug only. */
export const failureOf = async (promise: Promise<unknown>) => {
  const { status, slug } = await problemOf(promise);
  return { status, slug };
};

/**
 * An escalation of a deadline of the queue's read model (a fresh escalation id), its entries recorded one transaction
 * each as the workflow's recordEscalation does; returns its id.
 */
export async function recordEscalation(
  ds: DataSource,
  item: DeadlineQueueItemEntity,
  steps: { status: Req['status']; level: number; kind: Req['entry']['kind']; at: string; detail?: Req['entry']['detail'] }[],
  next: Req['next'],
): Promise<string> {
  const subject: EscalationSubject = {
    escalationId: uuid(),
    deadlineId: item.deadlineId,
    familyId: item.familyId,
    countyCode: item.countyCode,
    ownerService: item.ownerService as 'child-welfare',
    ruleId: item.ruleId,
    citation: item.citation,
    subjectRef: item.subjectRef,
    dueAt: item.dueAt.toISOString(),
    overdueSince: item.dueAt.toISOString(),
  };
  const repo = new EscalationRepository();
  for (const s of steps)
    await ds.transaction((tx) =>
      repo.record(tx, {
        subject,
        status: s.status,
        level: s.level,
        entry: { at: s.at, kind: s.kind, ...(s.level ? { level: s.level } : {}), detail: s.detail ?? {} },
        next,
      }),
    );
  return subject.escalationId;
}
