import { defaultLinkagesSettings } from '../strategy/linkages-settings';
import { emptyFamilyFacts } from '../strategy/strategy.rules';
import type { CoordinationFact } from './coordination-facts';
import { initialCoordinationState, type CoordinationState } from './coordination-process';
import {
  applyCoordinationClock,
  applyCoordinationFact,
  applyFamilyMerged,
  applyMergedInto,
  recordJointMeeting,
  recordTaskOutcome,
  refuseTaskOutcome,
  type CoordinationStepContext,
} from './coordination-steps';

const FAMILY = '0b5e3a1c-2d4f-4a6b-8c9d-0e1f2a3b4c5d';
let n = 0;
const ctx: CoordinationStepContext = {
  input: { familyId: FAMILY, countyCode: '06085', settings: defaultLinkagesSettings },
  workflowId: `referrals/coordination/${FAMILY}`,
  id: () => `id-${++n}`,
  now: '2027-11-24T12:00:00-08:00',
};
const fresh = () => initialCoordinationState(emptyFamilyFacts());
let ev = 0;
const fact = (s: CoordinationState, f: CoordinationFact, eventId = `ev-${++ev}`) => applyCoordinationFact(ctx, s, eventId, f);
const codes = (s: CoordinationState) => s.tasks.map((t) => `${t.code}:${t.status}`);

describe('coordination steps (pure)', () => {
  it('a removal heard before the aided status opens the hand-off once CalWORKs records the AU aided; redelivery is ignored', () => {
    const s = fresh();
    const removal = {
      kind: 'child-removed',
      removalId: 'rm-1',
      caseId: 'case-1',
      removedAt: '2027-11-24T10:00:00-08:00',
      knownToCalworks: false,
    } as const;
    expect(fact(s, removal, 'e-removed')?.tasks).toEqual([]);
    expect(fact(s, removal, 'e-removed')).toBeUndefined();
    const p = fact(s, { kind: 'aided-status-recorded', auId: 'au-1', status: 'aided', effectiveOn: '2027-01-01' });
    expect(codes(s)).toEqual(['worker-contacts-csw:open', 'au-change:open']);
    expect(p?.clocks).toEqual([
      expect.objectContaining({
        op: 'open',
        subject: { type: 'removal', id: 'rm-1' },
        purpose: 'fr-worker-contacts-csw',
        ruleId: 'linkages.fr-worker-contacts-csw',
        startAt: removal.removedAt,
      }),
      expect.objectContaining({
        op: 'open',
        subject: { type: 'removal', id: 'rm-1' },
        purpose: 'au-change',
        ruleId: 'linkages.au-change-after-removal',
      }),
    ]);
    expect(p?.events.filter((e) => e.kind === 'coordination-task-changed')).toHaveLength(2);
    // CalWORKs confirms the members: the AU change is made.
    const confirmed = fact(s, {
      kind: 'removal-members-confirmed',
      removalId: 'rm-1',
      auId: 'au-1',
      confirmedAt: '2027-11-25T09:00:00-08:00',
    });
    expect(codes(s)).toEqual(['worker-contacts-csw:open', 'au-change:done']);
    expect(confirmed?.clocks).toEqual([{ op: 'satisfy', subjectId: 'rm-1', purpose: 'au-change', at: '2027-11-25T09:00:00-08:00' }]);
  });

  it('members confirmed before the removal is heard: the AU change is done when it opens', () => {
    const s = fresh();
    fact(s, { kind: 'removal-members-confirmed', removalId: 'rm-2', auId: 'au-1', confirmedAt: '2027-11-24T11:00:00-08:00' });
    fact(s, { kind: 'child-removed', removalId: 'rm-2', caseId: 'case-1', removedAt: '2027-11-24T10:00:00-08:00', knownToCalworks: true });
    expect(codes(s)).toEqual(['worker-contacts-csw:open', 'au-change:done']);
  });

  it('ER + CalWORKs checklist: resolve-sanction only with a sanction; a sanction heard later adds it; a cure meets it', () => {
    const s = fresh();
    fact(s, { kind: 'referral-accepted', referralId: 'ref-1', acceptedAt: '2027-11-22T09:00:00-08:00', knownToCalworks: true });
    expect(codes(s)).toEqual([
      'check-sanction:open',
      'refer-mental-health:open',
      'refer-domestic-violence:open',
      'refer-substance-use:open',
      'connect-housing:open',
    ]);
    expect(s.enrollment).toMatchObject({ strategy: 'intervention-er', caseStage: 'er' });
    fact(s, { kind: 'sanction-imposed', sanctionId: 'sx', effectiveOn: '2027-11-23' });
    expect(codes(s)).toContain('resolve-sanction:open');
    expect(s.tasks.find((t) => t.code === 'resolve-sanction')?.startAt).toBe('2027-11-23T00:00:00.000-08:00');
    expect(s.enrollment?.tracks).toEqual(['special-populations']);
    fact(s, { kind: 'sanction-cured', sanctionId: 'sx', curedOn: '2027-12-01' });
    expect(codes(s)).toContain('resolve-sanction:done');
  });

  it('an FM case opened for an aided family: joint meeting due; a CFT without CalWORKs does not meet it, with CalWORKs invited does', () => {
    const s = fresh();
    fact(s, {
      kind: 'case-opened',
      caseId: 'case-fm',
      caseType: 'family-maintenance-court',
      openedOn: '2027-11-01',
      knownToCalworks: true,
    });
    expect(codes(s)).toEqual(['joint-case-planning-meeting:open']);
    expect(s.enrollment).toMatchObject({ strategy: 'intervention-fm' });
    fact(s, { kind: 'cft-meeting-held', meetingId: 'm1', caseId: 'case-fm', heldOn: '2027-11-10', calworksWorkerInvited: false });
    expect(codes(s)).toEqual(['joint-case-planning-meeting:open']);
    fact(s, { kind: 'cft-meeting-held', meetingId: 'm2', caseId: 'case-fm', heldOn: '2027-11-20', calworksWorkerInvited: true });
    expect(codes(s)).toEqual(['joint-case-planning-meeting:done']);
    // Each CWS case plan: a coordinated review.
    fact(s, { kind: 'case-plan-filed', casePlanId: 'plan-1', caseId: 'case-fm', filedOn: '2027-11-25', planKind: 'initial' });
    expect(codes(s)).toContain('coordinated-plan-review:open');
    // The case closes: its open tasks are cancelled, the enrollment ends.
    const closed = fact(s, { kind: 'case-closed', caseId: 'case-fm', closedOn: '2028-05-01' });
    expect(codes(s)).toContain('coordinated-plan-review:cancelled');
    expect(closed?.enrollment).toMatchObject({ op: 'end' });
    expect(s.enrollment).toBeNull();
  });

  it('a joint meeting recorded over HTTP meets the task; an outcome on a closed task is refused', () => {
    const s = fresh();
    fact(s, { kind: 'case-opened', caseId: 'case-fr', caseType: 'family-reunification', openedOn: '2027-11-01', knownToCalworks: true });
    recordJointMeeting(ctx, s, { meetingId: 'jm-1', heldOn: '2027-11-15', by: 'worker' });
    const task = s.tasks[0];
    expect(task).toMatchObject({ code: 'joint-case-planning-meeting', status: 'done', outcome: 'met-by-fact' });
    expect(refuseTaskOutcome(s, { taskId: task?.taskId ?? '', outcome: 'done', by: 'w' })).toMatchObject({ code: 'task-already-closed' });
    expect(refuseTaskOutcome(s, { taskId: 'nope', outcome: 'done', by: 'w' })).toMatchObject({ code: 'not-found' });
  });

  it('a due clock makes the task overdue (its event), once; the worker may still record it done', () => {
    const s = fresh();
    fact(s, { kind: 'child-removed', removalId: 'rm-3', caseId: 'case-1', removedAt: '2027-11-24T10:00:00-08:00', knownToCalworks: true });
    const reached = { deadlineId: 'd1', subjectRef: 'removal/rm-3/fr-worker-contacts-csw', kind: 'due', at: '2027-12-02T00:00:00-08:00' };
    expect(applyCoordinationClock(ctx, s, reached)?.events).toEqual([
      expect.objectContaining({
        kind: 'coordination-task-changed',
        payload: expect.objectContaining({ task: 'worker-contacts-csw', status: 'overdue' }),
      }),
    ]);
    expect(applyCoordinationClock(ctx, s, reached)).toBeUndefined();
    const task = s.tasks.find((t) => t.code === 'worker-contacts-csw');
    const done = recordTaskOutcome(ctx, s, { taskId: task?.taskId ?? '', outcome: 'done', by: 'w', at: '2027-12-02T10:00:00-08:00' });
    expect(done.clocks).toEqual([{ op: 'satisfy', subjectId: 'rm-3', purpose: 'fr-worker-contacts-csw', at: '2027-12-02T10:00:00-08:00' }]);
  });

  it('a typed-in referral of a removal in an aided family keeps today’s hand-off clock (subject referral); the CWS event of the same removal adds none', () => {
    const s = fresh();
    fact(s, {
      kind: 'family-referred',
      referralId: 'lr-1',
      caseType: 'FR',
      childRemoved: true,
      removedOn: '2027-11-24',
      calworksAided: true,
      referredAt: '2027-11-24T15:00:00-08:00',
    });
    expect(s.tasks.map((t) => [t.code, t.subject])).toEqual([
      ['worker-contacts-csw', { type: 'referral', id: 'lr-1' }],
      ['au-change', { type: 'referral', id: 'lr-1' }],
    ]);
    fact(s, { kind: 'child-removed', removalId: 'rm-4', caseId: 'case-9', removedAt: '2027-11-24T10:00:00-08:00', knownToCalworks: true });
    expect(s.tasks.filter((t) => t.code === 'worker-contacts-csw')).toHaveLength(1);
  });

  describe('shared families merge', () => {
    const removal = {
      kind: 'child-removed',
      removalId: 'rm-m',
      caseId: 'case-m',
      removedAt: '2027-11-20T10:00:00-08:00',
      knownToCalworks: false,
    } as const;

    it('the survivor hears the absorbed family’s aided status: the removal’s hand-off opens from the removal’s instant, once', () => {
      // The CWS family heard the removal; the AU-only family heard the aided status (no process of its own ran).
      const survivor = fresh();
      fact(survivor, removal, 'e-rm');
      expect(survivor.tasks).toEqual([]);
      const merge = {
        eventId: 'e-linked',
        mergedFamilyId: 'family-au',
        // The survivor's own fact comes back with the timeline: skipped (seen).
        facts: [
          { eventId: 'e-rm', fact: removal },
          {
            eventId: 'e-aided',
            fact: { kind: 'aided-status-recorded', auId: 'au-9', status: 'aided', effectiveOn: '2027-01-01' } as const,
          },
        ],
        tasks: [],
        meetings: [],
      };
      const p = applyFamilyMerged(ctx, survivor, merge);
      expect(codes(survivor)).toEqual(['worker-contacts-csw:open', 'au-change:open']);
      expect(p?.clocks).toEqual([
        expect.objectContaining({
          op: 'open',
          subject: { type: 'removal', id: 'rm-m' },
          purpose: 'fr-worker-contacts-csw',
          startAt: removal.removedAt,
        }),
        expect.objectContaining({ op: 'open', subject: { type: 'removal', id: 'rm-m' }, purpose: 'au-change', startAt: removal.removedAt }),
      ]);
      expect(survivor.facts.calworks.status).toBe('aided');
      expect(applyFamilyMerged(ctx, survivor, merge)).toBeUndefined();
      // A fact the merge told is not applied again when its event is redelivered.
      expect(fact(survivor, merge.facts[1]!.fact, 'e-aided')).toBeUndefined();
    });

    it('the absorbed process hands over its tasks: the survivor keeps them (rows re-written under it) and derives no second one', () => {
      const absorbed = fresh();
      fact(absorbed, { kind: 'aided-status-recorded', auId: 'au-9', status: 'aided', effectiveOn: '2027-01-01' }, 'e-aided-2');
      fact(absorbed, { ...removal, knownToCalworks: true }, 'e-rm-2');
      fact(
        absorbed,
        { kind: 'case-opened', caseId: 'case-m', caseType: 'family-reunification', openedOn: '2027-11-21', knownToCalworks: true },
        'e-case',
      );
      expect(codes(absorbed)).toEqual(['worker-contacts-csw:open', 'au-change:open', 'joint-case-planning-meeting:open']);
      const enrollment = absorbed.enrollment?.enrollmentId;
      const handed = applyMergedInto(ctx, absorbed, { eventId: 'e-linked-2', survivorFamilyId: 'family-cws' });
      expect(handed?.parts.enrollment).toEqual({ op: 'end', enrollmentId: enrollment, endedAt: ctx.now });
      expect(handed?.tasks.map((t) => t.code)).toEqual(['worker-contacts-csw', 'au-change', 'joint-case-planning-meeting']);
      expect(absorbed).toMatchObject({ mergedInto: 'family-cws', tasks: [], enrollment: null });
      expect(applyMergedInto(ctx, absorbed, { eventId: 'e-linked-3', survivorFamilyId: 'family-cws' })).toBeUndefined();

      // The survivor already knew the same removal (its CWS event) but not the aided status.
      const survivor = fresh();
      fact(survivor, removal, 'e-rm-cws');
      const p = applyFamilyMerged(ctx, survivor, {
        eventId: 'e-linked-2',
        mergedFamilyId: 'family-au',
        facts: [
          { eventId: 'e-aided-2', fact: { kind: 'aided-status-recorded', auId: 'au-9', status: 'aided', effectiveOn: '2027-01-01' } },
        ],
        tasks: handed?.tasks ?? [],
        meetings: [],
      });
      expect(codes(survivor)).toEqual(['worker-contacts-csw:open', 'au-change:open', 'joint-case-planning-meeting:open']);
      expect(survivor.tasks.map((t) => t.taskId)).toEqual(handed?.tasks.map((t) => t.taskId));
      expect(p?.tasks.map((t) => t.code)).toEqual(['worker-contacts-csw', 'au-change', 'joint-case-planning-meeting']);
      // The moved tasks' clocks exist (opened by the absorbed process, which forwards them): none is opened again.
      expect(p?.clocks).toEqual([]);
    });
  });
});
