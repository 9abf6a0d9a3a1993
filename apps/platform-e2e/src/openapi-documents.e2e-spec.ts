import { randomUUID } from 'node:crypto';
import { devToken } from '@linkages/platform-testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { problemTypeBase } from '@linkages/platform-http';
import { servicePorts, startPlatform, type RunningPlatform, type ServicePorts } from './platform.spec-helper';

// The OpenAPI documents of the four running services (`npm start`) say what the API does: every operation has its
// success code by the one status convention and a JSON schema for its body, every problem it can answer with is
// documented as application/problem+json with its type, and the answers the services actually give match them.
const offset = 16_000;
const services = servicePorts(offset);

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  required?: string[];
}
interface Response {
  description: string;
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, Response>;
  'x-linkages-policy'?: { kind: 'public' | 'permission' };
}
interface Op {
  key: string;
  service: ServicePorts['name'];
  method: string;
  path: string;
  op: Operation;
}

/**
 * Every POST by kind: a create answers 201, a command on an existing resource or a query answers 200, a command a
 * process applies asynchronously answers 202 (accepted, with a Location to read). A POST missing here fails the test:
 * a new route must say which it is.
 */
const postKinds: Record<string, 'create' | 'command' | 'query' | 'accepted'> = {
  'POST /codec/decode': 'command',
  'POST /codec/encode': 'command',
  'POST /ops/dead-letters/{key}/replay': 'command',
  'POST /ops/dead-letters/replay': 'command',
  'referrals POST /referrals': 'create',
  'referrals POST /persons/match': 'query',
  'referrals POST /referrals/{referralId}/consents': 'create',
  'referrals POST /referrals/{referralId}/mdt-memberships': 'create',
  'referrals POST /referrals/{referralId}/authorities/{authorityId}/revoke': 'command',
  // Linkages coordination (issue 13): matching, authority on the shared family, the coordinated plan.
  'referrals POST /match-reviews/{reviewId}/decision': 'command',
  'referrals POST /person-links/{linkId}/unlink': 'command',
  'referrals POST /shared-families/{familyId}/consents': 'create',
  'referrals POST /shared-families/{familyId}/mdt-memberships': 'create',
  'referrals POST /shared-families/{familyId}/authorities/{authorityId}/revoke': 'command',
  'referrals POST /shared-families/{familyId}/coordination/tasks/{taskId}/outcome': 'command',
  'referrals POST /shared-families/{familyId}/joint-meetings': 'create',
  'referrals POST /shared-families/{familyId}/enrollment/liaison': 'command',
  'referrals POST /shared-families/{familyId}/plan/activities': 'create',
  'referrals POST /shared-families/{familyId}/plan/circumstances': 'command',
  'referrals POST /shared-families/{familyId}/plan/activities/{activityId}/wtw-count': 'command',
  'referrals POST /prevention-referrals': 'create',
  'referrals POST /shared-families/{familyId}/special-population-facts': 'accepted',
  'child-welfare POST /families': 'create',
  'child-welfare POST /referrals': 'create',
  'child-welfare POST /referrals/{referralId}/screening': 'command',
  'child-welfare POST /referrals/{referralId}/downgrade': 'command',
  'child-welfare POST /referrals/{referralId}/contacts': 'command',
  'child-welfare POST /referrals/{referralId}/assessments': 'create',
  'child-welfare POST /referrals/{referralId}/disposition': 'command',
  'child-welfare POST /referrals/{referralId}/removals': 'create',
  'child-welfare POST /referrals/{referralId}/cases': 'create',
  'child-welfare POST /cases/{caseId}/petition': 'command',
  'child-welfare POST /cases/{caseId}/hearings': 'command',
  'child-welfare POST /cases/{caseId}/case-plans': 'create',
  'child-welfare POST /cases/{caseId}/cft-meetings': 'create',
  'child-welfare POST /cases/{caseId}/visits': 'create',
  'child-welfare POST /cases/{caseId}/returns': 'command',
  'child-welfare POST /cases/{caseId}/fr-services-good-cause': 'create',
  'child-welfare POST /cases/{caseId}/closure': 'command',
  'calworks POST /assistance-units': 'create',
  'calworks POST /assistance-units/by-case-number': 'query',
  'calworks POST /assistance-units/{auId}/members': 'create',
  'calworks POST /assistance-units/{auId}/aided-status': 'command',
  'calworks POST /assistance-units/{auId}/grant-changes': 'command',
  'calworks POST /assistance-units/{auId}/wtw-participants': 'create',
  'calworks POST /wtw-participants/{participantId}/plans': 'create',
  'calworks POST /wtw-participants/{participantId}/exemptions': 'create',
  'calworks POST /wtw-participants/{participantId}/exemptions/{exemptionId}/verification': 'command',
  'calworks POST /wtw-participants/{participantId}/supportive-services': 'create',
  'calworks POST /wtw-participants/{participantId}/family-stabilization-referrals': 'create',
  'calworks POST /wtw-participants/{participantId}/noncompliance-episodes': 'create',
  'calworks POST /noncompliance-episodes/{episodeId}/good-cause': 'create',
  'calworks POST /noncompliance-episodes/{episodeId}/compliance-plan': 'create',
  'calworks POST /noncompliance-episodes/{episodeId}/compliance-plan/outcome': 'command',
  'calworks POST /noncompliance-episodes/{episodeId}/supervisor-review': 'create',
  'calworks POST /noncompliance-episodes/{episodeId}/cure-requests': 'create',
  'calworks POST /noncompliance-episodes/{episodeId}/cure-plan': 'create',
  'calworks POST /noncompliance-episodes/{episodeId}/child-care-good-cause-extension': 'command',
  'calworks POST /noncompliance-episodes/{episodeId}/child-care-in-place': 'command',
  'calworks POST /noncompliance-episodes/{episodeId}/cure-completed': 'command',
  'calworks POST /noncompliance-episodes/{episodeId}/state-hearing-request': 'create',
  'calworks POST /noncompliance-episodes/{episodeId}/state-hearing-decision': 'command',
  'calworks POST /fr-review-list/{reviewId}/match': 'command',
  'calworks POST /fr-removals/{removalId}/member-confirmation': 'command',
  'calworks POST /fr-removals/{removalId}/ab429-redeterminations': 'command',
  // Notifications (issue 14): escalations, the organisation they climb.
  'notifications POST /escalations/{deadlineId}/acknowledge': 'command',
  'notifications POST /ack/{token}': 'command',
  'notifications POST /inbox/{notificationId}/read': 'command',
  'notifications POST /inbox/{notificationId}/archive': 'command',
  'notifications POST /organisation/people': 'create',
  'notifications POST /organisation/people/{staffId}/absences': 'create',
  'notifications POST /organisation/people/{staffId}/absences/{absenceId}/end': 'command',
  'notifications POST /webhook-endpoints': 'create',
  'notifications POST /webhook-endpoints/{endpointId}/rotate-secret': 'command',
  'notifications POST /webhook-endpoints/{endpointId}/disable': 'command',
  'notifications POST /webhook-endpoints/{endpointId}/enable': 'command',
  // The supervisor's deadline queue (issue 15).
  'notifications POST /deadline-queue/{deadlineId}/reassign': 'command',
};
/** The routes whose success is not JSON, with their media type. */
const textRoutes: Record<string, string> = {
  'GET /metrics': 'text/plain',
  'GET /ack/{token}': 'text/html',
  'GET /inbox/stream': 'text/event-stream',
};
const successOf = (o: Op) => {
  if (o.method !== 'POST') return '200';
  const kind = postKinds[o.key];
  return kind === 'create' ? '201' : kind === 'accepted' ? '202' : kind ? '200' : 'unclassified';
};

/**
 * The problems each operation's code path can raise beyond the standard ones (auth, rate limit, 500, validation,
 * idempotency): the object-level refusals of its use case. A route missing here fails the test.
 */
const cwsWrite = ['not-found', 'impossible-sequence'];
const calworksWrite = ['not-found', 'impossible-sequence'];
const raises: Record<string, string[]> = {
  'GET /health': [],
  'GET /health/ready': ['service-unavailable'],
  'GET /metrics': [],
  'POST /codec/decode': [],
  'POST /codec/encode': [],
  'GET /audit/entries': [],
  'GET /audit/verify': [],
  'GET /ops/dead-letters': [],
  'GET /ops/dead-letters/{key}': ['not-found'],
  'POST /ops/dead-letters/{key}/replay': ['not-found', 'already-replayed'],
  'POST /ops/dead-letters/replay': [],
  'GET /ops/workflows': [],
  'referrals POST /referrals': [],
  'referrals GET /referrals/{referralId}': ['not-found', 'no-sharing-authority'],
  'referrals POST /persons/match': [],
  'referrals GET /referrals/{referralId}/authorities': ['not-found'],
  'referrals POST /referrals/{referralId}/consents': ['not-found'],
  'referrals POST /referrals/{referralId}/mdt-memberships': ['not-found'],
  'referrals POST /referrals/{referralId}/authorities/{authorityId}/revoke': ['not-found', 'already-revoked'],
  'referrals GET /match-reviews': [],
  'referrals POST /match-reviews/{reviewId}/decision': ['not-found', 'match-review-decided'],
  'referrals POST /person-links/{linkId}/unlink': ['not-found', 'person-link-ended'],
  'referrals GET /shared-families/{familyId}': ['not-found'],
  'referrals GET /shared-families/{familyId}/authorities': ['not-found'],
  'referrals POST /shared-families/{familyId}/consents': ['not-found'],
  'referrals POST /shared-families/{familyId}/mdt-memberships': ['not-found'],
  'referrals POST /shared-families/{familyId}/authorities/{authorityId}/revoke': ['not-found', 'already-revoked'],
  'referrals GET /shared-families/{familyId}/coordination': ['not-found', 'no-sharing-authority'],
  'referrals POST /shared-families/{familyId}/coordination/tasks/{taskId}/outcome': [
    'not-found',
    'task-already-closed',
    'no-enrollment',
    'impossible-sequence',
  ],
  'referrals POST /shared-families/{familyId}/joint-meetings': ['not-found', 'no-enrollment', 'impossible-sequence'],
  'referrals GET /shared-families/{familyId}/enrollment': ['not-found', 'no-sharing-authority'],
  'referrals POST /shared-families/{familyId}/enrollment/liaison': ['not-found', 'no-enrollment'],
  'referrals GET /shared-families/{familyId}/plan': ['not-found', 'no-sharing-authority'],
  'referrals POST /shared-families/{familyId}/plan/activities': ['not-found', 'no-sharing-authority', 'impossible-sequence'],
  'referrals POST /shared-families/{familyId}/plan/circumstances': ['not-found', 'no-sharing-authority'],
  'referrals POST /shared-families/{familyId}/plan/activities/{activityId}/wtw-count': [
    'not-found',
    'no-sharing-authority',
    'impossible-sequence',
  ],
  'referrals GET /shared-families/{familyId}/timeline': ['not-found', 'no-sharing-authority'],
  'referrals POST /prevention-referrals': ['not-found'],
  'referrals POST /shared-families/{familyId}/special-population-facts': ['not-found'],
  'child-welfare POST /families': [],
  'child-welfare GET /families/{familyId}': ['not-found'],
  'child-welfare POST /referrals': cwsWrite,
  'child-welfare GET /referrals/{referralId}': ['not-found'],
  'child-welfare POST /referrals/{referralId}/screening': [...cwsWrite, 'ab-2085-poverty-is-not-neglect'],
  'child-welfare POST /referrals/{referralId}/downgrade': cwsWrite,
  'child-welfare POST /referrals/{referralId}/contacts': cwsWrite,
  'child-welfare POST /referrals/{referralId}/assessments': cwsWrite,
  'child-welfare POST /referrals/{referralId}/disposition': cwsWrite,
  'child-welfare POST /referrals/{referralId}/removals': cwsWrite,
  'child-welfare POST /referrals/{referralId}/cases': cwsWrite,
  'child-welfare GET /cases/{caseId}': ['not-found'],
  'child-welfare GET /cases/{caseId}/summary': ['not-found'],
  'child-welfare GET /cases/{caseId}/deadlines': ['not-found'],
  'child-welfare POST /cases/{caseId}/petition': cwsWrite,
  'child-welfare POST /cases/{caseId}/hearings': cwsWrite,
  'child-welfare POST /cases/{caseId}/case-plans': cwsWrite,
  'child-welfare POST /cases/{caseId}/cft-meetings': cwsWrite,
  'child-welfare POST /cases/{caseId}/visits': cwsWrite,
  'child-welfare POST /cases/{caseId}/returns': cwsWrite,
  'child-welfare POST /cases/{caseId}/fr-services-good-cause': cwsWrite,
  'child-welfare POST /cases/{caseId}/closure': cwsWrite,
  'calworks POST /assistance-units': ['impossible-sequence', 'case-number-in-use'],
  'calworks POST /assistance-units/by-case-number': ['not-found'],
  'calworks GET /assistance-units/{auId}': ['not-found'],
  'calworks POST /assistance-units/{auId}/members': calworksWrite,
  'calworks POST /assistance-units/{auId}/aided-status': calworksWrite,
  'calworks POST /assistance-units/{auId}/grant-changes': calworksWrite,
  'calworks POST /assistance-units/{auId}/wtw-participants': calworksWrite,
  'calworks GET /wtw-participants/{participantId}': ['not-found'],
  'calworks POST /wtw-participants/{participantId}/plans': calworksWrite,
  'calworks POST /wtw-participants/{participantId}/exemptions': calworksWrite,
  'calworks POST /wtw-participants/{participantId}/exemptions/{exemptionId}/verification': calworksWrite,
  'calworks POST /wtw-participants/{participantId}/supportive-services': calworksWrite,
  'calworks POST /wtw-participants/{participantId}/family-stabilization-referrals': calworksWrite,
  'calworks POST /wtw-participants/{participantId}/noncompliance-episodes': calworksWrite,
  'calworks GET /wtw-participants/{participantId}/noncompliance-episodes': ['not-found'],
  'calworks GET /noncompliance-episodes/{episodeId}': ['not-found'],
  'calworks POST /noncompliance-episodes/{episodeId}/good-cause': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/compliance-plan': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/compliance-plan/outcome': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/supervisor-review': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/cure-requests': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/cure-plan': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/child-care-good-cause-extension': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/child-care-in-place': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/cure-completed': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/state-hearing-request': calworksWrite,
  'calworks POST /noncompliance-episodes/{episodeId}/state-hearing-decision': calworksWrite,
  'calworks GET /fr-removals/{removalId}': ['not-found'],
  'calworks GET /fr-review-list': [],
  'calworks POST /fr-review-list/{reviewId}/match': calworksWrite,
  'calworks POST /fr-removals/{removalId}/member-confirmation': calworksWrite,
  'calworks POST /fr-removals/{removalId}/ab429-redeterminations': calworksWrite,
  'notifications GET /escalations/{deadlineId}': ['not-found'],
  'notifications POST /escalations/{deadlineId}/acknowledge': ['not-found', 'not-your-escalation', 'escalation-not-open'],
  'notifications GET /ack/{token}': ['ack-link-unusable'],
  'notifications POST /ack/{token}': ['ack-link-unusable', 'not-your-escalation', 'escalation-not-open'],
  'notifications GET /organisation/people': [],
  'notifications GET /organisation/units': [],
  'notifications PUT /assignments': ['not-found', 'person-not-assignable'],
  'notifications GET /inbox': [],
  'notifications GET /inbox/stream': [],
  'notifications POST /inbox/{notificationId}/read': ['not-found'],
  'notifications POST /inbox/{notificationId}/archive': ['not-found'],
  'notifications POST /organisation/people': ['unit-not-found', 'person-exists', 'organisation-invalid'],
  'notifications PUT /organisation/people/{staffId}': ['not-found', 'unit-not-found', 'organisation-invalid'],
  'notifications POST /organisation/people/{staffId}/absences': [
    'not-found',
    'person-not-found',
    'person-not-assignable',
    'cover-not-available',
    'absence-overlaps',
    'organisation-invalid',
  ],
  'notifications POST /organisation/people/{staffId}/absences/{absenceId}/end': ['not-found', 'absence-not-open', 'organisation-invalid'],
  'notifications PUT /organisation/units/{unitId}': ['not-found', 'person-not-found', 'person-not-assignable', 'organisation-invalid'],
  'notifications GET /me/preferences': ['not-found'],
  'notifications PUT /me/preferences': ['not-found'],
  'notifications POST /webhook-endpoints': ['webhook-url-refused', 'webhook-agency-refused'],
  'notifications GET /webhook-endpoints': [],
  'notifications POST /webhook-endpoints/{endpointId}/rotate-secret': ['not-found'],
  'notifications POST /webhook-endpoints/{endpointId}/disable': ['not-found', 'webhook-endpoint-state'],
  'notifications POST /webhook-endpoints/{endpointId}/enable': ['not-found', 'webhook-endpoint-state'],
  'notifications GET /deadline-queue': [],
  'notifications GET /deadline-queue/{deadlineId}': ['not-found'],
  'notifications POST /deadline-queue/{deadlineId}/reassign': ['not-found', 'not-your-unit', 'assignee-not-eligible'],
  'notifications GET /reports/timeliness': ['reports-supervisors-only'],
};
const keyed = (table: Record<string, unknown>, service: string, method: string, path: string) =>
  table[`${service} ${method} ${path}`] !== undefined ? `${service} ${method} ${path}` : `${method} ${path}`;

/** The problem types documented for one status of an operation (empty when the status is not documented). */
const documentedTypes = (op: Operation, status: string): string[] =>
  (op.responses[status]?.content?.['application/problem+json']?.schema?.properties?.['type']?.enum as string[] | undefined) ?? [];
const slugsAt = (op: Operation, status: string) => documentedTypes(op, status).map((t) => t.slice(problemTypeBase.length));
const allDocumentedSlugs = (op: Operation) => Object.keys(op.responses).flatMap((s) => slugsAt(op, s));

describe('OpenAPI documents (npm start)', () => {
  let platform: RunningPlatform;
  const ops: Op[] = [];

  beforeAll(async () => {
    platform = await startPlatform(offset);
    for (const s of services) {
      const doc = (await (await fetch(`http://127.0.0.1:${s.port}/docs/openapi.json`)).json()) as {
        paths: Record<string, Record<string, Operation>>;
      };
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          const m = method.toUpperCase();
          ops.push({ key: keyed({ ...postKinds, ...raises }, s.name, m, path), service: s.name, method: m, path, op });
        }
      }
    }
  }, 200_000);

  afterAll(async () => {
    await platform?.stop('SIGINT');
  });

  it('every operation is classified: its kind (POSTs) and the refusals its use case can raise', () => {
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.filter((o) => o.method === 'POST' && !postKinds[o.key]).map((o) => `${o.service} ${o.key}`)).toEqual([]);
    expect(ops.filter((o) => !raises[o.key]).map((o) => `${o.service} ${o.key}`)).toEqual([]);
  });

  it('every operation documents one success code by the convention, with a schema for its body', () => {
    const violations: string[] = [];
    for (const o of ops) {
      const name = `${o.service} ${o.method} ${o.path}`;
      const successes = Object.keys(o.op.responses).filter((s) => s.startsWith('2'));
      if (successes.join() !== successOf(o)) violations.push(`${name}: success ${successes.join() || 'none'}, expected ${successOf(o)}`);
      const content = o.op.responses[successes[0] ?? '']?.content ?? {};
      // JSON, except the routes that answer a text format by nature: metrics (Prometheus text), a server-sent event
      // stream, the HTML page of an acknowledgment link.
      const media = textRoutes[`${o.method} ${o.path}`] ?? 'application/json';
      const schema = content[media]?.schema;
      if (!schema || !(schema.type || schema.properties || schema.items))
        violations.push(`${name}: no ${media} schema for ${successes[0] ?? 'success'}`);
      if (schema?.type === 'object' && !schema.properties) violations.push(`${name}: object schema without properties`);
    }
    expect(violations).toEqual([]);
  });

  it('every error response is application/problem+json with its problem types and status', () => {
    const violations: string[] = [];
    for (const o of ops) {
      for (const [status, response] of Object.entries(o.op.responses).filter(([s]) => Number(s) >= 400)) {
        const name = `${o.service} ${o.method} ${o.path} ${status}`;
        const schema = response.content?.['application/problem+json']?.schema;
        if (!schema) {
          violations.push(`${name}: not documented as application/problem+json`);
          continue;
        }
        const types = documentedTypes(o.op, status);
        if (types.length === 0 || types.some((t) => !t.startsWith(problemTypeBase)))
          violations.push(`${name}: type enum ${JSON.stringify(types)}`);
        if (JSON.stringify(schema.properties?.['status']?.enum) !== `[${status}]`)
          violations.push(`${name}: status enum ${JSON.stringify(schema.properties?.['status']?.enum)}`);
        if (!['type', 'title', 'status'].every((f) => schema.required?.includes(f)))
          violations.push(`${name}: type, title and status are not all required`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('every secured operation documents 400 (when it takes input), 401, 403, 429, 500 and 503, and each refusal its code path can raise', () => {
    const violations: string[] = [];
    const need = (o: Op, status: string, slugs: string[]) => {
      const missing = slugs.filter((s) => !slugsAt(o.op, status).includes(s));
      if (missing.length > 0) violations.push(`${o.service} ${o.method} ${o.path}: ${status} lacks ${missing.join(', ')}`);
    };
    for (const o of ops) {
      need(o, '500', ['internal-error']);
      if (o.op['x-linkages-policy']?.kind === 'permission') {
        need(o, '401', ['unauthenticated', 'invalid-token']);
        need(o, '403', ['forbidden']);
        need(o, '429', ['too-many-requests']);
        need(o, '503', ['dependency-unavailable']);
      }
      if (o.op.requestBody || (o.op.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query')) need(o, '400', ['validation']);
      if (o.op.requestBody) need(o, '400', ['malformed-json']);
      if ((o.op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        need(o, '400', ['idempotency-key-required']);
        need(o, '409', ['idempotency-key-in-use']);
        need(o, '422', ['idempotency-key-reused']);
      }
      const documented = allDocumentedSlugs(o.op);
      const missing = (raises[o.key] ?? []).filter((s) => !documented.includes(s));
      if (missing.length > 0) violations.push(`${o.service} ${o.method} ${o.path}: does not document ${missing.join(', ')}`);
    }
    expect(violations).toEqual([]);
    // The two the issue names, at their statuses.
    const screening = ops.find((o) => o.key === 'child-welfare POST /referrals/{referralId}/screening')!;
    expect(slugsAt(screening.op, '422')).toContain('ab-2085-poverty-is-not-neglect');
    expect(slugsAt(screening.op, '409')).toContain('impossible-sequence');
  });

  it('the answers the services give are the ones documented: success bodies parse with the response schemas, problems are of a documented type and title', async () => {
    const cws = ops.filter((o) => o.service === 'child-welfare');
    const opOf = (method: string, path: string) => cws.find((o) => o.method === method && o.path === path)!.op;
    const worker = await devToken('cws-worker');
    const calworks = await devToken('calworks-worker');
    const call = async (
      method: string,
      path: string,
      opts: { body?: unknown; raw?: string; token?: string | null; key?: boolean } = {},
    ) => {
      const res = await fetch(platform.url('child-welfare', path), {
        method,
        headers: {
          ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? worker}` }),
          ...(opts.body !== undefined || opts.raw !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(method === 'POST' && opts.key !== false ? { 'idempotency-key': randomUUID() } : {}),
        },
        ...(opts.raw !== undefined ? { body: opts.raw } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
    };
    const problems: string[] = [];
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    /** A success body checked against the schema the document publishes for it. */
    const expectBody = (name: string, op: Operation, answer: Awaited<ReturnType<typeof call>>, status: number) => {
      if (answer.status !== status)
        return problems.push(`${name}: answered ${answer.status}, expected ${status}: ${JSON.stringify(answer.body)}`);
      const validate = ajv.compile(op.responses[String(status)]!.content!['application/json']!.schema!);
      if (!validate(answer.body)) problems.push(`${name}: the body does not match its schema: ${ajv.errorsText(validate.errors)}`);
      return undefined;
    };
    const expectDocumented = (name: string, op: Operation, answer: Awaited<ReturnType<typeof call>>, expectedSlug: string) => {
      const status = String(answer.status);
      const type = String(answer.body['type']);
      const schema = op.responses[status]?.content?.['application/problem+json']?.schema;
      if (!answer.type.includes('application/problem+json')) problems.push(`${name}: answered ${answer.type}`);
      if (type !== `${problemTypeBase}${expectedSlug}`) problems.push(`${name}: answered ${status} ${type}, expected ${expectedSlug}`);
      if (!documentedTypes(op, status).includes(type)) problems.push(`${name}: ${status} ${type} is not documented`);
      if (!(schema?.properties?.['title']?.enum ?? []).includes(answer.body['title']))
        problems.push(`${name}: title ${String(answer.body['title'])} is not documented`);
    };

    const familyPath = ['POST', '/families'] as const;
    const created = await call(...familyPath, {
      body: {
        members: [
          { role: 'parent', firstName: 'Doc', lastName: 'Parent', dateOfBirth: '1990-01-01' },
          { role: 'child', firstName: 'Doc', lastName: 'Child', dateOfBirth: '2019-02-03' },
        ],
      },
    });
    expectBody('create family', opOf(...familyPath), created, 201);
    const family = created.body as { id: string; members: { personId: string; role: string }[] };
    const child = family.members.find((m) => m.role === 'child')!.personId;
    const referral = await call('POST', '/referrals', {
      body: { familyId: family.id, receivedAt: '2026-10-01T08:00:00-07:00', allegations: [{ type: 'general-neglect', childId: child }] },
    });
    expectBody('create referral', opOf('POST', '/referrals'), referral, 201);
    const referralId = String(referral.body['id']);
    expectBody('read referral', opOf('GET', '/referrals/{referralId}'), await call('GET', `/referrals/${referralId}`), 200);

    const screeningPath = '/referrals/{referralId}/screening';
    const screening = {
      decision: 'accepted',
      responsePriority: '10-day',
      reason: 'Only poverty',
      povertyOnly: true,
      decidedAt: '2026-10-01T09:00:00-07:00',
    };
    expectDocumented(
      'AB 2085',
      opOf('POST', screeningPath),
      await call('POST', `/referrals/${referralId}/screening`, { body: screening }),
      'ab-2085-poverty-is-not-neglect',
    );
    expectDocumented(
      'contact before acceptance',
      opOf('POST', '/referrals/{referralId}/contacts'),
      await call('POST', `/referrals/${referralId}/contacts`, { body: { madeAt: '2026-10-02T10:00:00-07:00' } }),
      'impossible-sequence',
    );
    expectDocumented(
      'unknown referral',
      opOf('POST', screeningPath),
      await call('POST', `/referrals/${randomUUID()}/screening`, { body: screening }),
      'not-found',
    );
    expectDocumented(
      'not a uuid',
      opOf('POST', screeningPath),
      await call('POST', '/referrals/nope/screening', { body: screening }),
      'validation',
    );
    expectDocumented('invalid body', opOf(...familyPath), await call(...familyPath, { body: { members: [] } }), 'validation');
    expectDocumented('malformed JSON', opOf(...familyPath), await call(...familyPath, { raw: '{"members": [' }), 'malformed-json');
    expectDocumented(
      'no idempotency key',
      opOf(...familyPath),
      await call(...familyPath, { body: { members: [] }, key: false }),
      'idempotency-key-required',
    );
    expectDocumented('no token', opOf(...familyPath), await call(...familyPath, { body: {}, token: null }), 'unauthenticated');
    expectDocumented(
      'bad token',
      opOf(...familyPath),
      await call(...familyPath, { body: {}, token: `${worker.slice(0, -4)}AAAA` }),
      'invalid-token',
    );
    expectDocumented('missing permission', opOf(...familyPath), await call(...familyPath, { body: {}, token: calworks }), 'forbidden');
    const screened = await call('POST', `/referrals/${referralId}/screening`, {
      body: { decision: 'evaluated-out', reason: 'Referred to CalWORKs', povertyOnly: true, decidedAt: '2026-10-01T09:00:00-07:00' },
    });
    expectBody('screen referral (a command: 200)', opOf('POST', screeningPath), screened, 200);
    expect(problems).toEqual([]);
  }, 60_000);

  it('CalWORKs answers as documented: the AU, the WTW participant, the noncompliance episode and the FR review list parse with their schemas; refusals are of their documented types', async () => {
    const opOf = (method: string, path: string) => ops.find((o) => o.service === 'calworks' && o.method === method && o.path === path)!.op;
    const token = await devToken('calworks-worker');
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(platform.url('calworks', path), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const answers: unknown[] = [];
    const expected: unknown[] = [];
    const check = (name: string, op: Operation, answer: Awaited<ReturnType<typeof call>>, status: number) => {
      const schema = op.responses[String(status)]?.content?.[status < 300 ? 'application/json' : 'application/problem+json']?.schema;
      const validate = schema && ajv.compile(schema);
      const valid = validate ? validate(answer.body) || ajv.errorsText(validate.errors) : `no schema documented for ${status}`;
      answers.push({ name, status: answer.status, valid });
      expected.push({ name, status, valid: true });
      return answer.body;
    };
    const member = { firstName: 'Doc', lastName: 'Applicant', dateOfBirth: '1990-01-01', needy: true, aided: true };
    const au = {
      caseNumber: `CW-DOC-${randomUUID().slice(0, 8)}`,
      aidedStatus: 'aided',
      aidedFrom: '2026-01-01',
      members: [{ role: 'applicant', ...member, ssn: '219-09-9999' }],
    };
    const created = check('create AU', opOf('POST', '/assistance-units'), await call('POST', '/assistance-units', au), 201);
    const auId = String(created['id']);
    check('read AU', opOf('GET', '/assistance-units/{auId}'), await call('GET', `/assistance-units/${auId}`), 200);
    const taken = check('same case number', opOf('POST', '/assistance-units'), await call('POST', '/assistance-units', au), 409);
    const memberId = (created['members'] as { memberId: string }[])[0]!.memberId;
    const enrollPath = '/assistance-units/{auId}/wtw-participants';
    const enrolled = await call('POST', `/assistance-units/${auId}/wtw-participants`, { memberId, enrolledOn: '2026-02-01' });
    const participant = check('enroll (a create: 201)', opOf('POST', enrollPath), enrolled, 201);
    const view = await call('GET', `/wtw-participants/${String(participant['id'])}`);
    check('read participant', opOf('GET', '/wtw-participants/{participantId}'), view, 200);
    const again = await call('POST', `/assistance-units/${auId}/wtw-participants`, { memberId, enrolledOn: '2026-02-01' });
    const refused = check('enroll twice', opOf('POST', enrollPath), again, 409);
    // The sanction process: an episode opened (201), read alone and in the participant's list, a ground that is none (409).
    const participantId = String(participant['id']);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
    const episodesPath = '/wtw-participants/{participantId}/noncompliance-episodes';
    const notice = { noticeForm: 'NA 840', noticeIssuedOn: today, reason: 'activity-not-attended' };
    const opened = await call('POST', `/wtw-participants/${participantId}/noncompliance-episodes`, notice);
    const episodeId = String(check('open episode', opOf('POST', episodesPath), opened, 201)['episodeId']);
    const episode = await call('GET', `/noncompliance-episodes/${episodeId}`);
    check('read episode', opOf('GET', '/noncompliance-episodes/{episodeId}'), episode, 200);
    check('list episodes', opOf('GET', episodesPath), await call('GET', `/wtw-participants/${participantId}/noncompliance-episodes`), 200);
    const overslept = await call('POST', `/noncompliance-episodes/${episodeId}/good-cause`, { ground: 'overslept', determinedOn: today });
    const noGround = check('no such ground', opOf('POST', '/noncompliance-episodes/{episodeId}/good-cause'), overslept, 409);
    check('FR review list', opOf('GET', '/fr-review-list'), await call('GET', '/fr-review-list'), 200);
    expect(answers).toEqual(expected);
    expect([taken['type'], refused['type'], noGround['type']]).toEqual(
      ['case-number-in-use', 'impossible-sequence', 'impossible-sequence'].map((slug) => `${problemTypeBase}${slug}`),
    );
  }, 60_000);
});
