import { randomBytes } from 'node:crypto';

// The CalWORKs routes of the access matrix (security.e2e-spec.ts): how to call each one, and the records they need,
// made through the API by a CalWORKs supervisor of the fixture county (06085), as child welfare's `cwsStage` does.

/** The matrix's `call` (security.e2e-spec.ts): the caller's token and a fresh Idempotency-Key on every POST. */
export type MatrixCall = (
  service: 'calworks' | 'child-welfare',
  method: string,
  path: string,
  opts: { user?: string; body?: unknown },
) => Promise<{ res: Response; text: string }>;

/** A route's template in the matrix (the security spec's `Template`). */
export interface MatrixTemplate {
  success: number;
  scoped?: boolean;
  confidential?: boolean;
  prepare?: () => Promise<{ path?: string; body?: unknown }>;
  body?: () => unknown;
  path?: () => string;
}

export interface CalworksFixture {
  auId: string;
  caseNumber: string;
  applicantId: string;
  participantId: string;
  exemptionId: string;
}

/** A case number no other call uses (unique per county). */
export const calworksCaseNumber = () => `CW-MX-${randomBytes(6).toString('hex')}`;

const member = (role: string, firstName: string, dateOfBirth: string, extra: Record<string, unknown> = {}) => ({
  role,
  firstName,
  lastName: 'Matrix',
  dateOfBirth,
  needy: true,
  aided: true,
  ...extra,
});
/** An aided AU with an applicant (the WTW participant to be) and a child. */
export const auBody = (caseNumber = calworksCaseNumber()) => ({
  caseNumber,
  aidedStatus: 'aided',
  aidedFrom: '2026-01-01',
  grant: { effectiveOn: '2026-01-01', cashAidStatus: 'paid', amountCents: 92_500, reason: 'approval' },
  members: [member('applicant', 'Matrixapplicant', '1990-04-02', { ssn: '219-09-9999' }), member('child', 'Matrixchild', '2020-06-01')],
});
const memberBody = () => member('child', 'Matrixsibling', '2022-03-04');
const aidedStatusBody = { status: 'not-aided', effectiveOn: '2026-11-01' };
const grantBody = { effectiveOn: '2026-11-01', cashAidStatus: 'suspended', amountCents: 0, reason: 'temporary-absence' };
const enrollBody = (f: Pick<CalworksFixture, 'applicantId'>) => ({ memberId: f.applicantId, enrolledOn: '2026-10-01' });
const planBody = { signedOn: '2026-10-05', activities: [{ type: 'job-search', weeklyHours: 20, startsOn: '2026-10-05' }] };
const exemptionBody = { reason: 'other', startsOn: '2026-10-02', endsOn: '2026-12-31' };
const verificationBody = { outcome: 'verified', source: 'other-document', verifiedOn: '2026-10-03' };
const serviceBody = { type: 'transportation', requestedOn: '2026-10-06' };
const familyStabilizationBody = { reason: 'homelessness', referredOn: '2026-10-07' };

/**
 * The CalWORKs templates and their fixtures. `setUp` makes the shared records (before the matrix runs); a route whose
 * success changes what a repeat may do (aided status, grant, enrollment, exemption, verification, FS referral) gets a
 * fresh record for each caller expected to succeed.
 */
export function calworksMatrix(call: MatrixCall) {
  let shared: CalworksFixture;
  const post = async (path: string, body: unknown) => {
    const r = await call('calworks', 'POST', path, { user: 'calworks-supervisor', body });
    if (r.res.status >= 300) throw new Error(`fixture ${path}: ${r.res.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown> & { id: string };
  };
  /** A CalWORKs record at a stage: an AU, its applicant enrolled in WTW, an exemption pending verification. */
  const stage = async (upTo: 'au' | 'participant' | 'exemption'): Promise<CalworksFixture> => {
    const body = auBody();
    const au = (await post('/assistance-units', body)) as unknown as { id: string; members: { memberId: string; role: string }[] };
    const f = {
      auId: au.id,
      caseNumber: body.caseNumber,
      applicantId: au.members.find((m) => m.role === 'applicant')!.memberId,
      participantId: '',
      exemptionId: '',
    };
    if (upTo === 'au') return f;
    f.participantId = (await post(`/assistance-units/${f.auId}/wtw-participants`, enrollBody(f))).id;
    if (upTo === 'participant') return f;
    const exempt = (await post(`/wtw-participants/${f.participantId}/exemptions`, exemptionBody)) as unknown as {
      exemptions: { id: string }[];
    };
    f.exemptionId = exempt.exemptions[0]!.id;
    return f;
  };
  const au = (f: CalworksFixture) => `/assistance-units/${f.auId}`;
  const participant = (f: CalworksFixture) => `/wtw-participants/${f.participantId}`;
  const verification = (f: CalworksFixture) => `${participant(f)}/exemptions/${f.exemptionId}/verification`;

  const templates: Record<string, MatrixTemplate> = {
    'calworks POST /assistance-units': { success: 201, confidential: true, body: () => auBody() },
    'calworks POST /assistance-units/by-case-number': {
      success: 200,
      scoped: true,
      confidential: true,
      body: () => ({ caseNumber: shared.caseNumber }),
    },
    'calworks GET /assistance-units/{auId}': { success: 200, scoped: true, confidential: true, path: () => au(shared) },
    'calworks POST /assistance-units/{auId}/members': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `${au(shared)}/members`,
      body: memberBody,
    },
    'calworks POST /assistance-units/{auId}/aided-status': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `${au(shared)}/aided-status`,
      body: () => aidedStatusBody,
      prepare: async () => ({ path: `${au(await stage('au'))}/aided-status`, body: aidedStatusBody }),
    },
    'calworks POST /assistance-units/{auId}/grant-changes': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `${au(shared)}/grant-changes`,
      body: () => grantBody,
      prepare: async () => ({ path: `${au(await stage('au'))}/grant-changes`, body: grantBody }),
    },
    'calworks POST /assistance-units/{auId}/wtw-participants': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `${au(shared)}/wtw-participants`,
      body: () => enrollBody(shared),
      prepare: async () => {
        const f = await stage('au');
        return { path: `${au(f)}/wtw-participants`, body: enrollBody(f) };
      },
    },
    'calworks GET /wtw-participants/{participantId}': { success: 200, scoped: true, confidential: true, path: () => participant(shared) },
    'calworks POST /wtw-participants/{participantId}/plans': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `${participant(shared)}/plans`,
      body: () => planBody,
    },
    'calworks POST /wtw-participants/{participantId}/exemptions': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `${participant(shared)}/exemptions`,
      body: () => exemptionBody,
      prepare: async () => ({ path: `${participant(await stage('participant'))}/exemptions`, body: exemptionBody }),
    },
    'calworks POST /wtw-participants/{participantId}/exemptions/{exemptionId}/verification': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => verification(shared),
      body: () => verificationBody,
      prepare: async () => ({ path: verification(await stage('exemption')), body: verificationBody }),
    },
    'calworks POST /wtw-participants/{participantId}/supportive-services': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `${participant(shared)}/supportive-services`,
      body: () => serviceBody,
    },
    'calworks POST /wtw-participants/{participantId}/family-stabilization-referrals': {
      success: 201,
      scoped: true,
      confidential: true,
      path: () => `${participant(shared)}/family-stabilization-referrals`,
      body: () => familyStabilizationBody,
      prepare: async () => ({
        path: `${participant(await stage('participant'))}/family-stabilization-referrals`,
        body: familyStabilizationBody,
      }),
    },
  };
  return {
    templates,
    stage,
    /** The shared records (an AU, its applicant in WTW, an exemption pending verification). */
    shared: () => shared,
    setUp: async () => {
      shared = await stage('exemption');
    },
  };
}
