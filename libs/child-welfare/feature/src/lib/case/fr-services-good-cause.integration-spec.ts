import { randomBytes, randomUUID } from 'node:crypto';
import { startCaseApi } from './case-api.spec-helper';

// POST cases/:caseId/fr-services-good-cause over HTTP (real guards, idempotency, problem+json) against the real
// PostgreSQL: the grant is a row, the fr-services-good-cause-granted event in the outbox (with the family's CalWORKs
// case number) and an audit entry; every refusal is a problem and writes nothing; a replay with the same
// Idempotency-Key answers the first response and writes nothing more.
const SC = '06085';
const GOOD_CAUSE_EVENT = 'gov.ca.linkages.cws.fr-services-good-cause-granted.v1';
type H = Awaited<ReturnType<typeof startCaseApi>>;
let h: H;

const member = (role: string, dateOfBirth: string) => ({ role, firstName: 'Test', lastName: 'Goodcause', dateOfBirth });
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
const grant = { grantedOn: '2026-09-01', continuesThrough: '2027-02-28' };

/** A family (with a CalWORKs case number unless `calworksCaseNumber` is null), its FR case opened 2026-03-01, a child removed. */
async function frCase({ calworksCaseNumber = `CW-${randomBytes(4).toString('hex')}` as string | null, removed = true } = {}) {
  const family = await h.post('/families', {
    ...(calworksCaseNumber ? { calworksCaseNumber } : {}),
    members: [member('parent', '1990-01-01'), member('child', '2020-05-05')],
  });
  expect(family.status).toBe(201);
  const familyId = family.body['id'] as string;
  const childId = (family.body['members'] as { personId: string; role: string }[]).find((m) => m.role === 'child')!.personId;
  const caseId = randomUUID();
  await h.query(
    `INSERT INTO child_welfare.cases (id, family_id, county_code, type, status, opened_on, detained, jurisdiction_on, disposition_on, disposition_outcome, services_months)
     VALUES ($1, $2, $3, 'family-reunification', 'open', '2026-03-01', false, '2026-03-20', '2026-04-10', 'family-reunification', 6)`,
    [caseId, familyId, SC],
  );
  const removalId = randomUUID();
  await h.query(
    `INSERT INTO child_welfare.removals (id, case_id, child_id, removed_at, placement_type, sibling_group_placed_together, returned_on)
     VALUES ($1, $2, $3, '2026-03-01T10:00:00-08:00', 'foster-family', false, $4)`,
    [removalId, caseId, childId, removed ? null : '2026-08-01'],
  );
  return { familyId, caseId, removalId, calworksCaseNumber };
}

const route = (caseId: string) => `/cases/${caseId}/fr-services-good-cause`;
const grants = (caseId: string) =>
  h.query<{ id: string; county_code: string; family_id: string; granted_on: string; continues_through: string; created_by: string }>(
    `SELECT id, county_code, family_id, to_char(granted_on, 'YYYY-MM-DD') AS granted_on, to_char(continues_through, 'YYYY-MM-DD') AS continues_through, created_by
     FROM child_welfare.fr_services_good_causes WHERE case_id = $1`,
    [caseId],
  );
const events = async (familyId: string) =>
  (
    await h.query<{ event_type: string; value: string }>(
      `SELECT event_type, value FROM child_welfare.outbox WHERE partition_key = $1 AND event_type = $2 ORDER BY seq`,
      [familyId, GOOD_CAUSE_EVENT],
    )
  ).map((r) => JSON.parse(r.value) as Record<string, unknown>);
const audits = (recordType: string, recordId: string) =>
  h.query<{ action: string; outcome: string; record_county: string }>(
    `SELECT action, outcome, record_county FROM child_welfare.audit_log WHERE record_type = $1 AND record_id = $2 ORDER BY seq`,
    [recordType, recordId],
  );

describe('POST cases/:caseId/fr-services-good-cause (HTTP, real PostgreSQL)', () => {
  beforeAll(async () => {
    h = await startCaseApi();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('records the grant (201), shares fr-services-good-cause-granted with the CalWORKs case number, audits it', async () => {
    const { familyId, caseId, calworksCaseNumber } = await frCase();
    const res = await h.post(route(caseId), grant);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), caseId, ...grant });
    const id = res.body['id'] as string;
    expect(await grants(caseId)).toEqual([
      {
        id,
        county_code: SC,
        family_id: familyId,
        granted_on: grant.grantedOn,
        continues_through: grant.continuesThrough,
        created_by: expect.any(String),
      },
    ]);
    const published = await events(familyId);
    expect(published).toHaveLength(1);
    expect(published[0]).toEqual({ familyId, caseId, ...grant, calworksCaseNumber });
    expect(await audits('fr-services-good-cause', id)).toEqual([{ action: 'create', outcome: 'allowed', record_county: SC }]);
  });

  it('leaves calworksCaseNumber out when the family has none', async () => {
    const { familyId, caseId } = await frCase({ calworksCaseNumber: null });
    expect((await h.post(route(caseId), grant)).status).toBe(201);
    expect(await events(familyId)).toEqual([{ familyId, caseId, ...grant }]);
  });

  it('replays the first response for the same Idempotency-Key and writes nothing more', async () => {
    const { familyId, caseId } = await frCase();
    const key = randomUUID();
    const first = await h.post(route(caseId), grant, { key });
    const again = await h.post(route(caseId), grant, { key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await grants(caseId)).toHaveLength(1);
    expect(await events(familyId)).toHaveLength(1);
  });

  describe('refusals: a problem+json, no row, no event', () => {
    const refusedWith = async (caseId: string, familyId: string, body: unknown, status: number, type: string, detail?: RegExp) => {
      const res = await h.post(route(caseId), body);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body['type']).toEqual(expect.stringContaining(type));
      if (detail) expect(res.body['detail']).toMatch(detail);
      expect(await grants(caseId)).toEqual([]);
      expect(await events(familyId)).toEqual([]);
    };

    it('a closed case (409)', async () => {
      const { familyId, caseId } = await frCase();
      await h.query(
        `UPDATE child_welfare.cases SET status = 'closed', closed_on = '2026-08-15', close_reason = 'reunified' WHERE id = $1`,
        [caseId],
      );
      await refusedWith(caseId, familyId, grant, 409, 'impossible-sequence', /closed/);
    });

    it('no child of the case removed (409)', async () => {
      const { familyId, caseId } = await frCase({ removed: false });
      await refusedWith(caseId, familyId, grant, 409, 'impossible-sequence', /No child of the case is removed.*Services beyond 6 months/);
    });

    it('reunification services terminated (409), and the refusal is audited as denied', async () => {
      const { familyId, caseId } = await frCase();
      await h.query(`UPDATE child_welfare.cases SET services_terminated_on = '2026-08-20' WHERE id = $1`, [caseId]);
      await refusedWith(caseId, familyId, grant, 409, 'impossible-sequence', /Reunification services were terminated on 2026-08-20/);
      expect(await audits('case', caseId)).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: 'denied' })]));
    });

    it('a grant dated in the future (400 validation)', async () => {
      const { familyId, caseId } = await frCase();
      const tomorrow = new Date(Date.parse(`${today()}T12:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
      await refusedWith(caseId, familyId, { grantedOn: tomorrow, continuesThrough: '2099-01-01' }, 400, 'validation');
    });

    it('continuesThrough not after grantedOn (409)', async () => {
      const { familyId, caseId } = await frCase();
      for (const continuesThrough of [grant.grantedOn, '2026-08-31'])
        await refusedWith(caseId, familyId, { ...grant, continuesThrough }, 409, 'impossible-sequence', /after the grant/);
    });

    it('a body with another field (400 validation)', async () => {
      const { familyId, caseId } = await frCase();
      await refusedWith(caseId, familyId, { ...grant, cashAid: true }, 400, 'validation');
    });

    it('another county’s case (404)', async () => {
      const { familyId, caseId } = await frCase();
      const res = await h.post(route(caseId), grant, { user: 'la-cws-worker' });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await grants(caseId)).toEqual([]);
      expect(await events(familyId)).toEqual([]);
    });

    it('a CalWORKs worker (403)', async () => {
      const { familyId, caseId } = await frCase();
      expect((await h.post(route(caseId), grant, { user: 'calworks-worker' })).status).toBe(403);
      expect(await grants(caseId)).toEqual([]);
      expect(await events(familyId)).toEqual([]);
    });
  });
});
