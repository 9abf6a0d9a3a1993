import { onTimePercent, reportPeriodOf } from './timeliness-period';

describe('the period of a timeliness report', () => {
  // 2026-12-01T05:00Z is still 30 November in Los Angeles.
  const lateNovember = new Date('2026-12-01T05:00:00Z');
  const december = new Date('2026-12-02T12:00:00Z');

  it('defaults to the last six months through the current one, in the county zone', () => {
    expect(reportPeriodOf({}, lateNovember)).toEqual({
      ok: true,
      period: { from: '2026-06', to: '2026-11', start: '2026-06-01T07:00:00.000Z', end: '2026-12-01T08:00:00.000Z' },
    });
    expect(reportPeriodOf({}, december)).toMatchObject({ ok: true, period: { from: '2026-07', to: '2026-12' } });
  });

  it('fills the missing end from the one given', () => {
    expect(reportPeriodOf({ from: '2026-02' }, december)).toMatchObject({ period: { from: '2026-02', to: '2026-07' } });
    expect(reportPeriodOf({ from: '2026-10' }, december)).toMatchObject({ period: { from: '2026-10', to: '2026-12' } });
    expect(reportPeriodOf({ to: '2026-03' }, december)).toMatchObject({ period: { from: '2025-10', to: '2026-03' } });
    expect(reportPeriodOf({ from: '2026-03', to: '2026-03' }, december)).toMatchObject({
      period: { start: '2026-03-01T08:00:00.000Z', end: '2026-04-01T07:00:00.000Z' },
    });
  });

  it('refuses from after to, and more than 24 months', () => {
    expect(reportPeriodOf({ from: '2026-05', to: '2026-04' }, december)).toEqual({
      ok: false,
      field: 'from',
      message: 'from must not be after to',
    });
    expect(reportPeriodOf({ from: '2024-12', to: '2026-11' }, december)).toMatchObject({ ok: true });
    expect(reportPeriodOf({ from: '2024-11', to: '2026-11' }, december)).toMatchObject({ ok: false, field: 'to' });
  });

  it('the on-time share: met on time over met and open overdue, one decimal, null when none', () => {
    expect(onTimePercent(2, 3, 0)).toBe(66.7);
    expect(onTimePercent(1, 1, 2)).toBe(33.3);
    expect(onTimePercent(0, 0, 0)).toBeNull();
  });
});
