import {
  compareQueueItems,
  foldQueueEvents,
  isQueueEventKind,
  legallyUrgentHint,
  programOf,
  queueAgencyOf,
  queueBandOf,
  queueViewStateOf,
  type QueueEventFact,
} from './deadline-queue';

const due = '2026-12-07T23:59:59.000Z';
const later = '2026-12-14T23:59:59.000Z';
const ev = (kind: QueueEventFact['kind'], at: string, dueAt = due): QueueEventFact => ({ kind, at, dueAt });

describe('programOf', () => {
  it.each([
    ['cws.er.response-10-day', 'cws-emergency-response'],
    ['cws.court.detention-hearing', 'cws-court'],
    ['cws.case.plan-30-day', 'cws-case'],
    ['calworks.wtw.sanction-notice', 'calworks-welfare-to-work'],
    ['calworks.fr.ab429-redetermination', 'calworks-family-reunification'],
    ['linkages.coordination.er-contact', 'linkages'],
    ['calworks.au.redetermination', 'calworks-au'],
    ['odd', 'odd'],
  ])('%s is %s', (ruleId, program) => expect(programOf(ruleId)).toBe(program));
});

describe('queueAgencyOf', () => {
  it('names the agency whose work the clock is', () => {
    expect(queueAgencyOf('child-welfare')).toBe('cws');
    expect(queueAgencyOf('calworks')).toBe('calworks');
    expect(queueAgencyOf('referrals')).toBe('linkages');
  });
});

describe('foldQueueEvents', () => {
  it('climbs due-soon → due → overdue → met', () => {
    const w = ev('warning', '2026-12-04T08:00:00Z');
    const d = ev('due', '2026-12-08T00:00:00Z');
    const o = ev('overdue', '2026-12-08T00:00:01Z');
    expect(foldQueueEvents([w])?.state).toBe('due-soon');
    expect(foldQueueEvents([w, d])?.state).toBe('due');
    expect(foldQueueEvents([w, d, o])?.state).toBe('overdue');
    expect(foldQueueEvents([w, d, o, ev('satisfied', '2026-12-09T00:00:00Z')])?.state).toBe('met');
  });

  it('never goes back when an earlier stage arrives late', () => {
    const o = ev('overdue', '2026-12-08T00:00:01Z');
    expect(foldQueueEvents([o, ev('warning', '2026-12-04T08:00:00Z'), ev('due', '2026-12-08T00:00:00Z')])?.state).toBe('overdue');
  });

  it('keeps met and cancelled final, whichever came first', () => {
    const s = ev('satisfied', '2026-12-05T00:00:00Z');
    expect(foldQueueEvents([ev('overdue', '2026-12-08T00:00:01Z'), s])?.state).toBe('met');
    expect(foldQueueEvents([ev('cancelled', '2026-12-05T00:00:00Z'), ev('satisfied', '2026-12-06T00:00:00Z')])?.state).toBe('cancelled');
  });

  it('follows the latest extension or move for the due instant, in any arrival order', () => {
    const x = ev('extended', '2026-12-06T00:00:00Z', later);
    const w = ev('warning', '2026-12-04T08:00:00Z');
    expect(foldQueueEvents([x, w])).toEqual({ state: 'due-soon', dueAt: later });
    expect(foldQueueEvents([w, x])).toEqual({ state: 'due-soon', dueAt: later });
    const m = ev('moved-earlier', '2026-12-07T00:00:00Z', '2026-12-10T23:59:59.000Z');
    expect(foldQueueEvents([m, w, x])?.dueAt).toBe('2026-12-10T23:59:59.000Z');
  });

  it('re-arms on an extension past its own time (an overdue before it no longer counts), not on a move earlier', () => {
    const o = ev('overdue', '2026-12-08T00:00:01Z');
    expect(foldQueueEvents([ev('extended', '2026-12-09T00:00:00Z', later), o])).toEqual({ state: 'due-soon', dueAt: later });
    expect(foldQueueEvents([o, ev('moved-earlier', '2026-12-09T00:00:00Z', '2026-12-08T12:00:00.000Z')])?.state).toBe('overdue');
    // An extension still in the past re-arms nothing.
    expect(foldQueueEvents([o, ev('extended', '2026-12-09T00:00:00Z', '2026-12-08T12:00:00.000Z')])?.state).toBe('overdue');
  });

  it('is null without events', () => expect(foldQueueEvents([])).toBeNull());

  it('counts deadline events only (a re-assignment on the timeline is not one)', () => {
    expect(['warning', 'due', 'overdue', 'satisfied', 'cancelled', 'extended', 'moved-earlier'].every(isQueueEventKind)).toBe(true);
    expect(isQueueEventKind('reassigned')).toBe(false);
  });
});

describe('legallyUrgentHint', () => {
  it('takes the frozen policy of an overdue, else the reminder’s hours', () => {
    expect(legallyUrgentHint({ escalation: { policy: { legallyUrgent: true, windows: 'business-hours' } } })).toBe(true);
    expect(legallyUrgentHint({ escalation: { policy: { legallyUrgent: false, windows: 'clock-hours' } } })).toBe(true);
    expect(legallyUrgentHint({ escalation: { policy: { legallyUrgent: false, windows: 'business-hours' } } })).toBe(false);
    expect(legallyUrgentHint({ remaining: 'PT12H' })).toBe(true);
    expect(legallyUrgentHint({ remaining: 'P3D' })).toBe(false);
    expect(legallyUrgentHint({})).toBe(false);
  });
});

describe('queueViewStateOf', () => {
  it('splits overdue by its latest escalation', () => {
    expect(queueViewStateOf('overdue', { status: 'open', level: 1 })).toBe('escalated');
    expect(queueViewStateOf('overdue', { status: 'open', level: 0 })).toBe('overdue');
    expect(queueViewStateOf('overdue', { status: 'acknowledged', level: 2 })).toBe('acknowledged');
    expect(queueViewStateOf('overdue', { status: 'resolved', level: 2 })).toBe('overdue');
    expect(queueViewStateOf('overdue', null)).toBe('overdue');
    expect(queueViewStateOf('due', { status: 'open', level: 1 })).toBe('due');
    expect(queueViewStateOf('cancelled', null)).toBeNull();
  });
});

describe('compareQueueItems', () => {
  it('sorts by band, then legally urgent first, then time left', () => {
    const item = (id: string, state: Parameters<typeof queueBandOf>[0], legallyUrgent: boolean, dueAt: string) => ({
      deadlineId: id,
      band: queueBandOf(state),
      legallyUrgent,
      dueAt,
    });
    const items = [
      item('ack', 'acknowledged', true, '2026-12-01T00:00:00Z'),
      item('soon', 'due-soon', false, '2026-12-03T00:00:00Z'),
      item('due', 'due', false, '2026-12-02T00:00:00Z'),
      item('over-days-early', 'overdue', false, '2026-11-20T00:00:00Z'),
      item('over-hours', 'overdue', true, '2026-11-30T00:00:00Z'),
      item('esc', 'escalated', false, '2026-11-30T00:00:00Z'),
      item('over-days-late', 'overdue', false, '2026-11-25T00:00:00Z'),
    ];
    expect([...items].sort(compareQueueItems).map((i) => i.deadlineId)).toEqual([
      'esc',
      'over-hours',
      'over-days-early',
      'over-days-late',
      'due',
      'soon',
      'ack',
    ]);
  });
});
