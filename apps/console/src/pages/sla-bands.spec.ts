import type { DeadlineView } from '../api/types';
import { slaBands } from './sla-bands';

const t = (iso: string) => new Date(iso).getTime();
const view = (timeline: { at: string; kind: string }[], dueAt = '2026-12-01T17:00:00Z'): DeadlineView => ({
  item: { dueAt } as DeadlineView['item'],
  timeline: timeline.map((e) => ({ ...e, detail: {} })),
});

describe('slaBands', () => {
  it('reminded → due → overdue → acknowledged, each band ending where the next begins', () => {
    const bands = slaBands(
      view([
        { at: '2026-12-01T09:00:00Z', kind: 'warning' },
        { at: '2026-12-01T17:00:00Z', kind: 'due' },
        { at: '2026-12-01T18:00:00Z', kind: 'overdue' },
        { at: '2026-12-01T20:00:00Z', kind: 'acknowledged' },
      ]),
      t('2026-12-02T00:00:00Z'),
    );
    expect(bands.map((b) => [b.tone, new Date(b.from).toISOString(), new Date(b.to).toISOString()])).toEqual([
      ['reminded', '2026-12-01T09:00:00.000Z', '2026-12-01T17:00:00.000Z'],
      ['due', '2026-12-01T17:00:00.000Z', '2026-12-01T18:00:00.000Z'],
      ['overdue', '2026-12-01T18:00:00.000Z', '2026-12-01T20:00:00.000Z'],
      ['acknowledged', '2026-12-01T20:00:00.000Z', '2026-12-02T00:00:00.000Z'],
    ]);
  });

  it('stops at the moment the deadline is met, and shows nothing overdue when it was met in time', () => {
    const bands = slaBands(
      view([
        { at: '2026-12-01T09:00:00Z', kind: 'warning' },
        { at: '2026-12-01T12:00:00Z', kind: 'satisfied' },
      ]),
      t('2026-12-03T00:00:00Z'),
    );
    expect(bands).toEqual([
      { from: t('2026-12-01T09:00:00Z'), to: t('2026-12-01T12:00:00Z'), tone: 'reminded', label: 'Reminded, not yet due' },
    ]);
  });
});
