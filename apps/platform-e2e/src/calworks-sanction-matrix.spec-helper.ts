import type { CalworksFixture, MatrixCall, MatrixTemplate } from './calworks-matrix.spec-helper';

// The CalWORKs sanction routes of the access matrix (security.e2e-spec.ts). Each episode is made through the API by
// a CalWORKs supervisor of the fixture county, on a fresh WTW participant, and walked to the state a route needs
// (every step today in California: facts cannot be in the future, and none may precede the one before it).

/** Today's date in California (YYYY-MM-DD). */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
const inDays = (days: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const openBody = () => ({ noticeForm: 'NA 840', noticeIssuedOn: today(), reason: 'activity-not-attended' });
const goodCauseBody = () => ({ ground: 'child-care-unavailable-sb80', determinedOn: today() });
const compliancePlanBody = () => ({ signedOn: today(), planEndsOn: inDays(30) });
const failedPlanBody = () => ({ outcome: 'failed', on: today() });
const reviewBody = () => ({ decision: 'sanction', reviewedOn: today() });
const cureBody = (childCareNeeded: boolean) => ({ contactOn: today(), childCareNeeded });
const curePlanBody = () => ({ signedOn: today() });
const childCareBody = () => ({ on: today() });
const extensionBody = () => ({ requestedOn: today() });
const curedBody = () => ({ completedOn: today() });
const hearingBody = () => ({ requestedOn: today() });
const decisionBody = () => ({ decidedOn: today(), outcome: 'sustained' });

type Stage = 'episode' | 'plan' | 'requested' | 'sanctioned' | 'arranging-child-care' | 'curing' | 'hearing';

/**
 * The sanction templates. `setUp` opens the shared episode on the household fixture's participant (for the reads and
 * the refused callers); each caller expected to succeed gets a fresh episode at the state its route needs.
 */
export function calworksSanctionMatrix(
  call: MatrixCall,
  household: { stage: (upTo: 'participant') => Promise<CalworksFixture>; shared: () => CalworksFixture },
) {
  let shared: { participantId: string; episodeId: string };
  const post = async (path: string, body: unknown) => {
    const r = await call('calworks', 'POST', path, { user: 'calworks-supervisor', body });
    if (r.res.status >= 300) throw new Error(`fixture ${path}: ${r.res.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown>;
  };
  const open = async (participantId: string) =>
    String((await post(`/wtw-participants/${participantId}/noncompliance-episodes`, openBody()))['episodeId']);
  /** A fresh participant's episode walked to a state. */
  const episodeAt = async (state: Stage): Promise<string> => {
    const id = await open((await household.stage('participant')).participantId);
    const step = (path: string, body: unknown) => post(`/noncompliance-episodes/${id}/${path}`, body);
    if (state === 'episode') return id;
    await step('compliance-plan', compliancePlanBody());
    if (state === 'plan') return id;
    await step('compliance-plan/outcome', failedPlanBody());
    if (state === 'requested') return id;
    await step('supervisor-review', reviewBody());
    if (state === 'sanctioned') return id;
    if (state === 'hearing') {
      await step('state-hearing-request', hearingBody());
      return id;
    }
    await step('cure-requests', cureBody(state === 'arranging-child-care'));
    if (state === 'arranging-child-care') return id;
    await step('cure-plan', curePlanBody());
    return id;
  };
  const episodePath = (id: string, step: string) => `/noncompliance-episodes/${id}/${step}`;
  /** A step on the shared episode for the refused callers, on a fresh episode at `state` for the allowed ones. */
  const step = (route: string, success: number, state: Stage, body: () => unknown): MatrixTemplate => ({
    success,
    scoped: true,
    confidential: true,
    path: () => episodePath(shared.episodeId, route),
    body,
    prepare: async () => ({ path: episodePath(await episodeAt(state), route), body: body() }),
  });

  const templates: Record<string, MatrixTemplate> = {
    'calworks POST /wtw-participants/{participantId}/noncompliance-episodes': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `/wtw-participants/${shared.participantId}/noncompliance-episodes`,
      body: openBody,
      prepare: async () => ({
        path: `/wtw-participants/${(await household.stage('participant')).participantId}/noncompliance-episodes`,
        body: openBody(),
      }),
    },
    'calworks GET /wtw-participants/{participantId}/noncompliance-episodes': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/wtw-participants/${shared.participantId}/noncompliance-episodes`,
    },
    'calworks GET /noncompliance-episodes/{episodeId}': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/noncompliance-episodes/${shared.episodeId}`,
    },
    'calworks POST /noncompliance-episodes/{episodeId}/good-cause': step('good-cause', 201, 'episode', goodCauseBody),
    'calworks POST /noncompliance-episodes/{episodeId}/compliance-plan': step('compliance-plan', 201, 'episode', compliancePlanBody),
    'calworks POST /noncompliance-episodes/{episodeId}/compliance-plan/outcome': step(
      'compliance-plan/outcome',
      200,
      'plan',
      failedPlanBody,
    ),
    'calworks POST /noncompliance-episodes/{episodeId}/supervisor-review': step('supervisor-review', 201, 'requested', reviewBody),
    'calworks POST /noncompliance-episodes/{episodeId}/cure-requests': step('cure-requests', 201, 'sanctioned', () => cureBody(false)),
    'calworks POST /noncompliance-episodes/{episodeId}/cure-plan': step('cure-plan', 201, 'arranging-child-care', curePlanBody),
    'calworks POST /noncompliance-episodes/{episodeId}/child-care-good-cause-extension': step(
      'child-care-good-cause-extension',
      200,
      'arranging-child-care',
      extensionBody,
    ),
    'calworks POST /noncompliance-episodes/{episodeId}/child-care-in-place': step(
      'child-care-in-place',
      200,
      'arranging-child-care',
      childCareBody,
    ),
    'calworks POST /noncompliance-episodes/{episodeId}/cure-completed': step('cure-completed', 200, 'curing', curedBody),
    'calworks POST /noncompliance-episodes/{episodeId}/state-hearing-request': step(
      'state-hearing-request',
      201,
      'sanctioned',
      hearingBody,
    ),
    'calworks POST /noncompliance-episodes/{episodeId}/state-hearing-decision': step(
      'state-hearing-decision',
      200,
      'hearing',
      decisionBody,
    ),
  };
  return {
    templates,
    setUp: async () => {
      const participantId = household.shared().participantId;
      shared = { participantId, episodeId: await open(participantId) };
    },
  };
}
