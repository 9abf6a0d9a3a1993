import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { SignJWT, decodeProtectedHeader, generateKeyPair } from 'jose';
import { repoRoot } from '@linkages/platform-config';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { Client as TemporalClient } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { demoUsers, devToken, platformTemporalClient, stackEnv, waitFor } from '@linkages/platform-testing';
import { hasPermission, type Permission, type Role } from '@linkages/platform-access';
import { MatchKeys } from '@linkages/platform-crypto';
import { organisationEmailOf, servicePorts, startPlatform, type RunningPlatform, type ServicePorts } from './platform.spec-helper';
import { calworksMatrix } from './calworks-matrix.spec-helper';
import { calworksFrMatrix } from './calworks-fr-matrix.spec-helper';
import { calworksSanctionMatrix } from './calworks-sanction-matrix.spec-helper';
import { linkagesMatrix } from './linkages-matrix.spec-helper';
import { notificationsMatrix } from './notifications-matrix.spec-helper';

// The security baseline against the four running services (`npm start`): every route declares its policy, the
// generated access matrix (route × user: role, own/other county, own/other agency) answers as the permission table
// and the sharing policy say, every confidential read and every refusal is audited, and the chain verifies.
const offset = 20_000;
const services = servicePorts(offset);
const county = '06085';

type Op = {
  method: string;
  path: string;
  service: ServicePorts;
  policy: { kind: 'public'; reason: string } | { kind: 'permission'; permission: Permission } | undefined;
  /** The documented responses: status → the problem types documented for it (none for a success). */
  documented: Record<string, string[]>;
};
interface User {
  username: string;
  agency: string;
  county: string;
  roles: Role[];
}
interface Call {
  op: string;
  service: string;
  user: string;
  status: number;
  expected: number;
  correlationId: string;
  body: string;
}

const referralBody = (suffix = randomUUID().slice(0, 8)) => ({
  caseType: 'FR',
  cwsCaseNumber: `CWS-${suffix}`,
  calworksCaseNumber: `CW-${suffix}`,
  removedOn: '2026-11-16',
  childrenRemoved: 1,
  allegations: ['general neglect (caregiver absence)'],
  safetyConcerns: 'Matrix fixture safety concern',
  servicesRecommended: ['parenting class'],
  reporter: { name: 'Matrix Reporter', relationship: 'neighbour' },
  members: [
    { role: 'parent', firstName: 'Matrix', lastName: 'Parent', dateOfBirth: '1991-04-05', ssn: '219-09-9999' },
    { role: 'child', firstName: 'Matrix', lastName: 'Child', dateOfBirth: '2020-06-07' },
  ],
});
const consentBody = () => ({
  kind: 'consent',
  signedOn: '2026-11-01',
  expiresOn: '2027-10-31',
  categories: ['identity', 'detail'],
  reference: `SCD 1029 #${randomUUID().slice(0, 6)}`,
});
const mdtBody = () => ({
  kind: 'mdt',
  reportReceivedOn: '2026-11-10',
  memberSubjects: ['demo:liaison'],
  reference: 'County MDT protocol, meeting 2026-11-12',
});

describe('security baseline over HTTP (npm start)', () => {
  let platform: RunningPlatform;
  let db: Client;
  const tokens = new Map<string, string>();
  const users: User[] = (demoUsers() as User[]).map((u) => ({ username: u.username, agency: u.agency, county: u.county, roles: u.roles }));
  let referralId: string;

  const call = async (
    service: ServicePorts['name'],
    method: string,
    path: string,
    opts: { user?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const correlationId = randomUUID();
    const res = await fetch(platform.url(service, path), {
      method,
      headers: {
        'x-correlation-id': correlationId,
        ...(opts.user ? { authorization: `Bearer ${tokens.get(opts.user)}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    // A server-sent event stream never ends: its status and headers are the answer.
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return { res, correlationId, text: '' };
    }
    return { res, correlationId, text: await res.text() };
  };

  beforeAll(async () => {
    // Info-level logs, so the canary test reads what operators would actually keep.
    platform = await startPlatform(offset, { LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '10000' });
    for (const u of users) tokens.set(u.username, await devToken(u.username));
    db = new Client({ connectionString: stackEnv().DATABASE_URL });
    await db.connect();
    const created = await call('referrals', 'POST', '/referrals', { user: 'cws-worker', body: referralBody() });
    expect(created.res.status).toBe(201);
    referralId = (JSON.parse(created.text) as { id: string }).id;
  }, 200_000);

  afterAll(async () => {
    await notifications.tearDown().catch(() => undefined);
    await db?.end();
    // SIGINT: start.mjs stops its services (SIGKILL would orphan them, holding the ports).
    await platform?.stop('SIGINT');
  });

  const operations = async (): Promise<Op[]> => {
    const ops: Op[] = [];
    for (const service of services) {
      type Responses = Record<string, { content?: Record<string, { schema?: { properties?: { type?: { enum?: string[] } } } }> }>;
      const doc = (await (await fetch(`http://127.0.0.1:${service.port}/docs/openapi.json`)).json()) as {
        paths: Record<string, Record<string, Record<string, unknown>>>;
      };
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          const documented = Object.fromEntries(
            Object.entries(op['responses'] as Responses).map(([status, r]) => [
              status,
              r.content?.['application/problem+json']?.schema?.properties?.type?.enum ?? [],
            ]),
          );
          ops.push({ method: method.toUpperCase(), path, service, policy: op['x-linkages-policy'] as Op['policy'], documented });
        }
      }
    }
    return ops;
  };

  it('every route of every service declares an access policy', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.filter((o) => !o.policy).map((o) => `${o.service.name} ${o.method} ${o.path}`)).toEqual([]);
    for (const o of ops.filter((o) => o.policy?.kind === 'public'))
      expect((o.policy as { reason: string }).reason.length).toBeGreaterThan(20);
  });

  /**
   * How to call each route: path parameters, a valid body, the status of success, and whether the route reaches a
   * county-scoped record. A route missing here fails the matrix: new routes must join it.
   */
  type Template = {
    success: number;
    scoped?: boolean;
    confidential?: boolean;
    /** A fresh record for one caller expected to succeed (the caller, for routes whose body depends on the agency). */
    prepare?: (user: User | undefined) => Promise<{ path?: string; body?: unknown }>;
    /** The status a caller with the permission gets instead of success (a business refusal by agency). */
    refused?: (user: User | undefined) => number | undefined;
    body?: () => unknown;
    path?: () => string;
  };
  const calworks = calworksMatrix(call);
  const fr = calworksFrMatrix(call);
  const sanction = calworksSanctionMatrix(call, calworks);
  const linkages = linkagesMatrix(call, async <T>(sql: string, params: unknown[]) => (await db.query(sql, params)).rows as T[]);
  const notifications = notificationsMatrix(
    call,
    async <T>(sql: string, params: unknown[]) => (await db.query(sql, params)).rows as T[],
    organisationEmailOf('cws-worker'),
  );
  const templates: Record<string, Template> = {
    'GET /health': { success: 200 },
    'GET /health/ready': { success: 200 },
    'GET /metrics': { success: 200 },
    'POST /codec/decode': { success: 200, confidential: true, body: () => ({ payloads: [] }) },
    'POST /codec/encode': { success: 200, body: () => ({ payloads: [] }) },
    'GET /audit/entries': { success: 200, confidential: true, path: () => `/audit/entries?recordId=${referralId}&limit=5` },
    'GET /audit/verify': { success: 200 },
    // Operators (issue 15 item 5): keys that name no letter, so the matrix never replays a real one.
    'GET /ops/dead-letters': { success: 200, confidential: true, path: () => '/ops/dead-letters?status=all&limit=5' },
    'GET /ops/dead-letters/{key}': {
      success: 200,
      confidential: true,
      refused: () => 404,
      path: () => `/ops/dead-letters/${encodeURIComponent('linkages.cws.case-events.v1.dlq/0/999999999')}`,
    },
    'POST /ops/dead-letters/{key}/replay': {
      success: 200,
      refused: () => 404,
      path: () => `/ops/dead-letters/${encodeURIComponent('linkages.cws.case-events.v1.dlq/0/999999999')}/replay`,
    },
    'POST /ops/dead-letters/replay': { success: 200, body: () => ({ keys: ['linkages.cws.case-events.v1.dlq/0/999999999'] }) },
    'GET /ops/workflows': { success: 200 },
    'referrals POST /referrals': { success: 201, confidential: true, body: () => referralBody() },
    'referrals GET /referrals/{referralId}': { success: 200, scoped: true, confidential: true, path: () => `/referrals/${referralId}` },
    'referrals POST /persons/match': { success: 200, confidential: true, body: () => ({ ssn: '219-09-9999' }) },
    'referrals GET /referrals/{referralId}/authorities': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${referralId}/authorities`,
    },
    'referrals POST /referrals/{referralId}/consents': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${referralId}/consents`,
      body: consentBody,
    },
    'referrals POST /referrals/{referralId}/mdt-memberships': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${referralId}/mdt-memberships`,
      body: mdtBody,
    },
    'referrals POST /referrals/{referralId}/authorities/{authorityId}/revoke': {
      success: 200,
      scoped: true,
      confidential: true,
      // Each call revokes a fresh consent, so every allowed caller meets an unrevoked one.
      prepare: async () => {
        const consent = await call('referrals', 'POST', `/referrals/${referralId}/consents`, {
          user: 'cws-supervisor',
          body: consentBody(),
        });
        return {
          path: `/referrals/${referralId}/authorities/${(JSON.parse(consent.text) as { id: string }).id}/revoke`,
          body: { reason: 'Parent withdrew the authorization' },
        };
      },
    },
    // Child welfare: a shared fixture for refusals and repeatable commands; a fresh record at the right stage for each
    // caller expected to succeed, so every allowed call meets a record its history permits.
    'child-welfare POST /families': { success: 201, confidential: true, body: () => cwsFamilyBody() },
    'child-welfare GET /families/{familyId}': { success: 200, scoped: true, confidential: true, path: () => `/families/${cws.familyId}` },
    'child-welfare POST /referrals': { success: 201, scoped: true, confidential: true, body: () => cwsReferralBody(cws) },
    'child-welfare GET /referrals/{referralId}': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${cws.referralId}`,
    },
    'child-welfare POST /referrals/{referralId}/screening': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${cws.referralId}/screening`,
      body: () => screening('10-day'),
      prepare: async () => ({ path: `/referrals/${(await cwsStage('received')).referralId}/screening`, body: screening('10-day') }),
    },
    'child-welfare POST /referrals/{referralId}/downgrade': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${cws.referralId}/downgrade`,
      body: () => downgradeBody,
      prepare: async () => ({ path: `/referrals/${(await cwsStage('accepted-immediate')).referralId}/downgrade`, body: downgradeBody }),
    },
    'child-welfare POST /referrals/{referralId}/contacts': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${cws.referralId}/contacts`,
      body: () => contactBody,
      prepare: async () => ({ path: `/referrals/${(await cwsStage('accepted')).referralId}/contacts`, body: contactBody }),
    },
    'child-welfare POST /referrals/{referralId}/assessments': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${cws.referralId}/assessments`,
      body: () => ({ tool: 'sdm-risk', result: 'high', completedAt: '2026-10-02T12:00:00-07:00' }),
    },
    'child-welfare POST /referrals/{referralId}/disposition': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${cws.referralId}/disposition`,
      body: () => dispositionBody,
      prepare: async () => ({ path: `/referrals/${(await cwsStage('contacted')).referralId}/disposition`, body: dispositionBody }),
    },
    'child-welfare POST /referrals/{referralId}/removals': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${cws.referralId}/removals`,
      body: () => removalBody(cws),
      prepare: async () => {
        const f = await cwsStage('contacted');
        return { path: `/referrals/${f.referralId}/removals`, body: removalBody(f) };
      },
    },
    'child-welfare POST /referrals/{referralId}/cases': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/referrals/${cws.referralId}/cases`,
      body: () => openCaseBody,
      prepare: async () => ({ path: `/referrals/${(await cwsStage('contacted')).referralId}/cases`, body: openCaseBody }),
    },
    'child-welfare GET /cases/{caseId}': { success: 200, scoped: true, confidential: true, path: () => `/cases/${cws.caseId}` },
    'child-welfare GET /cases/{caseId}/summary': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/summary`,
    },
    'child-welfare GET /cases/{caseId}/deadlines': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/deadlines`,
    },
    'child-welfare POST /cases/{caseId}/petition': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/petition`,
      body: () => petitionBody,
      prepare: async () => ({ path: `/cases/${(await cwsStage('removed')).caseId}/petition`, body: petitionBody }),
    },
    'child-welfare POST /cases/{caseId}/hearings': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/hearings`,
      body: () => detentionBody,
      prepare: async () => ({ path: `/cases/${(await cwsStage('petitioned')).caseId}/hearings`, body: detentionBody }),
    },
    'child-welfare POST /cases/{caseId}/case-plans': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/case-plans`,
      body: () => ({ filedOn: '2026-10-20' }),
    },
    'child-welfare POST /cases/{caseId}/cft-meetings': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/cft-meetings`,
      body: () => ({ heldOn: '2026-10-15' }),
    },
    'child-welfare POST /cases/{caseId}/visits': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/visits`,
      body: () => ({ childId: cws.childId, visitedOn: '2026-10-10' }),
    },
    'child-welfare POST /cases/{caseId}/returns': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/returns`,
      body: () => ({ childId: cws.childId, returnedOn: '2026-10-30' }),
      prepare: async () => {
        const f = await cwsStage('removed');
        return { path: `/cases/${f.caseId}/returns`, body: { childId: f.childId, returnedOn: '2026-10-30' } };
      },
    },
    'child-welfare POST /cases/{caseId}/fr-services-good-cause': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/fr-services-good-cause`,
      body: () => goodCauseBody(),
      prepare: async () => ({ path: `/cases/${(await cwsStage('removed')).caseId}/fr-services-good-cause`, body: goodCauseBody() }),
    },
    'child-welfare POST /cases/{caseId}/closure': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/cases/${cws.caseId}/closure`,
      body: () => closeBody,
      prepare: async () => ({ path: `/cases/${(await cwsStage('removed')).caseId}/closure`, body: closeBody }),
    },
    // CalWORKs: an AU with its applicant in WTW and an exemption, noncompliance episodes walked to each state of the
    // sanction process, removals that reached CalWORKs from child welfare (calworks-*matrix.spec-helper.ts).
    ...calworks.templates,
    ...sanction.templates,
    ...fr.templates,
    // Linkages coordination (issue 13): shared families formed by the referrals worker from both agencies' match keys.
    ...linkages.templates,
    // Notifications (issue 14): a missed CWS clock's escalation, the organisation it climbs.
    ...notifications.templates,
  };

  interface CwsFixture {
    familyId: string;
    childId: string;
    referralId: string;
    caseId: string;
  }
  let cws: CwsFixture;
  const cwsFamilyBody = () => ({
    members: [
      { role: 'parent', firstName: 'Matrix', lastName: 'Parent', dateOfBirth: '1990-01-01' },
      { role: 'child', firstName: 'Matrix', lastName: 'Child', dateOfBirth: '2018-02-03' },
    ],
  });
  const cwsReferralBody = (f: Pick<CwsFixture, 'familyId' | 'childId'>) => ({
    familyId: f.familyId,
    receivedAt: '2026-10-01T08:00:00-07:00',
    allegations: [{ type: 'physical-abuse', childId: f.childId }],
  });
  const screening = (responsePriority: 'immediate' | '10-day') => ({
    decision: 'accepted',
    responsePriority,
    reason: 'Matrix screening',
    povertyOnly: false,
    decidedAt: '2026-10-01T09:00:00-07:00',
  });
  const downgradeBody = { reason: 'Safe with relative', managerApproval: 'Manager M', approvedAt: '2026-10-01T09:30:00-07:00' };
  const contactBody = { madeAt: '2026-10-02T10:00:00-07:00' };
  const dispositionBody = { disposition: 'inconclusive', decidedAt: '2026-10-20T10:00:00-07:00' };
  const removalBody = (f: Pick<CwsFixture, 'childId'>) => ({
    childId: f.childId,
    removedAt: '2026-10-02T11:00:00-07:00',
    placementType: 'relative',
  });
  const openCaseBody = { type: 'family-maintenance-voluntary', openedOn: '2026-10-03' };
  const petitionBody = { filedAt: '2026-10-05T09:00:00-07:00' };
  const detentionBody = { type: 'detention', heldOn: '2026-10-06', outcome: 'detained' };
  const closeBody = { closedOn: '2026-10-31', reason: 'other' };
  const goodCauseBody = () => ({ grantedOn: '2026-10-20', continuesThrough: '2027-06-30' });
  /** A child-welfare record at a stage of its history, made by a CWS supervisor of the fixture county. */
  const cwsStage = async (
    stage: 'received' | 'accepted' | 'accepted-immediate' | 'contacted' | 'removed' | 'petitioned',
  ): Promise<CwsFixture> => {
    const post = async (path: string, body: unknown) => {
      const r = await call('child-welfare', 'POST', path, { user: 'cws-supervisor', body });
      if (r.res.status >= 300) throw new Error(`fixture ${path}: ${r.res.status} ${r.text}`);
      return JSON.parse(r.text) as Record<string, unknown> & { id: string };
    };
    const family = (await post('/families', cwsFamilyBody())) as unknown as { id: string; members: { personId: string; role: string }[] };
    const f = { familyId: family.id, childId: family.members.find((m) => m.role === 'child')!.personId, referralId: '', caseId: '' };
    f.referralId = (await post('/referrals', cwsReferralBody(f))).id;
    if (stage === 'received') return f;
    await post(`/referrals/${f.referralId}/screening`, screening(stage === 'accepted-immediate' ? 'immediate' : '10-day'));
    if (stage === 'accepted' || stage === 'accepted-immediate') return f;
    await post(`/referrals/${f.referralId}/contacts`, contactBody);
    if (stage === 'contacted') return f;
    f.caseId = (await post(`/referrals/${f.referralId}/removals`, removalBody(f)))['caseId'] as string;
    if (stage === 'removed') return f;
    await post(`/cases/${f.caseId}/petition`, petitionBody);
    return f;
  };

  const expectedStatus = (op: Op, user: User | undefined, success: number, scoped: boolean, refused?: Template['refused']) => {
    if (op.policy?.kind === 'public') return refused?.(user) ?? success;
    if (!user) return 401;
    if (!op.policy || !hasPermission(user.roles, op.policy.permission)) return 403;
    if (scoped && user.county !== county) return 404;
    return refused?.(user) ?? success;
  };

  const calls: Call[] = [];

  it('the access matrix: every route × every demo user and anonymous answers as the permission table and county scope say', async () => {
    const ops = await operations();
    const keyOf = (o: Op) =>
      templates[`${o.service.name} ${o.method} ${o.path}`] ? `${o.service.name} ${o.method} ${o.path}` : `${o.method} ${o.path}`;
    const missing = ops.filter((o) => !templates[keyOf(o)]).map((o) => `${o.service.name} ${o.method} ${o.path}`);
    expect(missing).toEqual([]);
    // The success code each template expects is the one the route documents (the status convention, openapi-documents).
    expect(
      ops.filter((o) => !o.documented[String(templates[keyOf(o)]!.success)]).map((o) => `${o.service.name} ${o.method} ${o.path}`),
    ).toEqual([]);
    const undocumented: string[] = [];
    cws = await cwsStage('petitioned');
    await Promise.all([calworks.setUp().then(() => sanction.setUp()), fr.setUp(), linkages.setUp(), notifications.setUp()]);
    // The fresh records of the callers expected to succeed, made a few at a time before the calls: the CalWORKs
    // processes' fixtures take several steps each, one after the other they would take minutes.
    const allowed = (op: Op, user: User | undefined) => {
      const t = templates[keyOf(op)]!;
      return t.prepare !== undefined && expectedStatus(op, user, t.success, t.scoped ?? false, t.refused) === t.success;
    };
    const jobs = ops.flatMap((op) =>
      [undefined, ...users].filter((user) => allowed(op, user)).map((user) => ({ id: `${keyOf(op)} ${user?.username}`, op, user })),
    );
    const fresh = new Map<string, { path?: string; body?: unknown }>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let job = jobs[next++]; job; job = jobs[next++]) fresh.set(job.id, await templates[keyOf(job.op)]!.prepare!(job.user));
      }),
    );
    for (const op of ops) {
      const key = keyOf(op);
      const t = templates[key]!;
      for (const user of [undefined, ...users]) {
        const prepared = allowed(op, user) ? fresh.get(`${key} ${user?.username}`)! : {};
        const path = prepared.path ?? t.path?.() ?? op.path;
        const body = prepared.body ?? t.body?.();
        const { res, correlationId, text } = await call(op.service.name, op.method, path, {
          ...(user ? { user: user.username } : {}),
          ...(body !== undefined ? { body } : {}),
        });
        calls.push({
          op: key,
          service: op.service.name,
          user: user?.username ?? 'anonymous',
          status: res.status,
          expected: expectedStatus(op, user, t.success, t.scoped ?? false, t.refused),
          correlationId,
          body: text,
        });
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
        // Every refusal is one the route documents, with its type.
        if (res.status >= 400 && !(op.documented[String(res.status)] ?? []).includes(String((JSON.parse(text) as { type?: string }).type)))
          undocumented.push(`${key} ${res.status} ${text.slice(0, 120)}`);
      }
    }
    const mismatches = calls
      .filter((c) => c.status !== c.expected)
      .map((c) => `${c.service} ${c.op} as ${c.user}: ${c.status}, expected ${c.expected} ${c.body.slice(0, 200)}`);
    expect(mismatches).toEqual([]);
    expect(undocumented).toEqual([]);
    // A refusal never carries the record.
    for (const c of calls.filter((c) => c.status >= 400)) expect(c.body).not.toContain('Matrix');
    expect(calls.length).toBeGreaterThan(200);
  }, 300_000);

  it('other counties find nobody by SSN; CalWORKs sees the WIC 10850 minimum of a referral, never case details or the reporter', () => {
    const match = calls.filter((c) => c.op === 'referrals POST /persons/match' && c.status === 200);
    for (const c of match) {
      const found = (JSON.parse(c.body) as { referralId: string }[]).map((m) => m.referralId);
      expect({ user: c.user, findsFixture: found.includes(referralId) }).toEqual({
        user: c.user,
        findsFixture: users.find((u) => u.username === c.user)!.county === county,
      });
    }
    const reads = calls.filter((c) => c.op === 'referrals GET /referrals/{referralId}' && c.status === 200);
    for (const c of reads) {
      const body = JSON.parse(c.body) as Record<string, unknown> & { disclosure: { basis: string } };
      const agency = users.find((u) => u.username === c.user)!.agency;
      if (agency === 'cws') {
        expect(body).toMatchObject({ reporter: { name: 'Matrix Reporter' }, disclosure: { basis: 'own-agency' } });
      } else {
        expect(body).not.toHaveProperty('reporter');
        expect(c.body).not.toContain('Matrix Reporter');
        expect(body).toHaveProperty('members');
      }
    }
  });

  it('CalWORKs reads a child-welfare case summary with the WIC 10850 minimum: dates and facts, never the placement', () => {
    const reads = calls.filter((c) => c.op === 'child-welfare GET /cases/{caseId}/summary' && c.status === 200);
    expect(reads.length).toBeGreaterThanOrEqual(5);
    for (const c of reads) {
      const body = JSON.parse(c.body) as { removals: Record<string, unknown>[]; disclosure: { basis: string } };
      const agency = users.find((u) => u.username === c.user)!.agency;
      expect(body.removals[0]).toHaveProperty('removedAt');
      if (agency === 'cws') expect(body).toMatchObject({ disclosure: { basis: 'own-agency' }, removals: [{ placementType: 'relative' }] });
      else {
        expect(body.disclosure.basis).toBe('wic-10850');
        expect(body.removals[0]).not.toHaveProperty('placementType');
      }
    }
  });

  it('every confidential read, every write and every refusal is in the audit log of the service that answered, and the chains verify', async () => {
    const mustAudit = calls.filter(
      (c) => (templates[c.op]!.confidential && c.status < 300) || (c.status >= 401 && c.status <= 404 && c.op !== 'GET /health'),
    );
    const bySchema = new Map<string, Call[]>();
    for (const c of mustAudit) bySchema.set(c.service.replace('-', '_'), [...(bySchema.get(c.service.replace('-', '_')) ?? []), c]);
    const missing: string[] = [];
    for (const [schema, list] of bySchema) {
      const { rows } = await db.query<{ correlation_id: string; outcome: string }>(
        `SELECT correlation_id, outcome FROM "${schema}".audit_log WHERE correlation_id = ANY($1)`,
        [list.map((c) => c.correlationId)],
      );
      for (const c of list) {
        const outcome = c.status < 300 ? 'allowed' : 'denied';
        if (!rows.some((r) => r.correlation_id === c.correlationId && r.outcome === outcome))
          missing.push(`${c.service} ${c.op} as ${c.user} (${c.status}) has no '${outcome}' audit record`);
      }
    }
    expect(missing).toEqual([]);
    const { rows: shares } = await db.query<{ authority: string; action: string }>(
      `SELECT action, authority FROM referrals.audit_log WHERE correlation_id = ANY($1) AND outcome = 'allowed'`,
      [calls.filter((c) => c.op === 'referrals GET /referrals/{referralId}' && c.user === 'calworks-worker').map((c) => c.correlationId)],
    );
    expect(shares).toEqual([{ action: 'share', authority: expect.stringMatching(/^(wic-10850|consent|mdt)/) }]);
    const verify = spawnSync(process.execPath, [join(repoRoot(), 'tools', 'audit.mjs'), 'verify'], { encoding: 'utf8', env: process.env });
    expect(verify.stdout + verify.stderr).toMatch(/referrals/);
    expect(verify.status).toBe(0);
  });

  it('widens and narrows the CalWORKs view as authorities are recorded and revoked', async () => {
    const created = await call('referrals', 'POST', '/referrals', { user: 'cws-worker', body: referralBody() });
    const id = (JSON.parse(created.text) as { id: string }).id;
    const view = async (user: string) =>
      JSON.parse((await call('referrals', 'GET', `/referrals/${id}`, { user })).text) as Record<string, unknown> & {
        disclosure: { basis: string; authorityIds: string[] };
      };
    expect(await view('calworks-worker')).not.toHaveProperty('allegations');

    const mdt = JSON.parse(
      (await call('referrals', 'POST', `/referrals/${id}/mdt-memberships`, { user: 'cws-supervisor', body: mdtBody() })).text,
    ) as { id: string; expiresAt: string; basis: string };
    expect(mdt.basis).toContain('WIC 18961.7');
    expect(mdt.expiresAt).toBe('2026-12-11T07:59:59.999Z'); // 30 calendar days after 10 Nov 2026, end of day in Los Angeles
    expect(await view('liaison')).toMatchObject({
      allegations: ['general neglect (caregiver absence)'],
      disclosure: { basis: 'mdt', authorityIds: [mdt.id] },
    });
    expect(await view('calworks-worker')).not.toHaveProperty('allegations'); // not a member

    const consent = JSON.parse(
      (await call('referrals', 'POST', `/referrals/${id}/consents`, { user: 'cws-worker', body: consentBody() })).text,
    ) as { id: string };
    const widened = await view('calworks-worker');
    expect(widened).toMatchObject({
      safetyConcerns: 'Matrix fixture safety concern',
      disclosure: { basis: 'consent', authorityIds: [consent.id] },
    });
    expect(widened).not.toHaveProperty('reporter');

    const revoked = await call('referrals', 'POST', `/referrals/${id}/authorities/${consent.id}/revoke`, {
      user: 'calworks-supervisor',
      body: { reason: 'Parent withdrew consent' },
    });
    expect(revoked.res.status).toBe(200);
    expect(await view('calworks-worker')).not.toHaveProperty('safetyConcerns');
    expect(
      (
        await call('referrals', 'POST', `/referrals/${id}/authorities/${consent.id}/revoke`, {
          user: 'calworks-supervisor',
          body: { reason: 'again' },
        })
      ).res.status,
    ).toBe(409);
  });

  it('the codec server answers a payload list the Temporal CLI leaves out (a query with no arguments) as empty', async () => {
    // `temporal workflow query … --codec-endpoint` posts protojson, which omits an empty repeated field: `{}`.
    for (const path of ['/codec/decode', '/codec/encode']) {
      const { res, text } = await call('referrals', 'POST', path, { user: 'ops', body: {} });
      expect({ path, status: res.status, body: JSON.parse(text) as unknown }).toEqual({ path, status: 200, body: { payloads: [] } });
    }
  });

  it('refuses forged, foreign, unsigned and misdirected tokens on a running service', async () => {
    const genuine = tokens.get('cws-worker')!;
    const { kid } = decodeProtectedHeader(genuine);
    const foreign = await generateKeyPair('RS256');
    const forge = (header: Record<string, unknown>, claims: Record<string, unknown> = {}) =>
      new SignJWT({ agency: 'cws', county, roles: ['cws.supervisor'], ...claims })
        .setProtectedHeader({ alg: 'RS256', ...header })
        .setIssuer(stackEnv().AUTH_ISSUER)
        .setAudience(stackEnv().AUTH_AUDIENCE)
        .setSubject('demo:intruder')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(foreign.privateKey);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const [, payload] = genuine.split('.');
    const attempts: Record<string, string> = {
      'foreign key, the issuer’s kid': await forge({ kid }),
      'foreign key, unknown kid': await forge({ kid: 'attacker' }),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'elevated claims, original signature': `${b64({ alg: 'RS256', kid })}.${b64({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['cws.supervisor'] })}.${genuine.split('.')[2]}`,
      'wrong audience': await devToken('cws-worker', 'another-api'),
    };
    for (const [name, token] of Object.entries(attempts)) {
      const res = await fetch(platform.url('referrals', `/referrals/${referralId}`), { headers: { authorization: `Bearer ${token}` } });
      expect({ name, status: res.status, auth: res.headers.get('www-authenticate') }).toEqual({
        name,
        status: 401,
        auth: expect.stringContaining('invalid_token'),
      });
    }
  });

  it('bad input: every failing field named, no partial write, size limit, malformed JSON without echo, idempotency keys', async () => {
    const count = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM referrals.referrals')).rows[0]!.n);
    const before = await count();
    const bad = referralBody();
    (bad.members[1] as Record<string, unknown>)['dateOfBirth'] = '2020-02-30';
    (bad as Record<string, unknown>)['caseType'] = 'XX';
    const invalid = await call('referrals', 'POST', '/referrals', { user: 'cws-worker', body: bad });
    expect(invalid.res.status).toBe(400);
    expect(JSON.parse(invalid.text)).toMatchObject({
      type: expect.stringContaining('validation'),
      errors: expect.arrayContaining([
        { field: 'body.caseType', message: expect.any(String) },
        { field: 'body.members.1.dateOfBirth', message: expect.any(String) },
      ]),
    });
    expect(invalid.text).not.toMatch(/at .*\.js:\d+/);
    expect(await count()).toBe(before);

    const tooBig = await call('referrals', 'POST', '/referrals', {
      user: 'cws-worker',
      body: { ...referralBody(), safetyConcerns: 'x'.repeat(400_000) },
    });
    expect(tooBig.res.status).toBe(413);
    const malformed = await fetch(platform.url('referrals', '/persons/match'), {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('cws-worker')}`, 'content-type': 'application/json' },
      body: '{"ssn": "219-09-9999" oops',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toContain('219-09');

    const noKey = await call('referrals', 'POST', '/referrals', {
      user: 'cws-worker',
      body: referralBody(),
      headers: { 'idempotency-key': '' },
    });
    expect(noKey.res.status).toBe(400);
    const key = randomUUID();
    const body = referralBody();
    const first = await call('referrals', 'POST', '/referrals', { user: 'cws-worker', body, headers: { 'idempotency-key': key } });
    const again = await call('referrals', 'POST', '/referrals', { user: 'cws-worker', body, headers: { 'idempotency-key': key } });
    expect(first.res.status).toBe(201);
    expect(again.res.status).toBe(201);
    expect(again.res.headers.get('idempotent-replayed')).toBe('true');
    expect((JSON.parse(again.text) as { id: string }).id).toBe((JSON.parse(first.text) as { id: string }).id);
    const reused = await call('referrals', 'POST', '/referrals', {
      user: 'cws-worker',
      body: referralBody(),
      headers: { 'idempotency-key': key },
    });
    expect(reused.res.status).toBe(422);
    expect(await count()).toBe(before + 1);
  });

  it('canary: fake SSNs, names and birth dates entered through the API appear in no log, no Kafka byte and no raw Temporal history', async () => {
    const tag = randomUUID().replace(/-/g, '').slice(0, 10);
    const ssnDigits = `${String(100 + Math.floor(Math.random() * 500))}${String(10 + Math.floor(Math.random() * 89))}${String(1000 + Math.floor(Math.random() * 8999))}`;
    const ssn = `${ssnDigits.slice(0, 3)}-${ssnDigits.slice(3, 5)}-${ssnDigits.slice(5)}`;
    const dob = `19${String(50 + Math.floor(Math.random() * 40))}-0${1 + Math.floor(Math.random() * 8)}-1${Math.floor(Math.random() * 9)}`;
    const first = `Canaryfirst${tag}`;
    const last = `Canarylast${tag}`;
    const body = {
      ...referralBody(tag),
      reporter: { name: `Canaryreporter${tag}`, phone: '408-555-0199' },
      members: [
        { role: 'parent', firstName: first, lastName: last, dateOfBirth: dob, ssn },
        { role: 'child', firstName: `${first}kid`, lastName: last, dateOfBirth: '2021-01-02' },
      ],
    };

    // A full flow: refer (PostgreSQL + outbox), match and read as CalWORKs, a bad request quoting the SSN, then the
    // event crosses Kafka to the worker, which starts the hand-off deadline in Temporal.
    const created = await call('referrals', 'POST', '/referrals', { user: 'cws-worker', body });
    expect(created.res.status).toBe(201);
    expect(created.text).toContain(first); // child welfare sees its own record: the canary is real data
    const id = (JSON.parse(created.text) as { id: string }).id;
    expect((await call('referrals', 'POST', '/persons/match', { user: 'calworks-worker', body: { ssn } })).text).toContain(id);
    expect((await call('referrals', 'GET', `/referrals/${id}`, { user: 'calworks-worker' })).text).toContain(first);
    expect(
      (await call('referrals', 'POST', '/persons/match', { user: 'calworks-worker', body: { ssn, dateOfBirth: `${dob}x`, name: last } }))
        .res.status,
    ).toBe(400);

    // The same people in child welfare: family, hotline referral with a named reporter, acceptance (event + clocks).
    const cwsPost = async (path: string, payload: unknown) =>
      JSON.parse((await call('child-welfare', 'POST', path, { user: 'cws-worker', body: payload })).text) as Record<string, unknown> & {
        id: string;
      };
    const cwsFamily = (await cwsPost('/families', { calworksCaseNumber: `CW-${tag}`, members: body.members })) as unknown as {
      id: string;
      members: { personId: string; role: string }[];
    };
    const kid = cwsFamily.members.find((m) => m.role === 'child')!.personId;
    const cwsReferral = await cwsPost('/referrals', {
      familyId: cwsFamily.id,
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      allegations: [{ type: 'physical-abuse', childId: kid }],
      reporter: body.reporter,
    });
    await cwsPost(`/referrals/${cwsReferral.id}/screening`, {
      decision: 'accepted',
      responsePriority: 'immediate',
      reason: `Reported by ${body.reporter.name}`,
      povertyOnly: false,
      decidedAt: new Date(Date.now() - 1800_000).toISOString(),
    });
    // The in-person contact meets the response clock and opens the investigation-disposition clock (30 days from the
    // first face-to-face contact, RULES.md 1): the referral's two clocks, both with histories to scan.
    await cwsPost(`/referrals/${cwsReferral.id}/contacts`, { madeAt: new Date(Date.now() - 900_000).toISOString(), childId: kid });

    // The same parent as a CalWORKs applicant: an AU (SSN and date of birth encrypted at rest), a newborn added, WTW
    // enrollment and an AB 2300 exemption after the birth, whose 12-week clock runs as a deadline workflow.
    const cwPost = async (path: string, payload: unknown) => {
      const r = await call('calworks', 'POST', path, { user: 'calworks-worker', body: payload });
      if (r.res.status >= 300) throw new Error(`canary ${path}: ${r.res.status} ${r.text}`);
      return JSON.parse(r.text) as Record<string, unknown> & { id: string };
    };
    const cwMember = (role: string, firstName: string, dateOfBirth: string, extra: Record<string, unknown> = {}) => ({
      role,
      firstName,
      lastName: last,
      dateOfBirth,
      needy: true,
      aided: true,
      ...extra,
    });
    const au = (await cwPost('/assistance-units', {
      caseNumber: `CW-${tag}`,
      aidedStatus: 'aided',
      aidedFrom: '2026-01-01',
      members: [cwMember('applicant', first, dob, { ssn }), cwMember('child', `${first}kid`, '2021-01-02')],
    })) as unknown as { id: string; members: { memberId: string; role: string }[] };
    const californiaDate = (msAgo: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(Date.now() - msAgo),
      );
    const birth = californiaDate(10 * 86_400_000);
    await cwPost(`/assistance-units/${au.id}/members`, cwMember('child', `${first}baby`, birth));
    const applicant = au.members.find((m) => m.role === 'applicant')!.memberId;
    const participant = await cwPost(`/assistance-units/${au.id}/wtw-participants`, { memberId: applicant, enrolledOn: '2026-01-15' });
    const exempt = (await cwPost(`/wtw-participants/${participant.id}/exemptions`, {
      reason: 'ab2300-birth',
      startsOn: birth,
      eventOn: birth,
    })) as unknown as { clocks: { deadlineId: string }[] };
    expect(exempt.clocks).toHaveLength(1);
    // The parent missed a WTW activity: a noncompliance episode, whose sanction process is scanned too.
    const episode = await cwPost(`/wtw-participants/${participant.id}/noncompliance-episodes`, {
      noticeForm: 'NA 840',
      noticeIssuedOn: californiaDate(0),
      reason: 'activity-not-attended',
    });
    expect((await call('calworks', 'GET', `/assistance-units/${au.id}`, { user: 'calworks-worker' })).text).toContain(first);

    const { connection, client } = await platformTemporalClient();
    try {
      const raw = new TemporalClient({ connection, namespace: stackEnv().TEMPORAL_NAMESPACE });
      const started = async (workflowId: string) => {
        const ran = async () =>
          (
            await client.workflow
              .getHandle(workflowId)
              .fetchHistory()
              .catch(() => ({ events: [] }))
          ).events?.some((e) => e.workflowTaskCompletedEventAttributes) || undefined;
        await waitFor(ran, { timeoutMs: 60_000, intervalMs: 500, what: `${workflowId} to start and run its first workflow task` });
        const bytes = Buffer.from(temporal.api.history.v1.History.encode(await raw.workflow.getHandle(workflowId).fetchHistory()).finish());
        // A clock met meanwhile has completed: nothing left to stop.
        await client.workflow
          .getHandle(workflowId)
          .terminate('canary test finished')
          .catch(() => undefined);
        return bytes;
      };
      const cwsClocks = (
        await db.query<{ deadline_id: string }>(`SELECT deadline_id FROM child_welfare.tracked_deadlines WHERE subject_id = $1`, [
          cwsReferral.id,
        ])
      ).rows;
      expect(cwsClocks.length).toBe(2);
      // Child welfare removes the child: the event names the AU's case number, so CalWORKs starts the removal's FR aid
      // process, and the eligibility worker confirms which AU members the removed child and the parent are.
      const removal = await cwsPost(`/referrals/${cwsReferral.id}/removals`, {
        childId: kid,
        removedAt: new Date(Date.now() - 600_000).toISOString(),
        placementType: 'relative',
      });
      const removalId = String(removal['removalId']);
      await waitFor(
        async () =>
          (await call('calworks', 'GET', `/fr-removals/${removalId}`, { user: 'calworks-worker' })).res.status === 200 || undefined,
        { timeoutMs: 60_000, intervalMs: 500, what: 'the removal to reach CalWORKs' },
      );
      await cwPost(`/fr-removals/${removalId}/member-confirmation`, {
        removedMemberIds: [au.members.find((m) => m.role === 'child')!.memberId],
        parentMemberId: applicant,
        parentWtwSanctioned: false,
        exclusions: { ssiRecipient: false, undocumentedNoncitizen: false, fleeingFelon: false, timeOnAidLimitReached: false },
      });
      // The hand-off clock is tracked by the worker's inbox when the event arrives; its id is the clock's business id.
      const handoff = await waitFor(
        async () =>
          (await db.query<{ deadline_id: string }>(`SELECT deadline_id FROM referrals.tracked_deadlines WHERE subject_id = $1`, [id]))
            .rows[0],
        { timeoutMs: 60_000, intervalMs: 500, what: 'the referral’s hand-off clock to be tracked' },
      );
      const calworksHistory = Buffer.concat([
        await started(`calworks/deadline/${exempt.clocks[0]!.deadlineId}`),
        await started(`calworks/sanction/${String(episode['episodeId'])}`),
        await started(`calworks/fr-aid-window/${removalId}`),
      ]);
      const history = Buffer.concat([
        await started(`referrals/deadline/${handoff.deadline_id}`),
        ...(await Promise.all(cwsClocks.map((c) => started(`child-welfare/deadline/${c.deadline_id}`)))),
        calworksHistory,
      ]);

      // Linkages (issue 13): the two agencies' records of the canary parent form one shared family in referrals (their
      // match keys crossed Kafka); what referrals answers about it is scanned too.
      const sharedFamilyId = await waitFor(
        async () => {
          const rows = (
            await db.query<{ family_id: string }>(
              `SELECT family_id FROM referrals.family_identities WHERE unlinked_at IS NULL AND ref_id = ANY($1::uuid[])`,
              [[cwsFamily.id, au.id]],
            )
          ).rows;
          return rows.length === 2 && rows[0]!.family_id === rows[1]!.family_id ? rows[0]!.family_id : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'the canary parent’s shared family to form' },
      );
      const linkagesAnswers = (
        await Promise.all(
          ['', '/plan', '/timeline', '/authorities'].flatMap((suffix) =>
            ['liaison', 'calworks-worker', 'cws-worker'].map(
              async (user) => (await call('referrals', 'GET', `/shared-families/${sharedFamilyId}${suffix}`, { user })).text,
            ),
          ),
        )
      ).join('\n');
      expect(linkagesAnswers).toContain(sharedFamilyId);
      for (const secret of [first, last, ssn, ssnDigits, dob]) expect(linkagesAnswers).not.toContain(secret);

      // Servers create and delete files while we read (SQLite journals, Kafka segments): a vanished file is skipped.
      const read = (f: string): Buffer[] => {
        try {
          return [readFileSync(f)];
        } catch {
          return [];
        }
      };
      const filesUnder = (dir: string, keep: (f: string) => boolean): string[] =>
        existsSync(dir)
          ? readdirSync(dir).flatMap((f) =>
              statSync(join(dir, f), { throwIfNoEntry: false })?.isDirectory()
                ? filesUnder(join(dir, f), keep)
                : keep(f)
                  ? [join(dir, f)]
                  : [],
            )
          : [];
      const stack = join(repoRoot(), '.stack');
      const sources: Record<string, Buffer> = {
        'service logs': Buffer.concat(filesUnder(join(stack, 'logs', 'services'), (f) => f.endsWith('.log')).flatMap(read)),
        'npm start output': Buffer.from(platform.output()),
        'Kafka log segments': Buffer.concat(
          filesUnder(join(stack, 'kafka', 'data'), (f) => f.endsWith('.log') && !f.includes('cluster_metadata')).flatMap(read),
        ),
        'raw Temporal history': history,
        'Temporal server database': Buffer.concat(filesUnder(join(stack, 'temporal'), (f) => f.startsWith('temporal.db')).flatMap(read)),
      };
      // The scanner sees what it should: the event and the workflow are there, under their ids.
      expect(sources['Kafka log segments']!.includes(id)).toBe(true);
      expect(history.includes('deadlineWorkflow')).toBe(true);
      expect(sources['Kafka log segments']!.includes(cwsReferral.id)).toBe(true);
      for (const workflow of ['deadlineWorkflow', 'sanctionWorkflow', 'frAidWindowWorkflow'])
        expect({ workflow, scanned: calworksHistory.includes(workflow) }).toEqual({ workflow, scanned: true });
      expect(sources['Kafka log segments']!.includes(removalId)).toBe(true);
      const leaks = Object.entries(sources).flatMap(([where, bytes]) =>
        [first, last, ssn, ssnDigits, dob, `Canaryreporter${tag}`].filter((c) => bytes.includes(c)).map((c) => `${where} contains ${c}`),
      );
      expect(leaks).toEqual([]);

      // The parent's match keys (tokens under MATCH_KEY) belong on the identity topic and in referrals' tables only:
      // never in a log line, an API answer or a Temporal history.
      const keys = MatchKeys.fromBase64(stackEnv().MATCH_KEY).forPerson({ firstName: first, lastName: last, dateOfBirth: dob, ssn });
      const tokens = [
        keys.ssn!,
        ...Object.values(keys.dob ?? {}),
        keys.first.exact,
        keys.first.canonical,
        keys.first.phonetic,
        keys.first.bloom,
        keys.last.exact,
        ...keys.last.parts,
        ...keys.last.phonetic,
        keys.last.bloom,
        ...keys.blocking,
      ];
      // The scanner sees them where they belong (the same key made them).
      expect(sources['Kafka log segments']!.includes(keys.first.exact)).toBe(true);
      const answered = Buffer.from(linkagesAnswers + calls.map((c) => c.body).join('\n'));
      const tokenLeaks = Object.entries({ ...sources, 'API answers': answered })
        .filter(([where]) => where !== 'Kafka log segments')
        .flatMap(([where, bytes]) => tokens.filter((t) => bytes.includes(t)).map((t) => `${where} contains a match key ${t.slice(0, 8)}…`));
      expect(tokenLeaks).toEqual([]);

      // At rest: names are plain columns, SSN and date of birth only ciphertext and blind index; no names in the
      // outbox or in stored idempotent responses.
      const dump = async (sql: string) => (await db.query<{ dump: string | null }>(sql, [id])).rows[0]?.dump ?? '';
      const members = await dump('SELECT json_agg(m)::text AS dump FROM referrals.referral_members m WHERE referral_id = $1');
      const outbox = await dump(`SELECT json_agg(o)::text AS dump FROM referrals.outbox o WHERE value LIKE '%' || $1 || '%'`);
      const stored = await dump(`SELECT json_agg(i)::text AS dump FROM referrals.idempotency_keys i WHERE $1::text IS NOT NULL`);
      expect(members).toContain(first);
      expect(outbox).toContain(id);
      for (const secret of [ssn, ssnDigits, dob]) expect(members).not.toContain(secret);
      for (const secret of [first, last, ssn, ssnDigits, dob]) expect(outbox + stored).not.toContain(secret);
      const persons = (
        await db.query<{ dump: string }>(`SELECT json_agg(p)::text AS dump FROM child_welfare.persons p WHERE family_id = $1`, [
          cwsFamily.id,
        ])
      ).rows[0]!.dump;
      expect(persons).toContain(first);
      for (const secret of [ssn, ssnDigits, dob]) expect(persons).not.toContain(secret);
      const cwDump = async (sql: string) => (await db.query<{ dump: string | null }>(sql, [au.id])).rows[0]?.dump ?? '';
      const cwMembers = await cwDump('SELECT json_agg(m)::text AS dump FROM calworks.au_members m WHERE au_id = $1');
      const cwOutbox = await cwDump(`SELECT json_agg(o)::text AS dump FROM calworks.outbox o WHERE value LIKE '%' || $1 || '%'`);
      const cwStored = await cwDump(`SELECT json_agg(i)::text AS dump FROM calworks.idempotency_keys i WHERE $1::text IS NOT NULL`);
      expect(cwMembers).toContain(first);
      expect(cwStored).not.toBe('');
      for (const secret of [ssn, ssnDigits, dob]) expect(cwMembers).not.toContain(secret);
      for (const secret of [first, last, ssn, ssnDigits, dob]) expect(cwOutbox + cwStored).not.toContain(secret);
    } finally {
      await connection.close();
    }
  }, 120_000);
});
