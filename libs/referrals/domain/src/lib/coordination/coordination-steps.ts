import { caseStageOf, enrollmentChange, placeInStrategy } from '../strategy/strategy.rules';
import type { CoordinationClockOp, CoordinationEvent, CoordinationStep } from './coordination-activities.contract';
import { countyDateOf, startOfCountyDay } from './coordination-dates';
import type { CoordinationFact, FamilyMergedSignal, MergedIntoSignal } from './coordination-facts';
import type {
  CoordinationInput,
  CoordinationMeeting,
  CoordinationState,
  CoordinationTask,
  JointMeetingRequest,
  LiaisonRequest,
  TaskOutcomeRequest,
} from './coordination-process';
import { SEEN_KEPT } from './coordination-process';
import {
  COORDINATION_PROCESS_ACTOR,
  coordinationPurposeOf,
  coordinationTaskRules,
  type CoordinationSubjectType,
  type CoordinationTaskCode,
} from './coordination.vocabulary';
import { erChecklistFor } from './er-checklist';

// Each step of the coordination process: how it changes the state (in place) and what its one activity writes in one
// transaction. Pure: ids and now come from the caller (the workflow's uuid4() and time), so a replay decides the same.
// Order-tolerant: after every fact the process derives what the facts known so far call for (a removal heard before
// CalWORKs' aided status opens its hand-off once the status arrives), and never opens a task twice.

export interface CoordinationStepContext {
  input: CoordinationInput;
  workflowId: string;
  id: () => string;
  /** Workflow time, ISO. */
  now: string;
}

export type CoordinationParts = Omit<CoordinationStep, 'family'>;

/** A refusal's reason (the workflow throws it as COORDINATION_REFUSED; HTTP answers 409 or 404). */
export type CoordinationRefusal = { code: 'not-found' | 'task-already-closed' | 'no-enrollment' | 'invalid'; reason: string } | undefined;

const parts = (ctx: CoordinationStepContext, step: string, by: string): CoordinationParts => ({
  stepId: ctx.id(),
  step,
  by,
  tasks: [],
  meetings: [],
  events: [],
  clocks: [],
});

export const hasCoordinationChanges = (p: CoordinationParts): boolean =>
  p.tasks.length > 0 || p.meetings.length > 0 || p.events.length > 0 || p.clocks.length > 0 || p.enrollment !== undefined;

const taskChanged = (ctx: CoordinationStepContext, t: CoordinationTask, at: string): CoordinationEvent => ({
  kind: 'coordination-task-changed',
  id: ctx.id(),
  payload: { taskId: t.taskId, task: t.code, status: t.status, ruleId: t.ruleId, ...(t.outcome ? { outcome: t.outcome } : {}), at },
});

interface TaskSpec {
  code: CoordinationTaskCode;
  subject: { type: CoordinationSubjectType; id: string };
  caseId: string | null;
  startAt: string;
  sourceEventId: string | null;
}

const findTask = (s: CoordinationState, code: CoordinationTaskCode, subjectId: string) =>
  s.tasks.find((t) => t.code === code && t.subject.id === subjectId);

/** Opens a task and its clock (notify: the process), once per code and subject. */
function openTask(ctx: CoordinationStepContext, s: CoordinationState, p: CoordinationParts, spec: TaskSpec): CoordinationTask | undefined {
  if (findTask(s, spec.code, spec.subject.id)) return undefined;
  const task: CoordinationTask = {
    taskId: ctx.id(),
    code: spec.code,
    status: 'open',
    ruleId: coordinationTaskRules[spec.code],
    subject: spec.subject,
    caseId: spec.caseId,
    startAt: spec.startAt,
    openedAt: ctx.now,
    dueAt: null,
    doneAt: null,
    doneBy: null,
    outcome: null,
    sourceEventId: spec.sourceEventId,
    escalationLevel: 0,
  };
  s.tasks.push(task);
  p.tasks.push(task);
  p.clocks.push({
    op: 'open',
    taskId: task.taskId,
    subject: spec.subject,
    purpose: coordinationPurposeOf(spec.code),
    ruleId: task.ruleId,
    startAt: spec.startAt,
  });
  p.events.push(taskChanged(ctx, task, ctx.now));
  return task;
}

/** Closes an open (or overdue) task: done meets its clock at `at`; cancelled cancels it. */
function closeTask(
  ctx: CoordinationStepContext,
  p: CoordinationParts,
  task: CoordinationTask,
  how:
    | { status: 'done'; outcome: NonNullable<CoordinationTask['outcome']>; by: string; at: string }
    | { status: 'cancelled'; reasonCode: string },
): void {
  if (task.status === 'done' || task.status === 'cancelled') return;
  const purpose = coordinationPurposeOf(task.code);
  let clock: CoordinationClockOp;
  if (how.status === 'done') {
    Object.assign(task, { status: 'done', outcome: how.outcome, doneBy: how.by, doneAt: how.at });
    clock = { op: 'satisfy', subjectId: task.subject.id, purpose, at: how.at };
  } else {
    task.status = 'cancelled';
    clock = { op: 'cancel', subjectId: task.subject.id, purpose, reasonCode: how.reasonCode };
  }
  p.tasks.push(task);
  p.clocks.push(clock);
  p.events.push(taskChanged(ctx, task, how.status === 'done' ? how.at : ctx.now));
}

/** The instant a fact happened (date-only facts: the start of that day in the county). */
export function coordinationFactInstant(fact: CoordinationFact, fallback: string): string {
  switch (fact.kind) {
    case 'referral-accepted':
      return fact.acceptedAt;
    case 'referral-evaluated-out':
      return fact.evaluatedOutAt;
    case 'child-removed':
      return fact.removedAt;
    case 'removal-members-confirmed':
      return fact.confirmedAt;
    case 'family-referred':
    case 'prevention-referred':
      return fact.referredAt;
    case 'special-population-facts':
      return fact.recordedAt;
    case 'case-opened':
      return startOfCountyDay(fact.openedOn);
    case 'case-closed':
      return startOfCountyDay(fact.closedOn);
    case 'child-reunified':
      return startOfCountyDay(fact.returnedOn);
    case 'case-plan-filed':
      return startOfCountyDay(fact.filedOn);
    case 'cft-meeting-held':
      return startOfCountyDay(fact.heldOn);
    case 'reunification-services-ordered':
      return startOfCountyDay(fact.orderedOn);
    case 'reunification-services-terminated':
      return startOfCountyDay(fact.terminatedOn);
    case 'aided-status-recorded':
      return startOfCountyDay(fact.effectiveOn);
    case 'noncompliance-started':
      return startOfCountyDay(fact.noticeIssuedOn);
    case 'good-cause-found':
      return startOfCountyDay(fact.determinedOn);
    case 'sanction-imposed':
      return startOfCountyDay(fact.effectiveOn);
    case 'sanction-cured':
      return startOfCountyDay(fact.curedOn);
    case 'fr-aid-window-opened':
      return startOfCountyDay(fact.startsOn);
    case 'fr-aid-window-closed':
      return startOfCountyDay(fact.closedOn);
    case 'wtw-plan-signed':
      return startOfCountyDay(fact.signedOn);
    case 'supportive-service-changed':
      return fallback;
  }
}

/** A named CalWORKs case implies an aided AU until CalWORKs records the status itself. */
const impliesAided = (s: CoordinationState, known: boolean) => {
  if (known && !s.calworksRecorded && s.facts.calworks.status === 'none') s.facts.calworks = { status: 'aided' };
};

const sameDay = (a: string, b: string) => countyDateOf(a) === countyDateOf(b);

/** Records what the fact says about the family and does what it does directly (meets a task, cancels a closed case's). */
function absorb(
  ctx: CoordinationStepContext,
  s: CoordinationState,
  p: CoordinationParts,
  eventId: string,
  fact: CoordinationFact,
  at: string,
): void {
  const f = s.facts;
  switch (fact.kind) {
    case 'referral-accepted':
      impliesAided(s, fact.knownToCalworks);
      if (!f.erReferrals.some((r) => r.referralId === fact.referralId))
        f.erReferrals.push({ referralId: fact.referralId, acceptedAt: fact.acceptedAt });
      return;
    case 'referral-evaluated-out':
      impliesAided(s, fact.knownToCalworks);
      f.evaluatedOut = {
        referralId: fact.referralId,
        evaluatedOutAt: fact.evaluatedOutAt,
        povertyOnly: fact.povertyOnly,
        referToServices: fact.referToServices,
        familyConsents: fact.familyConsents,
      };
      return;
    case 'case-opened': {
      impliesAided(s, fact.knownToCalworks);
      // A case child welfare now tells replaces the one a typed-in referral stood for.
      f.cases = f.cases.filter((c) => !c.caseId.startsWith('referral:'));
      const known = f.cases.find((c) => c.caseId === fact.caseId);
      if (known) Object.assign(known, { caseType: fact.caseType, openedOn: fact.openedOn });
      else f.cases.push({ caseId: fact.caseId, caseType: fact.caseType, openedOn: fact.openedOn });
      return;
    }
    case 'case-closed': {
      const known = f.cases.find((c) => c.caseId === fact.caseId);
      // A close heard before its opening still closes the case (its type arrives with case-opened).
      if (known) known.closedOn = fact.closedOn;
      else f.cases.push({ caseId: fact.caseId, caseType: 'emergency-response', openedOn: fact.closedOn, closedOn: fact.closedOn });
      for (const t of s.tasks) if (t.caseId === fact.caseId) closeTask(ctx, p, t, { status: 'cancelled', reasonCode: 'case-closed' });
      return;
    }
    case 'child-removed': {
      impliesAided(s, fact.knownToCalworks);
      if (s.removals.some((r) => r.removalId === fact.removalId)) return;
      // The same removal typed in before child welfare's event (same day): the typed-in one stands for it.
      const typedIn = s.removals.find((r) => r.subject.type === 'referral' && sameDay(r.removedAt, fact.removedAt));
      if (typedIn) {
        typedIn.caseId = fact.caseId;
        return;
      }
      s.removals.push({
        removalId: fact.removalId,
        caseId: fact.caseId,
        removedAt: fact.removedAt,
        subject: { type: 'removal', id: fact.removalId },
      });
      return;
    }
    case 'family-referred': {
      impliesAided(s, fact.calworksAided);
      if (f.cases.length === 0 && fact.caseType !== 'ER')
        f.cases.push({
          caseId: `referral:${fact.referralId}`,
          caseType: fact.caseType === 'FR' ? 'family-reunification' : 'family-maintenance-voluntary',
          openedOn: countyDateOf(fact.referredAt),
        });
      if (fact.caseType === 'ER' && !f.erReferrals.some((r) => r.referralId === fact.referralId))
        f.erReferrals.push({ referralId: fact.referralId, acceptedAt: fact.referredAt });
      if (!fact.childRemoved) return;
      const removedOn = fact.removedOn ?? countyDateOf(fact.referredAt);
      if (s.removals.some((r) => countyDateOf(r.removedAt) === removedOn)) return; // child welfare's event covered it
      // Today's hand-off clock counted from the referral (its subject and purpose are kept: no second clock).
      s.removals.push({
        removalId: fact.referralId,
        caseId: null,
        removedAt: fact.referredAt,
        subject: { type: 'referral', id: fact.referralId },
      });
      return;
    }
    case 'removal-members-confirmed': {
      if (!s.confirmedRemovals.some((c) => c.removalId === fact.removalId))
        s.confirmedRemovals.push({ removalId: fact.removalId, confirmedAt: fact.confirmedAt });
      const task = findTask(s, 'au-change', fact.removalId);
      if (task) closeTask(ctx, p, task, { status: 'done', outcome: 'met-by-fact', by: COORDINATION_PROCESS_ACTOR, at: fact.confirmedAt });
      return;
    }
    case 'case-plan-filed':
      if (!s.casePlans.some((c) => c.casePlanId === fact.casePlanId))
        s.casePlans.push({ casePlanId: fact.casePlanId, caseId: fact.caseId, filedOn: fact.filedOn });
      return;
    case 'cft-meeting-held': {
      if (s.meetings.some((m) => m.meetingId === fact.meetingId)) return;
      const meeting = {
        meetingId: fact.meetingId,
        kind: 'cft' as const,
        caseId: fact.caseId,
        heldOn: fact.heldOn,
        calworksWorkerInvited: fact.calworksWorkerInvited,
        recordedBy: COORDINATION_PROCESS_ACTOR,
        sourceEventId: eventId,
      };
      s.meetings.push(meeting);
      p.meetings.push(meeting);
      return;
    }
    case 'aided-status-recorded':
      s.calworksRecorded = true;
      f.calworks = { status: fact.status, since: fact.effectiveOn };
      return;
    case 'noncompliance-started':
      f.noncomplianceOpen = true;
      return;
    case 'good-cause-found':
      f.noncomplianceOpen = false;
      return;
    case 'sanction-imposed':
      f.sanctioned = true;
      return;
    case 'sanction-cured': {
      f.sanctioned = false;
      f.noncomplianceOpen = false;
      for (const t of s.tasks)
        if (t.code === 'resolve-sanction')
          closeTask(ctx, p, t, { status: 'done', outcome: 'met-by-fact', by: COORDINATION_PROCESS_ACTOR, at });
      return;
    }
    case 'prevention-referred':
      f.calworks = s.calworksRecorded ? f.calworks : { status: f.calworks.status === 'aided' ? 'aided' : 'applicant' };
      f.riskFactors = [...new Set([...f.riskFactors, ...fact.riskFactors])];
      return;
    case 'special-population-facts':
      if (fact.homeless !== undefined) f.special.homeless = fact.homeless;
      if (fact.parentAgeBands) f.special.parentAgeBands = [...fact.parentAgeBands];
      return;
    case 'child-reunified':
    case 'reunification-services-ordered':
    case 'reunification-services-terminated':
    case 'fr-aid-window-opened':
    case 'fr-aid-window-closed':
    case 'wtw-plan-signed':
    case 'supportive-service-changed':
      // On the family's timeline (the inbox handler wrote it); nothing here opens or meets a task.
      return;
  }
}

/** A meeting that meets a joint case-planning task: a joint meeting, or a CFT with the CalWORKs worker invited, on or after the task's start. */
const meetsJointTask = (ctx: CoordinationStepContext, t: CoordinationTask, m: CoordinationState['meetings'][number]) =>
  (m.kind === 'joint-case-planning' || (m.calworksWorkerInvited && ctx.input.settings.cftMeetingCountsWhenCalworksInvited)) &&
  (m.caseId === null || m.caseId === t.caseId) &&
  m.heldOn >= countyDateOf(t.startAt);

function meetJointTasks(ctx: CoordinationStepContext, s: CoordinationState, p: CoordinationParts): void {
  for (const t of s.tasks) {
    if (t.code !== 'joint-case-planning-meeting' || (t.status !== 'open' && t.status !== 'overdue')) continue;
    const m = s.meetings.find((x) => meetsJointTask(ctx, t, x));
    if (m) closeTask(ctx, p, t, { status: 'done', outcome: 'met-by-fact', by: m.recordedBy, at: startOfCountyDay(m.heldOn) });
  }
}

/**
 * What the facts known so far call for: the removal hand-offs of an aided family, the ER + CalWORKs checklist,
 * the joint case-planning meeting of an FM/FR case CalWORKs shares, a coordinated review per CWS case plan, and the
 * enrollment (supersedes the current one when the placement changed).
 */
function derive(ctx: CoordinationStepContext, s: CoordinationState, p: CoordinationParts, eventId: string | null, at: string): void {
  const f = s.facts;
  const aided = f.calworks.status === 'aided';
  const serving = aided || f.calworks.status === 'applicant';
  // A case not heard of yet counts as open (its case-opened may come after the removal).
  const openCase = (caseId: string | null) => !caseId || !f.cases.some((c) => c.caseId === caseId && c.closedOn);
  if (aided)
    for (const r of s.removals) {
      if (!openCase(r.caseId)) continue;
      openTask(ctx, s, p, {
        code: 'worker-contacts-csw',
        subject: r.subject,
        caseId: r.caseId,
        startAt: r.removedAt,
        sourceEventId: eventId,
      });
      if (findTask(s, 'au-change', r.subject.id)) continue;
      const au = openTask(ctx, s, p, {
        code: 'au-change',
        subject: r.subject,
        caseId: r.caseId,
        startAt: r.removedAt,
        sourceEventId: eventId,
      });
      const confirmed = s.confirmedRemovals.find((c) => c.removalId === r.removalId);
      if (au && confirmed)
        closeTask(ctx, p, au, { status: 'done', outcome: 'met-by-fact', by: COORDINATION_PROCESS_ACTOR, at: confirmed.confirmedAt });
    }
  if (aided)
    for (const r of f.erReferrals) {
      const opened = s.erChecklists.includes(r.referralId);
      if (!opened) s.erChecklists.push(r.referralId);
      const sanctionOpen = f.sanctioned || f.noncomplianceOpen;
      // A sanction heard after the checklist opened: its resolution is started while the family is still at ER, from when it was heard.
      if (opened && !(sanctionOpen && caseStageOf(f) === 'er')) continue;
      for (const code of erChecklistFor(ctx.input.settings, { sanctionOpen }))
        openTask(ctx, s, p, {
          code,
          subject: { type: 'cws-referral', id: r.referralId },
          caseId: null,
          startAt: opened ? at : r.acceptedAt,
          sourceEventId: eventId,
        });
    }
  if (serving)
    for (const c of f.cases) {
      if (
        c.closedOn ||
        (c.caseType !== 'family-reunification' &&
          c.caseType !== 'family-maintenance-court' &&
          c.caseType !== 'family-maintenance-voluntary')
      )
        continue;
      if (c.caseId.startsWith('referral:')) continue;
      openTask(ctx, s, p, {
        code: 'joint-case-planning-meeting',
        subject: { type: 'cws-case', id: c.caseId },
        caseId: c.caseId,
        startAt: startOfCountyDay(c.openedOn),
        sourceEventId: eventId,
      });
    }
  meetJointTasks(ctx, s, p);
  const placement = placeInStrategy(f, ctx.input.settings, at);
  const intervention = placement.strategy?.startsWith('intervention-') ?? false;
  if (intervention)
    for (const plan of s.casePlans) {
      if (!openCase(plan.caseId)) continue;
      openTask(ctx, s, p, {
        code: 'coordinated-plan-review',
        subject: { type: 'case-plan', id: plan.casePlanId },
        caseId: plan.caseId,
        startAt: startOfCountyDay(plan.filedOn),
        sourceEventId: eventId,
      });
    }
  const current = s.enrollment;
  const change = enrollmentChange(current ?? undefined, placement);
  if (change === 'keep') return;
  if (change === 'end' && current) {
    p.enrollment = { op: 'end', enrollmentId: current.enrollmentId, endedAt: at };
    s.enrollment = null;
    return;
  }
  if (!placement.strategy) return;
  const next = {
    enrollmentId: ctx.id(),
    strategy: placement.strategy,
    tracks: placement.tracks,
    reasons: placement.reasons,
    caseStage: placement.caseStage,
    since: at,
    liaisonSubject: current?.liaisonSubject ?? null,
  };
  const row = { ...next, startedAt: at };
  delete (row as { since?: string }).since;
  p.enrollment = change === 'supersede' && current ? { op: 'supersede', previousId: current.enrollmentId, row } : { op: 'start', row };
  s.enrollment = next;
  p.events.push({
    kind: 'strategy-enrolled',
    id: ctx.id(),
    payload: {
      enrollmentId: next.enrollmentId,
      strategy: next.strategy,
      tracks: next.tracks,
      reasons: next.reasons,
      caseStage: next.caseStage,
      liaisonAssigned: !!next.liaisonSubject,
      ...(change === 'supersede' && current ? { supersedes: current.enrollmentId } : {}),
      since: at,
    },
  });
}

const remember = (s: CoordinationState, key: string) => {
  s.seen.push(key);
  if (s.seen.length > SEEN_KEPT) s.seen.splice(0, s.seen.length - SEEN_KEPT);
};

const sameTask = (a: CoordinationTask, b: CoordinationTask) =>
  a.taskId === b.taskId || (a.code === b.code && a.subject.type === b.subject.type && a.subject.id === b.subject.id);

/**
 * This family absorbed another (shared families merged): the absorbed family's tasks and meetings join this family's
 * (a task this family already holds for the same subject stays as it is; the moved ones are written under this family,
 * their clocks keep notifying the absorbed process, which forwards them), then its facts are told in their own order
 * (a fact seen here is skipped), and what the merged facts call for is derived once, as of the merge: a removal in a
 * family now known to be aided gets its contact and AU-change tasks from the removal's instant. Undefined when the
 * merge was heard before.
 */
export function applyFamilyMerged(
  ctx: CoordinationStepContext,
  s: CoordinationState,
  m: FamilyMergedSignal,
): CoordinationParts | undefined {
  const key = `merge:${m.eventId}`;
  if (s.seen.includes(key)) return undefined;
  remember(s, key);
  const p = parts(ctx, 'family-merged', COORDINATION_PROCESS_ACTOR);
  for (const task of m.tasks) {
    if (s.tasks.some((t) => sameTask(t, task))) continue;
    s.tasks.push(task);
    p.tasks.push(task);
    if (task.subject.type === 'cws-referral' && !s.erChecklists.includes(task.subject.id)) s.erChecklists.push(task.subject.id);
  }
  for (const meeting of m.meetings) if (!s.meetings.some((x) => x.meetingId === meeting.meetingId)) s.meetings.push(meeting);
  const told = m.facts
    .filter((f) => !s.seen.includes(f.eventId))
    .map((f) => ({ ...f, at: coordinationFactInstant(f.fact, ctx.now) }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const f of told) {
    remember(s, f.eventId);
    s.factsInRun += 1;
    absorb(ctx, s, p, f.eventId, f.fact, f.at);
  }
  derive(ctx, s, p, m.eventId, ctx.now);
  return p;
}

/**
 * This family was merged into another: its enrollment ends (the survivor's enrollment places the merged family) and
 * its tasks leave with the hand-over. Returns what to hand over; undefined when it was merged already.
 */
export function applyMergedInto(
  ctx: CoordinationStepContext,
  s: CoordinationState,
  m: MergedIntoSignal,
): { parts: CoordinationParts; tasks: CoordinationTask[]; meetings: CoordinationMeeting[] } | undefined {
  if (s.mergedInto) return undefined;
  s.mergedInto = m.survivorFamilyId;
  const p = parts(ctx, 'merged-into', COORDINATION_PROCESS_ACTOR);
  if (s.enrollment) {
    p.enrollment = { op: 'end', enrollmentId: s.enrollment.enrollmentId, endedAt: ctx.now };
    s.enrollment = null;
  }
  const handed = { parts: p, tasks: s.tasks, meetings: s.meetings };
  s.tasks = [];
  s.meetings = [];
  return handed;
}

/** A fact of either agency; undefined when its event id was seen (a redelivery). */
export function applyCoordinationFact(
  ctx: CoordinationStepContext,
  s: CoordinationState,
  eventId: string,
  fact: CoordinationFact,
): CoordinationParts | undefined {
  if (s.seen.includes(eventId)) return undefined;
  remember(s, eventId);
  s.factsInRun += 1;
  const at = coordinationFactInstant(fact, ctx.now);
  const p = parts(ctx, `fact:${fact.kind}`, COORDINATION_PROCESS_ACTOR);
  absorb(ctx, s, p, eventId, fact, at);
  derive(ctx, s, p, eventId, at);
  return p;
}

/** A clock of a task reached a stage: due → the task is overdue (its event); escalation levels are kept on the task. */
export function applyCoordinationClock(
  ctx: CoordinationStepContext,
  s: CoordinationState,
  reached: { deadlineId: string; subjectRef: string; kind: string; escalationLevel?: number; at: string },
): CoordinationParts | undefined {
  const key = `${reached.deadlineId}:${reached.kind}:${reached.escalationLevel ?? 0}`;
  if (s.seen.includes(key)) return undefined;
  remember(s, key);
  const [type, id, ...rest] = reached.subjectRef.split('/');
  const purpose = rest.join('/');
  const task = s.tasks.find((t) => t.subject.type === type && t.subject.id === id && coordinationPurposeOf(t.code) === purpose);
  if (!task || (task.status !== 'open' && task.status !== 'overdue')) return undefined;
  const p = parts(ctx, `clock-${reached.kind}:${task.code}`, COORDINATION_PROCESS_ACTOR);
  if (reached.kind === 'due' && task.status === 'open') {
    task.status = 'overdue';
    p.tasks.push(task);
    p.events.push(taskChanged(ctx, task, reached.at));
  } else if (reached.kind === 'overdue' && (reached.escalationLevel ?? 0) > task.escalationLevel) {
    task.escalationLevel = reached.escalationLevel ?? task.escalationLevel;
    p.tasks.push(task);
  }
  return hasCoordinationChanges(p) ? p : undefined;
}

export function refuseTaskOutcome(s: CoordinationState, r: TaskOutcomeRequest): CoordinationRefusal {
  const task = s.tasks.find((t) => t.taskId === r?.taskId);
  if (!task) return { code: 'not-found', reason: `The family has no coordination task ${String(r?.taskId)}` };
  if (task.status === 'done' || task.status === 'cancelled')
    return {
      code: 'task-already-closed',
      reason: `The task ${task.code} is already ${task.status}${task.doneAt ? ` (${task.doneAt})` : ''}`,
    };
  if (r.outcome !== 'done' && r.outcome !== 'not-needed') return { code: 'invalid', reason: 'outcome must be done or not-needed' };
  if (!r.by) return { code: 'invalid', reason: 'by is required' };
  return undefined;
}

/** A worker closed a task (done or not needed): its clock is met at the outcome's instant. */
export function recordTaskOutcome(ctx: CoordinationStepContext, s: CoordinationState, r: TaskOutcomeRequest): CoordinationParts {
  const task = s.tasks.find((t) => t.taskId === r.taskId);
  const p = parts(ctx, 'task-outcome', r.by);
  if (task) closeTask(ctx, p, task, { status: 'done', outcome: r.outcome, by: r.by, at: r.at ?? ctx.now });
  return p;
}

export function refuseJointMeeting(s: CoordinationState, r: JointMeetingRequest, today: string): CoordinationRefusal {
  if (!r?.meetingId || !r.by) return { code: 'invalid', reason: 'meetingId and by are required' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.heldOn ?? '')) return { code: 'invalid', reason: 'heldOn must be a date (YYYY-MM-DD)' };
  if (r.heldOn > today) return { code: 'invalid', reason: `heldOn ${r.heldOn} is in the future (today is ${today} in California)` };
  if (r.caseId && !s.facts.cases.some((c) => c.caseId === r.caseId))
    return { code: 'not-found', reason: `The family has no CWS case ${r.caseId}` };
  return undefined;
}

/** A joint case-planning meeting held: recorded, and the open joint-meeting tasks it meets are done. */
export function recordJointMeeting(ctx: CoordinationStepContext, s: CoordinationState, r: JointMeetingRequest): CoordinationParts {
  const p = parts(ctx, 'joint-meeting', r.by);
  if (s.meetings.some((m) => m.meetingId === r.meetingId)) return p;
  const meeting = {
    meetingId: r.meetingId,
    kind: 'joint-case-planning' as const,
    caseId: r.caseId ?? null,
    heldOn: r.heldOn,
    calworksWorkerInvited: true,
    recordedBy: r.by,
    sourceEventId: null,
  };
  s.meetings.push(meeting);
  p.meetings.push(meeting);
  meetJointTasks(ctx, s, p);
  return p;
}

export function refuseLiaison(s: CoordinationState, r: LiaisonRequest): CoordinationRefusal {
  if (!s.enrollment) return { code: 'no-enrollment', reason: 'The family is not enrolled in a Linkages strategy' };
  if (!r?.liaisonSubject || !r.by) return { code: 'invalid', reason: 'liaisonSubject and by are required' };
  return undefined;
}

/** The liaison assigned to the current enrollment (strategy-enrolled again, with the liaison). */
export function assignLiaison(ctx: CoordinationStepContext, s: CoordinationState, r: LiaisonRequest): CoordinationParts {
  const p = parts(ctx, 'liaison-assigned', r.by);
  const e = s.enrollment;
  if (!e) return p;
  e.liaisonSubject = r.liaisonSubject;
  p.enrollment = { op: 'liaison', enrollmentId: e.enrollmentId, liaisonSubject: r.liaisonSubject };
  p.events.push({
    kind: 'strategy-enrolled',
    id: ctx.id(),
    payload: {
      enrollmentId: e.enrollmentId,
      strategy: e.strategy,
      tracks: e.tracks,
      reasons: e.reasons,
      caseStage: e.caseStage,
      liaisonAssigned: true,
      since: e.since,
    },
  });
  return p;
}
