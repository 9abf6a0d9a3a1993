import { countyCalendarSpec } from '@linkages/platform-deadlines';
import type { FrozenEscalationPolicy } from './escalation-activities.contract';
import {
  acknowledgeEscalation,
  acknowledgmentRefusal,
  initialEscalationState,
  nextEscalationStep,
  raiseStep,
  resolveEscalation,
  resolvesEscalation,
} from './escalation-steps';

const frozen: FrozenEscalationPolicy = {
  ladder: [
    { level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT4H' },
    { level: 2, role: 'supervisor', acknowledgeWithin: 'PT4H' },
    { level: 3, role: 'manager', acknowledgeWithin: 'PT8H', repeat: { every: 'PT2H', max: 2 } },
  ],
  policy: { windows: 'clock-hours', businessHours: { start: '08:00', end: '17:00' }, legallyUrgent: false, acknowledgmentExpiry: 'PT24H' },
  calendar: countyCalendarSpec('06085'),
};
const T0 = '2026-11-16T16:00:00.000Z';
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const entry = (at: string) => ({ at, kind: 'level-raised' as const, detail: {} });

describe('escalation steps', () => {
  it('fires level 1 at once, then climbs after each window, repeats capped, then waits', () => {
    let s = initialEscalationState();
    const fired: string[] = [];
    for (let i = 0; i < 10; i++) {
      const step = nextEscalationStep(s, frozen, T0);
      if (!step) break;
      fired.push(`${step.level}/${step.round}/${step.kind}@${step.at}`);
      s = raiseStep(s, step, [A], entry(step.at));
    }
    expect(fired).toEqual([
      `1/0/escalation@${T0}`,
      '2/0/escalation@2026-11-16T20:00:00.000Z',
      '3/0/escalation@2026-11-17T00:00:00.000Z',
      '3/1/repeat@2026-11-17T02:00:00.000Z',
      '3/2/repeat@2026-11-17T04:00:00.000Z',
    ]);
    expect(s.status).toBe('open');
  });

  it('stops pending steps on acknowledgment and re-opens at the next level after the expiry', () => {
    let s = initialEscalationState();
    s = raiseStep(s, nextEscalationStep(s, frozen, T0)!, [A], entry(T0));
    s = raiseStep(s, nextEscalationStep(s, frozen, T0)!, [B], entry(T0));
    s = acknowledgeEscalation(s, B, '2026-11-16T21:00:00.000Z', entry(T0));
    expect(s.status).toBe('acknowledged');
    expect(nextEscalationStep(s, frozen, T0)).toMatchObject({
      level: 3,
      role: 'manager',
      kind: 'reopened',
      at: '2026-11-17T21:00:00.000Z',
    });
  });

  it('refuses acknowledgments by someone not notified, twice, and after the end', () => {
    let s = raiseStep(initialEscalationState(), nextEscalationStep(initialEscalationState(), frozen, T0)!, [A], entry(T0));
    expect(acknowledgmentRefusal(s, B)).toMatch(/notified/);
    s = acknowledgeEscalation(s, A, T0, entry(T0));
    expect(acknowledgmentRefusal(s, A)).toMatch(/already acknowledged/);
    s = resolveEscalation(s, entry(T0));
    expect(acknowledgmentRefusal(s, A)).toMatch(/ended/);
    expect(nextEscalationStep(s, frozen, T0)).toBeNull();
  });

  it('resolves on satisfied, cancelled and extended past now; a moved-earlier is noted only', () => {
    expect(resolvesEscalation({ kind: 'satisfied' }, T0)).toBe(true);
    expect(resolvesEscalation({ kind: 'cancelled' }, T0)).toBe(true);
    expect(resolvesEscalation({ kind: 'extended', dueAt: '2026-11-20T00:00:00.000Z' }, T0)).toBe(true);
    expect(resolvesEscalation({ kind: 'extended', dueAt: '2026-11-10T00:00:00.000Z' }, T0)).toBe(false);
    expect(resolvesEscalation({ kind: 'moved-earlier', dueAt: '2026-11-10T00:00:00.000Z' }, T0)).toBe(false);
  });
});
