import { createHash } from 'node:crypto';
import type { DeadlineOwner } from '@linkages/platform-deadline-workflows';
import type { PolicyRegistry } from '@linkages/platform-deadlines';

/** A deadline operation that must follow a committed domain change: written in the same transaction, applied later. */
export type DeadlineCommand =
  | { op: 'open'; deadlineId: string; ruleId: string; startAt: string; owner: Omit<DeadlineOwner, 'service'> }
  | { op: 'satisfy'; deadlineId: string; by: string; at?: string }
  | { op: 'extend'; deadlineId: string; reasonCode: string; by: string; length?: number; dueDate?: string }
  | { op: 'cancel'; deadlineId: string; reasonCode: string; by: string };

export type DeadlineCommandOp = DeadlineCommand['op'];

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Row i of a multi-command enqueue: the caller's id for the first, ids derived from it for the rest (stable on retry). */
export function commandIdAt(base: string, i: number): string {
  if (i === 0) return base;
  const h = createHash('sha256').update(`${base.toLowerCase()}/${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Shape checks only: a malformed command fails the business transaction instead of becoming a dead row. */
export function validateDeadlineCommand(c: DeadlineCommand, registry: PolicyRegistry): void {
  const fail = (why: string) => {
    throw new Error(`Invalid deadline command (${c.op ?? 'no op'}): ${why}`);
  };
  if (!c.deadlineId || !uuidPattern.test(c.deadlineId)) fail('deadlineId must be a UUID');
  switch (c.op) {
    case 'open':
      if (!c.owner?.familyId || !c.owner.countyCode || !c.owner.subjectRef) fail('owner needs familyId, countyCode and subjectRef');
      if (c.owner.notify !== undefined && !/^[a-z0-9-]+\/[a-z0-9-]+\/[A-Za-z0-9._:-]{1,200}$/.test(c.owner.notify))
        fail('owner.notify must be a process workflow id (<service>/<kind>/<id>)');
      if (!c.startAt || Number.isNaN(Date.parse(c.startAt))) fail('startAt must be an ISO instant');
      registry.rule(c.ruleId, c.owner.countyCode); // throws on an unknown rule
      return;
    case 'satisfy':
      if (!c.by || !uuidPattern.test(c.by)) fail('by must be a staff id (UUID)');
      if (c.at !== undefined && Number.isNaN(Date.parse(c.at))) fail('at must be an ISO instant');
      return;
    case 'extend':
      if (!c.by || !uuidPattern.test(c.by)) fail('by must be a staff id (UUID)');
      if (!c.reasonCode) fail('reasonCode is required');
      if ((c.length === undefined) === (c.dueDate === undefined)) fail('exactly one of length or dueDate');
      return;
    case 'cancel':
      if (!c.by || !uuidPattern.test(c.by)) fail('by must be a staff id (UUID)');
      if (!c.reasonCode) fail('reasonCode is required');
      return;
    default:
      fail('unknown op');
  }
}
