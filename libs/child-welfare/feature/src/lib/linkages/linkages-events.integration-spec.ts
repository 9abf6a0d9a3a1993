import { randomBytes, randomUUID } from 'node:crypto';
import { MatchKeys } from '@linkages/platform-crypto';
import { expectNoPlaintext, stackEnv } from '@linkages/platform-testing';
import { startCaseApi } from '../case/case-api.spec-helper';

// What child welfare tells Linkages (issue 13), over HTTP against the real PostgreSQL: the screening's
// referral-evaluated-out (AB 2085 poverty-only, referred to services, consent, the CalWORKs case number) and
// referral-accepted with the case number; cft-meeting-held with whether the CalWORKs worker was invited. Each is an
// outbox row in the business transaction, through the classified shareEvent; a refused request writes none.
const SC = '06085';
const EVALUATED_OUT = 'gov.ca.linkages.cws.referral-evaluated-out.v1';
const ACCEPTED = 'gov.ca.linkages.cws.referral-accepted.v1';
const CFT_HELD = 'gov.ca.linkages.cws.cft-meeting-held.v1';
const MATCH_KEYS_EVENT = 'gov.ca.linkages.cws.person-match-keys.v1';
type H = Awaited<ReturnType<typeof startCaseApi>>;
let h: H;

const member = (role: string, dateOfBirth: string) => ({ role, firstName: 'Test', lastName: 'Linkages', dateOfBirth });

async function family({ calworksCaseNumber = `CW-${randomBytes(4).toString('hex')}` as string | null } = {}) {
  const res = await h.post('/families', {
    ...(calworksCaseNumber ? { calworksCaseNumber } : {}),
    members: [member('parent', '1990-01-01'), member('child', '2020-05-05')],
  });
  expect(res.status).toBe(201);
  const familyId = res.body['id'] as string;
  const childId = (res.body['members'] as { personId: string; role: string }[]).find((m) => m.role === 'child')!.personId;
  return { familyId, childId, calworksCaseNumber };
}

async function referral({ calworksCaseNumber }: { calworksCaseNumber?: string | null } = {}) {
  const f = await family(calworksCaseNumber === undefined ? {} : { calworksCaseNumber });
  const res = await h.post('/referrals', {
    familyId: f.familyId,
    receivedAt: '2026-11-18T09:00:00-08:00',
    allegations: [{ type: 'general-neglect', childId: f.childId }],
  });
  expect(res.status).toBe(201);
  return { ...f, referralId: res.body['id'] as string };
}

const events = async (familyId: string, type: string) =>
  (
    await h.query<{ value: string }>(`SELECT value FROM child_welfare.outbox WHERE partition_key = $1 AND event_type = $2 ORDER BY seq`, [
      familyId,
      type,
    ])
  ).map((r) => JSON.parse(r.value) as Record<string, unknown>);

const screening = (body: Record<string, unknown>) => ({
  reason: 'Housing instability only',
  decidedAt: '2026-11-18T11:05:00-08:00',
  ...body,
});

describe('child welfare publishes what Linkages needs (HTTP, real PostgreSQL)', () => {
  beforeAll(async () => {
    h = await startCaseApi();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  describe('POST families: each person’s match keys for Linkages, never the plaintext', () => {
    it('one person-match-keys per member on the identity topic, tokens as MatchKeys makes them; no name, DOB or SSN in it', async () => {
      const members = [
        { role: 'parent', firstName: 'Guadalupe', lastName: 'Ramírez-Soto', dateOfBirth: '1988-07-14', ssn: '123-45-6789' },
        { role: 'child', firstName: 'Mateo', lastName: 'Ramírez', dateOfBirth: '2019-03-02' },
      ];
      const res = await h.post('/families', { calworksCaseNumber: 'CW-2026-004512', members });
      expect(res.status).toBe(201);
      const familyId = res.body['id'] as string;
      const ids = (res.body['members'] as { personId: string }[]).map((m) => m.personId);
      const rows = await h.query<{ topic: string; value: string }>(
        `SELECT topic, value FROM child_welfare.outbox WHERE partition_key = $1 AND event_type = $2 ORDER BY seq`,
        [familyId, MATCH_KEYS_EVENT],
      );
      expect(rows.map((r) => r.topic)).toEqual(['linkages.identity.match-keys.v1', 'linkages.identity.match-keys.v1']);
      const keys = MatchKeys.fromBase64(stackEnv().MATCH_KEY);
      expect(rows.map((r) => JSON.parse(r.value))).toEqual([
        {
          personId: ids[0],
          familyId,
          role: 'parent',
          ageBand: '20-plus',
          keys: keys.forPerson(members[0]!),
          withdrawn: false,
          recordedAt: expect.any(String),
        },
        {
          personId: ids[1],
          familyId,
          role: 'child',
          ageBand: 'child',
          keys: keys.forPerson(members[1]!),
          withdrawn: false,
          recordedAt: expect.any(String),
        },
      ]);
      expect(JSON.parse(rows[0]!.value).keys.ssn).toMatch(/^[0-9a-f]{64}$/);
      // PII canary over the serialized payloads: no name part, date of birth (any spelling), SSN or its last four.
      expectNoPlaintext(
        rows.map((r) => r.value),
        [
          'Guadalupe',
          'GUADALUPE',
          'Ramírez',
          'RAMIREZ',
          'Ramirez',
          'Soto',
          'SOTO',
          'Mateo',
          'MATEO',
          '1988-07-14',
          '19880714',
          '2019-03-02',
          '123-45-6789',
          '123456789',
          '6789',
        ],
      );
      const serialized = rows.map((r) => r.value).join('\n');
      // The family's CalWORKs case number is not in a person's keys event either (the event carries no such field).
      expect(serialized).not.toContain('CW-2026-004512');
    });

    it('a refused family (validation) publishes no keys', async () => {
      const before = await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM child_welfare.outbox WHERE event_type = $1`, [
        MATCH_KEYS_EVENT,
      ]);
      const res = await h.post('/families', { members: [{ role: 'parent', firstName: 'No', lastName: 'Birthdate' }] });
      expect(res.status).toBe(400);
      expect(await h.query(`SELECT count(*)::int AS n FROM child_welfare.outbox WHERE event_type = $1`, [MATCH_KEYS_EVENT])).toEqual(
        before,
      );
    });
  });

  describe('POST referrals/:referralId/screening', () => {
    it('evaluated out as poverty alone, referred to services with consent: referral-evaluated-out with the CalWORKs case number', async () => {
      const { familyId, referralId, calworksCaseNumber } = await referral();
      const res = await h.post(
        `/referrals/${referralId}/screening`,
        screening({ decision: 'evaluated-out', povertyOnly: true, referToServices: true, familyConsents: true }),
      );
      expect(res.status).toBe(200);
      expect(await events(familyId, EVALUATED_OUT)).toEqual([
        {
          referralId,
          familyId,
          evaluatedOutAt: '2026-11-18T11:05:00-08:00',
          povertyOnly: true,
          referToServices: true,
          familyConsents: true,
          knownToCalworks: true,
          calworksCaseNumber,
        },
      ]);
      expect(await events(familyId, ACCEPTED)).toEqual([]);
    });

    it('evaluated out without the new fields: both false, no case number when the family has none', async () => {
      const { familyId, referralId } = await referral({ calworksCaseNumber: null });
      const res = await h.post(`/referrals/${referralId}/screening`, screening({ decision: 'evaluated-out', povertyOnly: false }));
      expect(res.status).toBe(200);
      expect(await events(familyId, EVALUATED_OUT)).toEqual([
        {
          referralId,
          familyId,
          evaluatedOutAt: '2026-11-18T11:05:00-08:00',
          povertyOnly: false,
          referToServices: false,
          familyConsents: false,
          knownToCalworks: false,
        },
      ]);
    });

    it('accepted: referral-accepted carries the family’s CalWORKs case number; no evaluated-out', async () => {
      const { familyId, referralId, calworksCaseNumber } = await referral();
      const res = await h.post(
        `/referrals/${referralId}/screening`,
        screening({ decision: 'accepted', responsePriority: '10-day', povertyOnly: false, reason: 'Bruising reported by school' }),
      );
      expect(res.status).toBe(200);
      expect(await events(familyId, ACCEPTED)).toEqual([
        {
          referralId,
          familyId,
          acceptedAt: '2026-11-18T11:05:00-08:00',
          responsePriority: '10-day',
          path: 'investigation',
          knownToCalworks: true,
          calworksCaseNumber,
        },
      ]);
      expect(await events(familyId, EVALUATED_OUT)).toEqual([]);
    });

    it('refuses referToServices / familyConsents on an accepted referral (400) and AB 2085 (422): no event', async () => {
      const { familyId, referralId } = await referral();
      for (const extra of [{ referToServices: true }, { familyConsents: true }]) {
        const res = await h.post(
          `/referrals/${referralId}/screening`,
          screening({ decision: 'accepted', responsePriority: '10-day', povertyOnly: false, ...extra }),
        );
        expect(res.status).toBe(400);
        expect(res.body['type']).toEqual(expect.stringContaining('validation'));
      }
      const refused = await h.post(
        `/referrals/${referralId}/screening`,
        screening({ decision: 'accepted', responsePriority: '10-day', povertyOnly: true }),
      );
      expect(refused.status).toBe(422);
      expect(await events(familyId, EVALUATED_OUT)).toEqual([]);
      expect(await events(familyId, ACCEPTED)).toEqual([]);
    });
  });

  describe('POST cases/:caseId/cft-meetings', () => {
    async function openCase() {
      const { familyId } = await family();
      const caseId = randomUUID();
      await h.query(
        `INSERT INTO child_welfare.cases (id, family_id, county_code, type, status, opened_on, detained)
         VALUES ($1, $2, $3, 'family-maintenance-voluntary', 'open', '2026-10-01', false)`,
        [caseId, familyId, SC],
      );
      return { familyId, caseId };
    }

    it('cft-meeting-held with the CalWORKs worker invited', async () => {
      const { familyId, caseId } = await openCase();
      const res = await h.post(`/cases/${caseId}/cft-meetings`, { heldOn: '2026-10-20', calworksWorkerInvited: true });
      expect(res.status).toBe(201);
      expect(await events(familyId, CFT_HELD)).toEqual([
        { meetingId: res.body['id'], caseId, familyId, heldOn: '2026-10-20', calworksWorkerInvited: true },
      ]);
    });

    it('calworksWorkerInvited defaults to false; a refused meeting (before the case opened) publishes nothing', async () => {
      const { familyId, caseId } = await openCase();
      expect((await h.post(`/cases/${caseId}/cft-meetings`, { heldOn: '2026-09-01' })).status).toBe(409);
      expect(await events(familyId, CFT_HELD)).toEqual([]);
      const res = await h.post(`/cases/${caseId}/cft-meetings`, { heldOn: '2026-10-21' });
      expect(res.status).toBe(201);
      expect(await events(familyId, CFT_HELD)).toEqual([
        { meetingId: res.body['id'], caseId, familyId, heldOn: '2026-10-21', calworksWorkerInvited: false },
      ]);
    });
  });
});
