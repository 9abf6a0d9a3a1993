import { randomInt, randomUUID } from 'node:crypto';
import { waitFor } from '@linkages/platform-testing';

// The Linkages coordination routes of the access matrix (security.e2e-spec.ts, issue 13). A shared family forms the
// way it does in production: child welfare records a family and CalWORKs an AU holding the same mother, their match
// keys cross Kafka to the referrals worker, which links the two mothers and joins the families. A review opens when
// the two agencies' SSNs for an otherwise identical person differ (the ssn-conflict guard never auto-links). Each
// fixture's people have names, birth dates and SSNs of their own (all names start with "Matrix", so the matrix's
// check that no refusal carries a record covers them), so fixtures never match each other.

export type LinkagesMatrixCall = (
  service: 'referrals' | 'calworks' | 'child-welfare',
  method: string,
  path: string,
  opts: { user?: string; body?: unknown },
) => Promise<{ res: Response; text: string }>;
export type LinkagesMatrixQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

interface MatrixUser {
  username: string;
  agency: string;
}
/** A route's template (the security spec's `Template`): `prepare` gets the caller; `refused` overrides a success. */
export interface LinkagesTemplate {
  success: number;
  scoped?: boolean;
  confidential?: boolean;
  prepare?: (user: MatrixUser | undefined) => Promise<{ path?: string; body?: unknown }>;
  refused?: (user: MatrixUser | undefined) => number | undefined;
  body?: () => unknown;
  path?: () => string;
}

interface SharedFixture {
  familyId: string;
  cwsFamilyId: string;
  auId: string;
  cwsParentId: string;
  cwsChildId: string;
  applicantId: string;
}

const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const freshSsn = () =>
  `${randomInt(100, 666)}-${String(randomInt(1, 100)).padStart(2, '0')}-${String(randomInt(1, 10_000)).padStart(4, '0')}`;
const freshDob = () => `19${randomInt(60, 99)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;

const consentBody = () => ({
  kind: 'consent',
  signedOn: '2026-11-01',
  expiresOn: '2027-10-31',
  categories: ['identity', 'detail'],
  reference: `SCD 1029 #${letters(6)}`,
});
const mdtBody = () => ({
  kind: 'mdt',
  reportReceivedOn: '2026-11-10',
  memberSubjects: ['demo:liaison'],
  reference: 'County MDT protocol, meeting 2026-11-12',
});
/** A CalWORKs applicant household typed in for Prevention: people of its own on every call, so no two calls match. */
const preventionBody = () => {
  const last = `Matrix${letters(8)}`;
  return {
    members: [
      { role: 'parent', firstName: `Matrix${letters(8)}`, lastName: last, dateOfBirth: freshDob(), ssn: freshSsn() },
      { role: 'child', firstName: `Matrix${letters(8)}`, lastName: last, dateOfBirth: '2021-04-09' },
    ],
    riskFactors: ['housing-instability'],
  };
};
const cwsActivityBody = (personRecordId: string) => ({
  kind: 'court-ordered-service',
  personRecordId,
  typeCode: 'substance-use-treatment',
  weeklyHours: 6,
  slots: [{ day: 'wed', start: '09:00', end: '12:00' }],
  startsOn: '2027-03-08',
});
const calworksActivityBody = (personRecordId: string) => ({
  kind: 'wtw-activity',
  personRecordId,
  typeCode: 'job-search',
  weeklyHours: 20,
  slots: [{ day: 'mon', start: '08:00', end: '12:00' }],
  startsOn: '2027-03-01',
});

export function linkagesMatrix(call: LinkagesMatrixCall, query: LinkagesMatrixQuery) {
  let shared: SharedFixture;
  let reviewId: string;
  let linkId: string;
  let activityId: string;
  /** Open coordination tasks of the shared family, one per caller expected to close one. */
  let openTasks: string[] = [];

  const post = async (service: 'referrals' | 'calworks' | 'child-welfare', path: string, body: unknown, user?: string) => {
    const who = user ?? (service === 'calworks' ? 'calworks-supervisor' : service === 'child-welfare' ? 'cws-supervisor' : 'liaison');
    const r = await call(service, 'POST', path, { user: who, body });
    if (r.res.status >= 300) throw new Error(`fixture ${service} ${path}: ${r.res.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown>;
  };

  /** A CWS family and an AU with the same mother (same SSN when `sameSsn`, otherwise two SSNs: a review). */
  const pair = async (sameSsn: boolean) => {
    const first = `Matrix${letters(8)}`;
    const last = `Matrix${letters(8)}`;
    const dateOfBirth = freshDob();
    const ssn = freshSsn();
    const caseNumber = `CW-LX-${letters(10)}`;
    // For a linked pair, child welfare records the family's CalWORKs case number (a Linkages common case: its events
    // say the family is known to CalWORKs); the review pair has none (only the people could tie the families).
    const family = (await post('child-welfare', '/families', {
      ...(sameSsn ? { calworksCaseNumber: caseNumber } : {}),
      members: [
        { role: 'parent', firstName: first, lastName: last, dateOfBirth, ssn },
        { role: 'child', firstName: `Matrix${letters(8)}`, lastName: last, dateOfBirth: '2020-06-01' },
      ],
    })) as unknown as { id: string; members: { personId: string; role: string }[] };
    const au = (await post('calworks', '/assistance-units', {
      caseNumber,
      aidedStatus: 'aided',
      aidedFrom: '2026-01-01',
      members: [
        { role: 'applicant', firstName: first, lastName: last, dateOfBirth, ssn: sameSsn ? ssn : freshSsn(), needy: true, aided: true },
      ],
    })) as unknown as { id: string; members: { memberId: string; role: string }[] };
    return {
      cwsFamilyId: family.id,
      auId: au.id,
      cwsParentId: family.members.find((m) => m.role === 'parent')!.personId,
      cwsChildId: family.members.find((m) => m.role === 'child')!.personId,
      applicantId: au.members[0]!.memberId,
    };
  };

  /** A shared family holding a CWS family and an AU, its mothers linked by the referrals worker. */
  const sharedFamily = async (): Promise<SharedFixture> => {
    const p = await pair(true);
    const familyId = await waitFor(
      async () => {
        const rows = await query<{ family_id: string }>(
          `SELECT family_id FROM referrals.family_identities WHERE unlinked_at IS NULL AND ref_id = ANY($1::uuid[])`,
          [[p.cwsFamilyId, p.auId]],
        );
        return rows.length === 2 && rows[0]!.family_id === rows[1]!.family_id ? rows[0]!.family_id : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 300, what: 'a matrix shared family to form' },
    );
    return { familyId, ...p };
  };
  const linkOf = async (f: SharedFixture) => {
    const r = await call('referrals', 'GET', `/shared-families/${f.familyId}`, { user: 'liaison' });
    const links = (JSON.parse(r.text) as { links: { linkId: string; status: string }[] }).links.filter((l) => l.status === 'linked');
    if (links.length === 0) throw new Error(`fixture: no person link in ${r.text}`);
    return links[0]!.linkId;
  };
  const openReview = async () => {
    const p = await pair(false);
    const records = await waitFor(
      async () => {
        const rows = await query<{ id: string; county_code: string }>(
          `SELECT id, county_code FROM referrals.person_records WHERE ref_id = ANY($1::uuid[]) ORDER BY agency`,
          [[p.cwsParentId, p.applicantId]],
        );
        return rows.length === 2 ? rows : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 300, what: 'the review pair’s person records' },
    );
    // The queue answers the county's oldest reviews first (a page): this one is found by its records.
    const found = await query<{ id: string }>(
      `SELECT r.id FROM referrals.match_reviews r WHERE r.status = 'open' AND (r.a_id = ANY($1::uuid[]) OR r.b_id = ANY($1::uuid[]))`,
      [records.map((r) => r.id)],
    );
    if (found[0]) return found[0].id;
    // The matrix tests who may decide a review, not the model (the e2e suites give many people one name and birth
    // date, so the model may have linked or passed the pair): the review is opened as the pipeline would write it.
    const id = randomUUID();
    const evidence = {
      levels: { ssn: 'differ', dob: 'exact', first: 'exact', last: 'exact', role: 'compatible' },
      partialWeights: {},
      priorWeight: 0,
      weight: 0,
      probability: 0.7,
      guards: ['ssn-conflict'],
      modelVersion: 'e2e-matrix-fixture',
    };
    await query(
      `INSERT INTO referrals.match_reviews (id, county_code, a_id, b_id, kind, probability, evidence, status, opened_at)
       VALUES ($1, $2, $3, $4, 'cross-agency', 0.7, $5::jsonb, 'open', now())`,
      [id, records[0]!.county_code, records[0]!.id, records[1]!.id, JSON.stringify(evidence)],
    );
    return id;
  };
  /** A new CWS activity of the family, found in the plan by its own title (the plan lists activities in its order). */
  const cwsActivity = async (f: SharedFixture) => {
    const title = `Matrix treatment ${randomUUID()}`;
    const plan = (await post(
      'referrals',
      `/shared-families/${f.familyId}/plan/activities`,
      { ...cwsActivityBody(f.applicantId), title },
      'cws-supervisor',
    )) as {
      activities: { id: string; agency: string; title?: string | null }[];
    };
    return plan.activities.find((a) => a.title === title)!.id;
  };

  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
  /**
   * The shared family's coordination: the AU is aided (from its creation), child welfare accepts a referral
   * (the ER + CalWORKs checklist), contacts and removes the child (the hand-off and the AU change): several open tasks.
   */
  const coordinate = async (f: SharedFixture) => {
    const referral = String(
      (
        await post('child-welfare', '/referrals', {
          familyId: f.cwsFamilyId,
          receivedAt: ago(60),
          allegations: [{ type: 'general-neglect', childId: f.cwsChildId }],
        })
      )['id'],
    );
    await post('child-welfare', `/referrals/${referral}/screening`, {
      decision: 'accepted',
      responsePriority: 'immediate',
      reason: 'Matrix screening',
      povertyOnly: false,
      decidedAt: ago(50),
    });
    await post('child-welfare', `/referrals/${referral}/contacts`, { madeAt: ago(40), childId: f.cwsChildId });
    await post('child-welfare', `/referrals/${referral}/removals`, {
      childId: f.cwsChildId,
      removedAt: ago(30),
      placementType: 'relative',
    });
    return waitFor(
      async () => {
        const r = await call('referrals', 'GET', `/shared-families/${f.familyId}/coordination`, { user: 'liaison' });
        if (r.res.status !== 200) return undefined;
        const tasks = (JSON.parse(r.text) as { tasks: { taskId: string; code: string; status: string }[] }).tasks;
        const open = tasks.filter((t) => t.status === 'open' || t.status === 'overdue');
        return tasks.some((t) => t.code === 'worker-contacts-csw') && open.length >= 6 ? open.map((t) => t.taskId) : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'the matrix family’s coordination tasks' },
    );
  };

  const onFamily = (suffix: string) => () => `/shared-families/${shared.familyId}${suffix}`;
  const templates: Record<string, LinkagesTemplate> = {
    'referrals GET /match-reviews': { success: 200, confidential: true },
    'referrals POST /match-reviews/{reviewId}/decision': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/match-reviews/${reviewId}/decision`,
      body: () => ({ decision: 'link', reason: 'same-person' }),
      prepare: async () => ({
        path: `/match-reviews/${await openReview()}/decision`,
        body: { decision: 'reject', reason: 'not-same-person' },
      }),
    },
    'referrals POST /person-links/{linkId}/unlink': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/person-links/${linkId}/unlink`,
      body: () => ({ reason: 'wrong-person' }),
      prepare: async () => ({ path: `/person-links/${await linkOf(await sharedFamily())}/unlink`, body: { reason: 'wrong-person' } }),
    },
    'referrals GET /shared-families/{familyId}': { success: 200, scoped: true, confidential: true, path: onFamily('') },
    'referrals GET /shared-families/{familyId}/authorities': {
      success: 200,
      scoped: true,
      confidential: true,
      path: onFamily('/authorities'),
    },
    'referrals POST /shared-families/{familyId}/consents': {
      success: 201,
      scoped: true,
      confidential: true,
      path: onFamily('/consents'),
      body: consentBody,
    },
    'referrals POST /shared-families/{familyId}/mdt-memberships': {
      success: 201,
      scoped: true,
      confidential: true,
      path: onFamily('/mdt-memberships'),
      body: mdtBody,
    },
    'referrals POST /shared-families/{familyId}/authorities/{authorityId}/revoke': {
      success: 200,
      scoped: true,
      confidential: true,
      path: onFamily(`/authorities/00000000-0000-4000-8000-000000000000/revoke`),
      body: () => ({ reason: 'Parent withdrew the authorization' }),
      prepare: async () => {
        const consent = await post('referrals', `/shared-families/${shared.familyId}/consents`, consentBody(), 'cws-supervisor');
        return {
          path: `/shared-families/${shared.familyId}/authorities/${String(consent['id'])}/revoke`,
          body: { reason: 'Parent withdrew the authorization' },
        };
      },
    },
    'referrals GET /shared-families/{familyId}/coordination': {
      success: 200,
      scoped: true,
      confidential: true,
      path: onFamily('/coordination'),
    },
    'referrals POST /shared-families/{familyId}/coordination/tasks/{taskId}/outcome': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () =>
        `/shared-families/${shared.familyId}/coordination/tasks/${openTasks[0] ?? '00000000-0000-4000-8000-000000000000'}/outcome`,
      body: () => ({ outcome: 'done' }),
      // Each caller expected to succeed closes an open task of its own (a closed one is 409, tested in the integration spec).
      prepare: async () => {
        const task = openTasks.pop();
        if (!task) throw new Error('fixture: no open coordination task left');
        return { path: `/shared-families/${shared.familyId}/coordination/tasks/${task}/outcome`, body: { outcome: 'done' } };
      },
    },
    'referrals POST /shared-families/{familyId}/joint-meetings': {
      success: 201,
      scoped: true,
      confidential: true,
      path: onFamily('/joint-meetings'),
      body: () => ({ heldOn: today() }),
    },
    'referrals GET /shared-families/{familyId}/enrollment': {
      success: 200,
      scoped: true,
      confidential: true,
      path: onFamily('/enrollment'),
    },
    'referrals POST /shared-families/{familyId}/enrollment/liaison': {
      success: 200,
      scoped: true,
      confidential: true,
      path: onFamily('/enrollment/liaison'),
      body: () => ({ liaisonSubject: 'demo:liaison' }),
    },
    'referrals GET /shared-families/{familyId}/plan': { success: 200, scoped: true, confidential: true, path: onFamily('/plan') },
    'referrals POST /shared-families/{familyId}/plan/activities': {
      success: 201,
      scoped: true,
      confidential: true,
      path: onFamily('/plan/activities'),
      body: () => cwsActivityBody(shared.applicantId),
      // Each agency enters its own kind of activity (the other's is refused, tested in the plan's integration spec).
      prepare: async (user) => ({
        path: `/shared-families/${shared.familyId}/plan/activities`,
        body: user?.agency === 'cws' ? cwsActivityBody(shared.applicantId) : calworksActivityBody(shared.applicantId),
      }),
    },
    'referrals POST /shared-families/{familyId}/plan/circumstances': {
      success: 200,
      scoped: true,
      confidential: true,
      path: onFamily('/plan/circumstances'),
      body: () => ({
        personRecordId: shared.applicantId,
        hasVehicle: false,
        hasLicence: true,
        transitAccess: true,
        childCareArranged: false,
      }),
    },
    'referrals POST /shared-families/{familyId}/plan/activities/{activityId}/wtw-count': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/shared-families/${shared.familyId}/plan/activities/${activityId}/wtw-count`,
      body: () => ({ decision: 'confirmed' }),
      // CalWORKs decides whether a CWS activity counts toward WTW; child welfare's staff are refused with nothing changed.
      refused: (user) => (user?.agency === 'cws' ? 409 : undefined),
      prepare: async () => ({
        path: `/shared-families/${shared.familyId}/plan/activities/${await cwsActivity(shared)}/wtw-count`,
        body: { decision: 'confirmed' },
      }),
    },
    'referrals GET /shared-families/{familyId}/timeline': { success: 200, scoped: true, confidential: true, path: onFamily('/timeline') },
    // Typed in (issue 13, Deliver 3): CalWORKs staff and liaisons refer an applicant household (any county: it creates);
    // liaisons and supervisors record special-population facts on the county's shared family (202, the process applies them).
    'referrals POST /prevention-referrals': { success: 201, confidential: true, body: preventionBody },
    'referrals POST /shared-families/{familyId}/special-population-facts': {
      success: 202,
      scoped: true,
      confidential: true,
      path: onFamily('/special-population-facts'),
      body: () => ({ homeless: true, reason: 'The family is staying in a county shelter' }),
    },
  };

  return {
    templates,
    /** The shared fixtures: a shared family with a CWS activity, an open review, a link. */
    async setUp() {
      shared = await sharedFamily();
      // The family signed a release naming substance-use records (42 CFR 2.31): CalWORKs may see the CWS treatment
      // activity and decide whether it counts toward WTW (without it, the activity is a schedule block and 404 to them).
      await post(
        'referrals',
        `/shared-families/${shared.familyId}/consents`,
        { ...consentBody(), scopes: ['substance-use-records'] },
        'cws-supervisor',
      );
      linkId = await linkOf(shared);
      [reviewId, activityId, openTasks] = await Promise.all([openReview(), cwsActivity(shared), coordinate(shared)]);
    },
    get familyId() {
      return shared.familyId;
    },
  };
}
