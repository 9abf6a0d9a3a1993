import { randomUUID } from 'node:crypto';
import { staffIdOf } from '@linkages/platform-access';
import { Mailpit, waitFor } from '@linkages/platform-testing';
import { seedLateImmediateReferral } from './platform.spec-helper';

// The notifications routes of the access matrix (security.e2e-spec.ts, issue 14). An escalation forms the way it does
// in production: child welfare records an immediate-response referral two days late, its clock is overdue the moment
// it opens, and the deadline event hands the ladder to notifications, which notifies the assignee (the unit's intake
// worker, cws-worker) at level 1 and e-mails a signed acknowledgment link.

export type NotificationsMatrixCall = (
  service: 'notifications' | 'child-welfare',
  method: string,
  path: string,
  opts: { user?: string; body?: unknown },
) => Promise<{ res: Response; text: string }>;
export type NotificationsMatrixQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

interface MatrixUser {
  username: string;
  agency: string;
  county: string;
}
/** A route's template (the security spec's `Template`): `prepare` gets the caller; `refused` overrides a success. */
export interface NotificationsTemplate {
  success: number;
  scoped?: boolean;
  confidential?: boolean;
  prepare?: (user: MatrixUser | undefined) => Promise<{ path?: string; body?: unknown }>;
  refused?: (user: MatrixUser | undefined) => number | undefined;
  body?: () => unknown;
  path?: () => string;
}

const fixtureCounty = '06085';
/** The e-mail of the intake worker of Santa Clara's CWS unit (infra/local/organisation.json). */
const intakeWorker = 'cws-worker';

export function notificationsMatrix(call: NotificationsMatrixCall, query: NotificationsMatrixQuery, intakeEmail: string) {
  let deadlineId: string;
  let ackToken: string;
  let notificationId: string;

  const post = async (path: string, body: unknown) => {
    const r = await call('child-welfare', 'POST', path, { user: 'cws-supervisor', body });
    if (r.res.status >= 300) throw new Error(`fixture child-welfare ${path}: ${r.res.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown> & { id: string };
  };

  /** A missed immediate-response clock and its escalation, open at level 1 (the intake worker notified). */
  const escalation = async (): Promise<{ deadlineId: string; escalationId: string }> => {
    const clock = await seedLateImmediateReferral(post, query, {
      members: [
        { role: 'parent', firstName: 'Matrix', lastName: 'Escalated', dateOfBirth: '1990-01-02' },
        { role: 'child', firstName: 'Matrix', lastName: 'Escalated', dateOfBirth: '2020-03-04' },
      ],
      reason: 'Matrix injury reported',
    });
    const row = await waitFor(
      async () =>
        (
          await query<{ escalation_id: string; level: number }>(
            `SELECT escalation_id, level FROM notifications.escalations WHERE deadline_id = $1`,
            [clock.deadlineId],
          )
        )[0],
      { timeoutMs: 120_000, intervalMs: 1000, what: 'the escalation in the read model' },
    );
    // Level 1 notified (so the intake worker may acknowledge it).
    await waitFor(
      async () => {
        const r = await call('notifications', 'GET', `/escalations/${clock.deadlineId}`, { user: intakeWorker });
        if (r.res.status !== 200) return undefined;
        const view = JSON.parse(r.text) as { recipients: Record<string, { staffId: string }[]> };
        return Object.values(view.recipients)
          .flat()
          .some((p) => p.staffId === staffIdOf(`demo:${intakeWorker}`))
          ? true
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: 'level 1 notified' },
    );
    return { deadlineId: clock.deadlineId, escalationId: row.escalation_id };
  };

  let absentee: string;
  let absenceId: string;
  const newPersonBody = () => ({
    subject: `demo:matrix-${randomUUID()}`,
    displayName: 'Test person (matrix)',
    email: `matrix-${randomUUID().slice(0, 8)}@linkages.test`,
    unitId: 'scc-cws-er-1',
  });
  const absenceBody = () => ({
    from: new Date().toISOString(),
    to: new Date(Date.now() + 86_400_000).toISOString(),
    reasonCode: 'leave',
  });
  const edit = async (path: string, body: unknown) => {
    const r = await call('notifications', 'POST', path, { user: 'cws-supervisor', body });
    if (r.res.status >= 300) throw new Error(`fixture notifications ${path}: ${r.res.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown>;
  };
  const newPerson = async () => (await edit('/organisation/people', newPersonBody()))['staffId'] as string;
  const newAbsence = async (staffId: string) => {
    const recorded = await edit(`/organisation/people/${staffId}/absences`, absenceBody());
    return (recorded['absence'] as { absenceId: string }).absenceId;
  };

  let endpointId: string;
  const endpointBody = () => ({ url: 'https://hooks.example.org/linkages', eventTypes: ['escalation.raised'], agency: 'cws' });
  const webhookCall = async (path: string, body: unknown) => {
    const r = await call('notifications', 'POST', path, { user: 'admin', ...(body !== undefined ? { body } : {}) });
    if (r.res.status >= 300) throw new Error(`fixture notifications ${path}: ${r.res.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown>;
  };
  const newEndpoint = async () => {
    const e = await webhookCall('/webhook-endpoints', endpointBody());
    return e['endpointId'] as string;
  };

  const setUp = async () => {
    endpointId = await newEndpoint();
    absentee = await newPerson();
    absenceId = await newAbsence(absentee);
    const e = await escalation();
    deadlineId = e.deadlineId;
    notificationId = await waitFor(
      async () =>
        (
          await query<{ notification_id: string }>(
            `SELECT notification_id FROM notifications.inbox_items WHERE escalation_id = $1 AND recipient_staff_id = $2`,
            [e.escalationId, staffIdOf(`demo:${intakeWorker}`)],
          )
        )[0]?.notification_id,
      { timeoutMs: 60_000, intervalMs: 1000, what: 'the intake worker’s inbox item' },
    );
    // The link in the intake worker's e-mail: opening it (GET) changes nothing, so every caller may open it.
    const mailpit = new Mailpit();
    ackToken = await waitFor(
      async () => {
        for (const m of await mailpit.messagesTo(intakeEmail)) {
          const full = await mailpit.message(m.ID);
          if (!full.Text.includes(e.escalationId)) continue;
          return /\/ack\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(full.Text)?.[1];
        }
        return undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: 'the escalation e-mail with its link' },
    );
  };

  const isCwsOfCounty = (u: MatrixUser | undefined) => u?.agency === 'cws' && u.county === fixtureCounty;
  const templates: Record<string, NotificationsTemplate> = {
    // Read: the notified (the intake worker) and the agency's supervisors of the county; anyone else finds nothing.
    'notifications GET /escalations/{deadlineId}': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/escalations/${deadlineId}`,
      refused: (u) => (isCwsOfCounty(u) ? undefined : 404),
    },
    // Acknowledge: only someone notified at a raised level (each on an escalation of their own); the supervisor sees
    // it but was not notified yet (403); anyone who may not see it finds nothing (404).
    'notifications POST /escalations/{deadlineId}/acknowledge': {
      success: 200,
      scoped: true,
      path: () => `/escalations/${deadlineId}/acknowledge`,
      body: () => ({ note: 'Matrix acknowledgment' }),
      prepare: async () => ({
        path: `/escalations/${(await escalation()).deadlineId}/acknowledge`,
        body: { note: 'Contact under way' },
      }),
      refused: (u) => (u?.username === intakeWorker ? undefined : isCwsOfCounty(u) ? 403 : 404),
    },
    // The link's page is its own credential and changes nothing; a forged link is gone (410) for everyone.
    'notifications GET /ack/{token}': { success: 200, path: () => `/ack/${ackToken}` },
    'notifications POST /ack/{token}': {
      success: 200,
      path: () => `/ack/${ackToken.split('.')[0]}.${'A'.repeat(43)}`,
      refused: () => 410,
    },
    // The inbox: one's own items only. The intake worker has the fixture's level-1 notice; anyone else's id is absent.
    'notifications GET /inbox': { success: 200 },
    'notifications GET /inbox/stream': { success: 200 },
    'notifications POST /inbox/{notificationId}/read': {
      success: 200,
      path: () => `/inbox/${notificationId}/read`,
      refused: (u) => (u?.username === intakeWorker ? undefined : 404),
    },
    'notifications POST /inbox/{notificationId}/archive': {
      success: 200,
      path: () => `/inbox/${notificationId}/archive`,
      refused: (u) => (u?.username === intakeWorker ? undefined : 404),
    },
    // Organisation edits: CWS's supervisor edits CWS's county organisation; CalWORKs' supervisor finds none of it (404),
    // nor does the platform admin, who belongs to no county organisation. New people and absences on fresh people, so
    // the matrix never makes the intake worker absent (the fixture's escalations must reach them).
    'notifications POST /organisation/people': {
      success: 201,
      body: () => newPersonBody(),
      refused: (u) => (isCwsOfCounty(u) ? undefined : 404),
    },
    'notifications PUT /organisation/people/{staffId}': {
      success: 200,
      path: () => `/organisation/people/${staffIdOf(`demo:${intakeWorker}`)}`,
      body: () => ({ channels: { email: true, webhook: false } }),
      refused: (u) => (isCwsOfCounty(u) ? undefined : 404),
    },
    'notifications POST /organisation/people/{staffId}/absences': {
      success: 201,
      path: () => `/organisation/people/${absentee}/absences`,
      body: () => absenceBody(),
      prepare: async () => ({ path: `/organisation/people/${await newPerson()}/absences`, body: absenceBody() }),
      refused: (u) => (isCwsOfCounty(u) ? undefined : 404),
    },
    'notifications POST /organisation/people/{staffId}/absences/{absenceId}/end': {
      success: 200,
      path: () => `/organisation/people/${absentee}/absences/${absenceId}/end`,
      prepare: async () => {
        const person = await newPerson();
        return { path: `/organisation/people/${person}/absences/${await newAbsence(person)}/end` };
      },
      refused: (u) => (isCwsOfCounty(u) ? undefined : 404),
    },
    'notifications PUT /organisation/units/{unitId}': {
      success: 200,
      path: () => '/organisation/units/scc-cws-er-1',
      body: () => ({ name: 'Santa Clara CWS Emergency Response 1' }),
      refused: (u) => (isCwsOfCounty(u) ? undefined : 404),
    },
    // One's own preferences: every demo user with an inbox is in the local organisation.
    'notifications GET /me/preferences': { success: 200 },
    'notifications PUT /me/preferences': { success: 200, body: () => ({ quietHours: null, channels: { email: true, webhook: false } }) },
    // Webhook endpoints (webhook.manage: the platform admin), each state change on an endpoint of its own.
    'notifications POST /webhook-endpoints': { success: 201, body: endpointBody },
    'notifications GET /webhook-endpoints': { success: 200 },
    'notifications POST /webhook-endpoints/{endpointId}/rotate-secret': {
      success: 200,
      path: () => `/webhook-endpoints/${endpointId}/rotate-secret`,
      body: () => ({}),
      prepare: async () => ({ path: `/webhook-endpoints/${await newEndpoint()}/rotate-secret`, body: {} }),
    },
    'notifications POST /webhook-endpoints/{endpointId}/disable': {
      success: 200,
      path: () => `/webhook-endpoints/${endpointId}/disable`,
      prepare: async () => ({ path: `/webhook-endpoints/${await newEndpoint()}/disable` }),
    },
    'notifications POST /webhook-endpoints/{endpointId}/enable': {
      success: 200,
      path: () => `/webhook-endpoints/${endpointId}/enable`,
      prepare: async () => {
        const id = await newEndpoint();
        await webhookCall(`/webhook-endpoints/${id}/disable`, undefined);
        return { path: `/webhook-endpoints/${id}/enable` };
      },
    },
    // The supervisor's deadline queue (issue 15): every caller with escalation.read lists what they may see (maybe
    // nothing); the fixture's overdue deadline is the CWS supervisor's (their agency) and the intake worker's (notified
    // at level 1), absent for anyone else. Only a supervisor of its agency re-assigns it (the intake worker sees it: 403).
    'notifications GET /deadline-queue': { success: 200, confidential: true },
    'notifications GET /deadline-queue/{deadlineId}': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/deadline-queue/${deadlineId}`,
      refused: (u) => (isCwsOfCounty(u) ? undefined : 404),
    },
    'notifications POST /deadline-queue/{deadlineId}/reassign': {
      success: 200,
      scoped: true,
      path: () => `/deadline-queue/${deadlineId}/reassign`,
      body: () => ({ staffId: staffIdOf(`demo:${intakeWorker}`), reason: 'Matrix re-assignment to the intake worker' }),
      refused: (u) => (u?.username === 'cws-supervisor' ? undefined : isCwsOfCounty(u) ? 403 : 404),
    },
    // Timeliness reports (issue 15 item 4): a supervisor of their own agency only (figures of their county and agency,
    // maybe none); every other escalation.read holder is refused (403 reports-supervisors-only). Audited on every call.
    'notifications GET /reports/timeliness': {
      success: 200,
      confidential: true,
      path: () => '/reports/timeliness?groupBy=rule,unit,month',
      refused: (u) => (u?.username === 'cws-supervisor' || u?.username === 'calworks-supervisor' ? undefined : 403),
    },
    'notifications GET /organisation/people': { success: 200 },
    'notifications GET /organisation/units': { success: 200 },
    // Assign a CWS family to the intake worker: only child welfare of the worker's county may (others: 422).
    'notifications PUT /assignments': {
      success: 200,
      body: () => ({ ownerService: 'child-welfare', familyId: randomUUID(), staffId: staffIdOf(`demo:${intakeWorker}`), reason: 'intake' }),
      refused: (u) => (isCwsOfCounty(u) ? undefined : 422),
    },
  };
  /**
   * The matrix's endpoints point at a host that does not answer: disabled when the matrix is done, so later suites'
   * escalations in the county queue nothing for them.
   */
  const tearDown = async () => {
    const r = await call('notifications', 'GET', '/webhook-endpoints', { user: 'admin' });
    if (r.res.status !== 200) return;
    const { endpoints } = JSON.parse(r.text) as { endpoints: { endpointId: string; url: string; enabled: boolean }[] };
    for (const e of endpoints.filter((e) => e.enabled && e.url === endpointBody().url))
      await call('notifications', 'POST', `/webhook-endpoints/${e.endpointId}/disable`, { user: 'admin' });
  };
  return { setUp, tearDown, templates };
}
