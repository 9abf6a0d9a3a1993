import { DateTime } from 'luxon';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import type { ServiceName } from '@linkages/shared-contracts';
import { ZONE, createDeadlineHarness, type DeadlineHarness } from './deadline-harness';

/** The deadline's view as far as a rule scenario reads it (the workflow's query, typed loosely: no workflow import). */
interface ScenarioView {
  deadlineId: string;
  ruleId: string;
  startAt: string;
  due: {
    dueAt: string | null;
    dueDate: string | null;
    explanation: {
      calendar: { id: string };
      rule: { citation: string };
      summary: string;
      skipped: { date: string; reason: string }[];
      rolledForward?: { from: string; to: string };
      rolledBackward?: { from: string; to: string; ccp12aWouldAllow: string };
    };
  };
  state: { status: string; dueEmitted: boolean; timeline: { at: string; kind: string }[] };
}

type Handle = Awaited<ReturnType<DeadlineHarness['start']>>;

export interface Scenario {
  rule: string;
  /** The statute or policy the explanation must name. */
  cites: string;
  calendar: 'county' | 'court';
  start: string;
  /** Expected due instant, exactly as the deadline reports it (end of the due day for day-based rules). */
  due: string;
  /** Days not counted (court days, court hours) or stepped over when rolling the last day, as `date (reason)`. */
  skipped?: string[];
  /** CCP 12a roll of the last day: [last day, due day]. */
  rolled?: [string, string];
  /** Backward roll of a "no later than" limit: [limit, due day (last open day on or before it), the CCP 12a date]. */
  rolledBack?: [string, string, string];
  /** More text the explanation must contain. */
  says?: string[];
  hourly?: boolean;
}

export interface RuleScenarioOptions {
  service: ServiceName;
  registry: PolicyRegistry;
  /** The first scenario's start: the whole suite moves by 28-year cycles once the real clock is past it. */
  firstStart: string;
  countyCode?: string;
  /** Who cancels a deadline at the end of its scenario (a pseudonymous staff id). */
  closedBy?: string;
}

const SECOND = 1_000;
const MINUTE = 60_000;

/**
 * A service's rules at their real durations in the time-skipping test server, with due instants worked out by hand.
 * For each scenario it proves the durable deadline's view (due instant, calendar, skipped days, the explanation
 * naming the citation) and that its `due` event is not emitted a second before that instant and is emitted right
 * at it.
 *
 * One test server for a whole suite, and its clock only moves forward: scenarios run in chronological order. The
 * test server starts at the real current time; once that is past the first scenario, every date is moved forward by
 * 28 years (`y()`): between 1901 and 2099 the Gregorian calendar repeats its weekdays every 28 years, and every
 * holiday rule in play (fixed dates with weekend observance, nth weekdays, the day after Thanksgiving) and the US
 * daylight-saving rule depend only on date and weekday, so each hand-computed expectation holds in the shifted year.
 */
export function ruleScenarios({
  service,
  registry,
  firstStart,
  countyCode = '06085',
  closedBy = '44444444-4444-4444-8444-444444444444',
}: RuleScenarioOptions) {
  let h: DeadlineHarness | undefined;
  let shiftYears = 0;
  const harness = () => {
    if (!h) throw new Error('ruleScenarios: call start() in beforeAll first');
    return h;
  };
  /** The literal scenario dates, moved by whole 28-year cycles when the scenarios are already in the past. */
  const y = (text: string) =>
    shiftYears === 0 ? text : text.replace(/\b(20\d\d)(?=-\d\d-\d\d)/g, (year) => String(Number(year) + shiftYears));
  const ms = (iso: string) => Date.parse(iso);
  const iso = (millis: number) => DateTime.fromMillis(millis, { zone: ZONE }).toISO() ?? String(millis);
  const view = async (handle: Handle) => (await handle.query<ScenarioView, []>('deadlineView')) as ScenarioView;

  /** Travels to a scenario's start, refusing to run it when the shared clock is already past it. */
  async function arriveAt(start: string): Promise<void> {
    const now = (await harness().now()).toMillis();
    if (now > ms(start))
      throw new Error(
        `The shared test-server clock (${iso(now)}) is past this scenario's start ${start}: keep the scenarios in chronological order`,
      );
    await harness().travelTo(start);
  }

  const dueEvents = async (deadlineId: string) => (await harness().events(deadlineId)).filter((e) => e.type === 'deadline-due');

  /** Workflow time when a timer fires is the start of the task that handles it: the instant itself or a moment later. */
  function expectFiredAt(v: ScenarioView, dueAt: string): void {
    const fired = v.state.timeline.filter((t) => t.kind === 'due').map((t) => ms(t.at));
    expect(fired).toHaveLength(1);
    const late = (fired[0] ?? Number.NaN) - ms(dueAt);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(MINUTE);
  }

  /**
   * Cancels the deadline so no escalation timer is left running. Not `handle.result()`: in the time-skipping
   * environment waiting for a result unlocks time skipping, and the test server then jumps its clock ~10 years
   * (seen even for a workflow that had already completed), which would overrun the later scenarios.
   */
  async function close(handle: Handle): Promise<void> {
    const closed = (await handle.executeUpdate('cancel', { args: [{ by: closedBy, reasonCode: 'test-complete' }] })) as ScenarioView;
    expect(closed.state.status).toBe('cancelled');
  }

  /** The due event is not there a second before the due instant, and is there (once, for that instant) just after it. */
  async function expectDueEventAt(handle: Handle, deadlineId: string, dueAt: string): Promise<void> {
    await harness().travelTo(iso(ms(dueAt) - SECOND));
    expect(await dueEvents(deadlineId)).toEqual([]);
    expect((await view(handle)).state.dueEmitted).toBe(false);
    await harness().travelTo(iso(ms(dueAt) + MINUTE));
    const due = await dueEvents(deadlineId);
    expect(due).toHaveLength(1);
    expect(ms(due[0]?.data['dueAt'] as string)).toBe(ms(dueAt));
    expectFiredAt(await view(handle), dueAt);
  }

  /** Starts the rule's deadline at its start instant and proves the due instant, its explanation and its due event. */
  async function prove(raw: Scenario): Promise<ScenarioView> {
    const s = {
      ...raw,
      start: y(raw.start),
      due: y(raw.due),
      skipped: (raw.skipped ?? []).map(y),
      rolled: raw.rolled?.map(y),
      rolledBack: raw.rolledBack?.map(y),
      says: (raw.says ?? []).map(y),
    };
    await arriveAt(s.start);
    const handle = await harness().start(s.rule, s.start);
    const v = await view(handle);
    const { due } = v;
    expect(v.ruleId).toBe(s.rule);
    expect(due.dueAt).toBe(s.due);
    expect(due.dueDate).toBe(s.hourly ? null : s.due.slice(0, 10));
    expect(due.explanation.calendar.id).toBe(`${s.calendar}:${countyCode}`);
    expect(due.explanation.rule.citation).toBe(registry.rule(s.rule, countyCode).citation);
    expect(due.explanation.summary).toContain(s.cites);
    expect(due.explanation.summary).toContain(due.explanation.rule.citation);
    expect(due.explanation.skipped.map((d) => `${d.date} (${d.reason})`)).toEqual(s.skipped);
    for (const day of s.skipped) expect(due.explanation.summary).toContain(day);
    if (s.rolled) {
      expect(due.explanation.rolledForward).toEqual({ from: s.rolled[0], to: s.rolled[1] });
      expect(due.explanation.summary).toContain(`The last day, ${s.rolled[0]}, is closed; moved to ${s.rolled[1]}`);
    } else {
      expect(due.explanation.rolledForward).toBeUndefined();
    }
    if (s.rolledBack) {
      const [from, to, ccp12aWouldAllow] = s.rolledBack;
      expect(due.explanation.rolledBackward).toEqual({ from, to, ccp12aWouldAllow });
      expect(due.explanation.summary).toContain(`The limit, ${from}, is closed`);
      expect(due.explanation.summary).toContain(`due the last open day on or before it, ${to}`);
      expect(due.explanation.summary).toContain(`CCP 12a could extend a last day on a closed day to ${ccp12aWouldAllow}`);
    } else {
      expect(due.explanation.rolledBackward).toBeUndefined();
    }
    if (s.skipped.length && !s.rolled && !s.rolledBack) expect(due.explanation.summary).toContain('Not counted: ');
    for (const text of s.says) expect(due.explanation.summary).toContain(text);

    await expectDueEventAt(handle, v.deadlineId, s.due);
    await close(handle);
    return v;
  }

  return {
    y,
    ms,
    iso,
    arriveAt,
    dueEvents,
    expectFiredAt,
    expectDueEventAt,
    close,
    prove,
    /** Starts the harness for the service and decides the 28-year shift (call in beforeAll). */
    async start(): Promise<DeadlineHarness> {
      h = await createDeadlineHarness({ service, registry, countyCode });
      const now = (await h.now()).toMillis();
      while (ms(y(firstStart)) - now < MINUTE) shiftYears += 28;
      return h;
    },
    async stop(): Promise<void> {
      await h?.close();
    },
  };
}
