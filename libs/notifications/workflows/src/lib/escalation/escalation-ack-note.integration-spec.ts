import { acknowledgeEscalationUpdate, deadlineChangedSignal, escalationViewQuery } from './escalation.workflow';
import { STAFF, createEscalationHarness, frozenPolicy } from './escalation.spec-helper';

// The acknowledgment's note (POST /escalations/{deadlineId}/acknowledge { note }) on the 'acknowledged' timeline entry:
// in the view and in what recordEscalation writes to the read model (GET /escalations/{id}, GET /deadline-queue/{id}),
// never in the published event.
describe('escalationWorkflow: the acknowledgment note (time-skipping)', () => {
  let h: Awaited<ReturnType<typeof createEscalationHarness>>;
  beforeAll(async () => {
    h = await createEscalationHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  const acknowledged = async (note?: string) => {
    const handle = await h.start({ frozen: frozenPolicy() });
    const deadlineId = (await handle.describe()).workflowId.split('/')[2];
    await h.skipTo(Date.parse(await h.now()) + 1000);
    const by = STAFF['assigned-worker'] ?? '';
    const view = await handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by, via: 'api', ...(note ? { note } : {}) }] });
    await handle.signal(deadlineChangedSignal, { kind: 'satisfied', at: await h.now() });
    await handle.result();
    const recorded = h.calls.record.filter((r) => r.subject.deadlineId === deadlineId && r.entry.kind === 'acknowledged');
    return { by, view, recorded, final: await handle.query(escalationViewQuery) };
  };

  it('keeps the note on the acknowledged entry, recorded once, and out of the published event', async () => {
    const { by, view, recorded, final } = await acknowledged('Calling the family now');
    const expected = { by, via: 'api', note: 'Calling the family now' };
    expect(view.timeline.find((e) => e.kind === 'acknowledged')?.detail).toEqual(expected);
    expect(final.timeline.find((e) => e.kind === 'acknowledged')?.detail).toEqual(expected);
    expect(recorded.map((r) => r.entry.detail)).toEqual([expected]);
    expect(recorded[0]?.publish).toEqual({
      type: 'escalation-acknowledged',
      level: 1,
      acknowledgedBy: by,
      acknowledgedAt: recorded[0]?.entry.at,
    });
  }, 120_000);

  it('without a note, the entry is as before ({ by, via })', async () => {
    const { by, recorded } = await acknowledged();
    expect(recorded.map((r) => r.entry.detail)).toEqual([{ by, via: 'api' }]);
  }, 120_000);
});
