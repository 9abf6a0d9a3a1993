// Every boundary in eslint.config.mjs rejects a deliberate violation, and lets the neighbouring legal import through,
// so a constraint cannot silently become decorative (issue 10, item 2). Each case is one import line in a fixture whose
// path lies inside a real project's src (the Nx rule finds the importing project by path), linted from memory with the
// workspace's own config by tools/boundaries/lint-fixtures.mjs: ESLint loads its flat config with import(), which Jest's
// runtime refuses, so it runs in its own Node process; nothing is written into the tree (see that file for why).
//
// Not covered, deliberately: a refused import of type:testing. Every lib a testing lib must not import (the composition
// root, a feature) already reaches the testing libs through test files, so that import is refused as a circular
// dependency before the type constraint is consulted; the constraint is still in the table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';

const root = repoRoot();
const FIXTURE = '__boundary-fixture__';
const NX_RULE = '@nx/enforce-module-boundaries';
const IMPORTS_RULE = 'no-restricted-imports';

type Verdict = { allowed: true } | { allowed: false; ruleId: string; message: string };
const allowed: Verdict = { allowed: true };
/** Refused by an Nx type constraint: the message names the importing project's type tag. */
const type = (sourceType: string): Verdict => ({
  allowed: false,
  ruleId: NX_RULE,
  message: `A project tagged with "type:${sourceType}" can only depend on libs tagged with `,
});
/** Refused by an Nx scope constraint: the message names the importing project's scope tag. */
const scope = (sourceScope: string): Verdict => ({
  allowed: false,
  ruleId: NX_RULE,
  message: `A project tagged with "scope:${sourceScope}" can only depend on libs tagged with `,
});
const crossProjectPath: Verdict = {
  allowed: false,
  ruleId: NX_RULE,
  message: 'Projects cannot be imported by a relative or absolute path, and must begin with a npm scope',
};
/** Refused by no-restricted-imports with its message (the bans are per file group, see eslint.config.mjs). */
const banned = (message: string): Verdict => ({ allowed: false, ruleId: IMPORTS_RULE, message });
const KAFKA = banned('kafkajs is wrapped once, in libs/platform/messaging');
const WORKER = banned('@temporalio/worker belongs to libs/platform/temporal');
const DOMAIN_IO = banned('Domain code is deterministic: do I/O in an activity.');
const DOMAIN_TEMPORAL = banned('Domain code uses @temporalio/workflow at most');
const DOMAIN_NEST = banned('Domain code is plain TypeScript');
const WORKFLOW_IO = banned('Workflow code is deterministic: do I/O in an activity.');
const WORKFLOW_TEMPORAL = banned('Workflow code uses @temporalio/workflow at most');
const CONSOLE_NODE = banned('The console runs in a browser: it has no Node built-ins.');
const CONSOLE_SERVER = banned('The console talks to the services’ public HTTP APIs only');

interface Case {
  constraint: string;
  /** The fixture file, relative to the repository root: a production file, or a test file (`.spec-helper.ts`). */
  file: string;
  from: string;
  /** `import type`, to show a type-only import is refused as well. */
  typeOnly?: boolean;
  expect: Verdict;
}

const at = (dir: string, test = false) => `${dir}/${FIXTURE}${test ? '.spec-helper' : ''}.ts`;
const cwDomain = at('libs/child-welfare/domain/src/lib');
const cwDomainTest = at('libs/child-welfare/domain/src/lib', true);
const engine = at('libs/platform/deadlines/engine/src/lib');
const access = at('libs/platform/access/src/lib');
const platformWorkflows = at('libs/platform/workflows/src/lib');
const referralsFeature = at('libs/referrals/feature/src/lib');
const referralsFeatureTest = at('libs/referrals/feature/src/lib', true);
const composition = at('libs/platform/service/src/lib');
const http = at('libs/platform/http/src/lib');
const httpTest = at('libs/platform/http/src/lib', true);
const activities = at('libs/platform/deadlines/activities/src/lib');
const messaging = at('libs/platform/messaging/src/lib');
const temporal = at('libs/platform/temporal/src/lib');
const temporalTest = at('libs/platform/temporal/src/lib', true);
const platformTesting = at('libs/platform/testing/src/lib');
const deadlineTesting = at('libs/platform/deadlines/testing/src/lib');
const contracts = at('libs/shared/contracts/src/lib');
const util = at('libs/platform/config/src/lib');
const app = at('apps/referrals/src');
const webConsole = at('apps/console/src');
const e2eTest = at('apps/platform-e2e/src', true);

const cases: Case[] = [
  // type:domain → domain, contracts, util; the domain sandbox (no Node, no I/O packages, no Temporal runtime, no Nest)
  { constraint: 'domain imports no data-access', file: cwDomain, from: '@linkages/platform-persistence', expect: type('domain') },
  { constraint: 'domain imports no runtime', file: cwDomain, from: '@linkages/platform-http', expect: type('domain') },
  { constraint: 'domain imports domain (the deadline engine)', file: cwDomain, from: '@linkages/platform-deadlines', expect: allowed },
  { constraint: 'domain imports contracts', file: cwDomain, from: '@linkages/shared-contracts', expect: allowed },
  { constraint: 'a domain imports no other domain', file: cwDomain, from: '@linkages/referrals-domain', expect: scope('child-welfare') },
  { constraint: 'domain sandbox: no typeorm', file: cwDomain, from: 'typeorm', expect: DOMAIN_IO },
  { constraint: 'domain sandbox: no node:fs', file: cwDomain, from: 'node:fs', expect: DOMAIN_IO },
  { constraint: 'domain sandbox: no fs', file: cwDomain, from: 'fs', expect: DOMAIN_IO },
  { constraint: 'domain sandbox: no @nestjs/common', file: cwDomain, from: '@nestjs/common', expect: DOMAIN_NEST },
  { constraint: 'domain sandbox: no kafkajs (sandbox list holds the global ban)', file: cwDomain, from: 'kafkajs', expect: DOMAIN_IO },
  { constraint: 'domain sandbox: no @temporalio/worker', file: cwDomain, from: '@temporalio/worker', expect: DOMAIN_TEMPORAL },
  { constraint: 'domain sandbox: a plain library is fine', file: cwDomain, from: 'luxon', expect: allowed },
  { constraint: 'domain tests may use the testing libs', file: cwDomainTest, from: '@linkages/platform-testing', expect: allowed },
  { constraint: 'domain tests are outside the sandbox', file: cwDomainTest, from: 'node:fs', expect: allowed },
  { constraint: 'engine sandbox: no node:fs', file: engine, from: 'node:fs', expect: DOMAIN_IO },
  { constraint: 'engine sandbox: no @nestjs/common', file: engine, from: '@nestjs/common', expect: DOMAIN_NEST },
  { constraint: 'platform-access is left out of the sandbox (it hashes)', file: access, from: 'node:crypto', expect: allowed },
  { constraint: 'platform-access keeps the global kafkajs ban', file: access, from: 'kafkajs', expect: KAFKA },

  // type:workflows → workflows, domain, contracts, util; the workflow sandbox
  {
    constraint: 'workflows import no data-access',
    file: platformWorkflows,
    from: '@linkages/platform-persistence',
    expect: type('workflows'),
  },
  { constraint: 'workflows import domain', file: platformWorkflows, from: '@linkages/platform-deadlines', expect: allowed },
  { constraint: 'workflow sandbox: no node:fs', file: platformWorkflows, from: 'node:fs', expect: WORKFLOW_IO },
  {
    constraint: 'workflow sandbox: no @temporalio/activity',
    file: platformWorkflows,
    from: '@temporalio/activity',
    expect: WORKFLOW_TEMPORAL,
  },
  { constraint: 'workflow sandbox: no @temporalio/worker', file: platformWorkflows, from: '@temporalio/worker', expect: WORKFLOW_TEMPORAL },
  { constraint: 'workflow sandbox: no kafkajs', file: platformWorkflows, from: 'kafkajs', expect: WORKFLOW_IO },
  { constraint: 'workflow sandbox: @temporalio/workflow is fine', file: platformWorkflows, from: '@temporalio/workflow', expect: allowed },

  // type:feature → runtime, data-access, domain, workflows, activities, contracts, util; each domain → itself, platform, shared
  {
    constraint: 'a feature imports no other feature',
    file: referralsFeature,
    from: '@linkages/child-welfare-feature',
    expect: type('feature'),
  },
  {
    constraint: "a feature imports no other domain's domain",
    file: referralsFeature,
    from: '@linkages/child-welfare-domain',
    expect: scope('referrals'),
  },
  {
    constraint: "a feature imports no other domain's data-access",
    file: referralsFeature,
    from: '@linkages/child-welfare-data-access',
    expect: scope('referrals'),
  },
  {
    constraint: 'only apps import the composition root (feature)',
    file: referralsFeature,
    from: '@linkages/platform-service',
    expect: type('feature'),
  },
  { constraint: 'a feature imports its own domain', file: referralsFeature, from: '@linkages/referrals-domain', expect: allowed },
  { constraint: 'a feature imports its own data-access', file: referralsFeature, from: '@linkages/referrals-data-access', expect: allowed },
  {
    constraint: "a feature imports a workflow's messages",
    file: referralsFeature,
    from: '@linkages/platform-deadline-workflows',
    expect: allowed,
  },
  { constraint: 'a feature imports runtime', file: referralsFeature, from: '@linkages/platform-deadline-tracking', expect: allowed },
  { constraint: 'kafkajs only in messaging (feature)', file: referralsFeature, from: 'kafkajs', expect: KAFKA },
  { constraint: '@temporalio/worker only in temporal (feature)', file: referralsFeature, from: '@temporalio/worker', expect: WORKER },
  {
    constraint: 'test files do not open the composition root',
    file: referralsFeatureTest,
    from: '@linkages/platform-service',
    expect: type('feature'),
  },
  { constraint: 'feature tests may use the testing libs', file: referralsFeatureTest, from: '@linkages/platform-testing', expect: allowed },
  { constraint: 'test files may use kafkajs', file: referralsFeatureTest, from: 'kafkajs', expect: allowed },
  { constraint: 'test files may use @temporalio/worker', file: referralsFeatureTest, from: '@temporalio/worker', expect: allowed },

  // type:composition → everything but feature (and app, e2e, testing)
  {
    constraint: 'the composition root imports no feature',
    file: composition,
    from: '@linkages/referrals-feature',
    expect: type('composition'),
  },
  { constraint: 'the composition root imports runtime', file: composition, from: '@linkages/platform-http', expect: allowed },

  // type:runtime → runtime, data-access, domain, workflows, contracts, util; scope:platform → platform, shared
  { constraint: 'runtime imports no activities', file: http, from: '@linkages/platform-deadline-activities', expect: type('runtime') },
  { constraint: 'runtime imports workflows', file: http, from: '@linkages/platform-deadline-workflows', expect: allowed },
  { constraint: 'runtime imports data-access', file: http, from: '@linkages/platform-persistence', expect: allowed },
  { constraint: 'platform code imports no domain scope', file: http, from: '@linkages/referrals-domain', expect: scope('platform') },
  {
    constraint: "platform tests may use a domain's domain lib as a fixture",
    file: httpTest,
    from: '@linkages/referrals-domain',
    expect: allowed,
  },
  {
    constraint: "platform tests may not use a domain's data-access",
    file: httpTest,
    from: '@linkages/referrals-data-access',
    expect: scope('platform'),
  },

  // type:activities → runtime, data-access, domain, contracts, util
  { constraint: 'activities import no workflows', file: activities, from: '@linkages/platform-workflows', expect: type('activities') },
  { constraint: 'activities import data-access', file: activities, from: '@linkages/platform-persistence', expect: allowed },
  {
    constraint: 'activities import runtime (TrackedDeadlines to open clocks)',
    file: activities,
    from: '@linkages/platform-auth',
    expect: allowed,
  },
  { constraint: '@temporalio/worker only in temporal (activities)', file: activities, from: '@temporalio/worker', expect: WORKER },

  // type:data-access → data-access, domain, contracts, util; kafkajs lives in messaging, the worker in temporal
  { constraint: 'data-access imports no runtime', file: messaging, from: '@linkages/platform-auth', expect: type('data-access') },
  { constraint: 'data-access imports data-access', file: messaging, from: '@linkages/platform-persistence', expect: allowed },
  { constraint: 'messaging may use kafkajs', file: messaging, from: 'kafkajs', expect: allowed },
  { constraint: "messaging's list still bans @temporalio/worker", file: messaging, from: '@temporalio/worker', expect: WORKER },
  { constraint: 'temporal may use @temporalio/worker', file: temporal, from: '@temporalio/worker', expect: allowed },
  { constraint: 'kafkajs only in messaging, type imports too', file: temporal, from: 'kafkajs', typeOnly: true, expect: KAFKA },
  { constraint: 'test files may use kafkajs (temporal)', file: temporalTest, from: 'kafkajs', expect: allowed },
  { constraint: 'platform-testing may use @temporalio/worker', file: platformTesting, from: '@temporalio/worker', expect: allowed },
  { constraint: "platform-testing's list still bans kafkajs", file: platformTesting, from: 'kafkajs', expect: KAFKA },
  { constraint: 'deadline testing may use @temporalio/worker', file: deadlineTesting, from: '@temporalio/worker', expect: allowed },

  // type:contracts → contracts, util; type:util → util; scope:shared → shared
  { constraint: 'contracts import no domain', file: contracts, from: '@linkages/platform-access', expect: type('contracts') },
  { constraint: 'shared imports no platform', file: contracts, from: '@linkages/platform-config', expect: scope('shared') },
  { constraint: 'util imports no contracts', file: util, from: '@linkages/shared-contracts', expect: type('util') },
  { constraint: 'util imports util', file: util, from: '@linkages/platform-logging', expect: allowed },

  // type:app → everything but testing and e2e; apps import no app
  { constraint: 'an app imports the composition root', file: app, from: '@linkages/platform-service', expect: allowed },
  { constraint: 'an app imports its feature', file: app, from: '@linkages/referrals-feature', expect: allowed },
  { constraint: 'an app imports no other app', file: app, from: '../../calworks/src/service', expect: crossProjectPath },
  {
    constraint: "an app imports no other domain's feature",
    file: app,
    from: '@linkages/child-welfare-feature',
    expect: scope('referrals'),
  },
  { constraint: 'production app code imports no testing lib', file: app, from: '@linkages/platform-testing', expect: type('app') },
  { constraint: 'kafkajs only in messaging (app)', file: app, from: 'kafkajs', expect: KAFKA },
  { constraint: '@temporalio/worker only in temporal (app)', file: app, from: '@temporalio/worker', expect: WORKER },

  // scope:console (the web console) talks to the services over HTTP: shared contracts only, no server code
  { constraint: 'the console imports no platform lib', file: webConsole, from: '@linkages/platform-http', expect: scope('console') },
  { constraint: 'the console imports no domain lib', file: webConsole, from: '@linkages/notifications-domain', expect: scope('console') },
  { constraint: 'the console may share the contracts', file: webConsole, from: '@linkages/shared-contracts', expect: allowed },
  { constraint: 'the console has no Node built-ins', file: webConsole, from: 'node:fs', expect: CONSOLE_NODE },
  { constraint: 'the console imports no server package', file: webConsole, from: '@nestjs/common', expect: CONSOLE_SERVER },

  // type:e2e drives the apps from outside; scope:e2e may reach every scope
  { constraint: 'only apps import the composition root (e2e)', file: e2eTest, from: '@linkages/platform-service', expect: type('e2e') },
  { constraint: 'e2e reaches any domain scope', file: e2eTest, from: '@linkages/referrals-domain', expect: allowed },
  { constraint: 'e2e imports workflows', file: e2eTest, from: '@linkages/platform-deadline-workflows', expect: allowed },
];

/** One fixture file per path; the import of case i of that file is on line i + 1. */
const fixtures = [...new Set(cases.map((c) => c.file))].map((file) => {
  const own = cases.filter((c) => c.file === file);
  const code = own.map((c, i) => `import ${c.typeOnly ? 'type ' : ''}* as _m${i} from '${c.from}';\n`).join('');
  return { file, code, lineOf: (c: Case) => own.indexOf(c) + 1 };
});

interface LintMessage {
  line: number;
  ruleId: string | null;
  message: string;
  fatal: boolean;
}
let results = new Map<string, LintMessage[]>();
let seconds = 0;

beforeAll(() => {
  const started = Date.now();
  // A fixture path names an existing project folder: when a project moves, move its fixtures with it.
  const missing = fixtures.map(({ file }) => dirname(file)).filter((dir) => !existsSync(join(root, dir)));
  if (missing.length) throw new Error(`fixture folders that do not exist: ${[...new Set(missing)].join(', ')}`);
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  // @nx/enforce-module-boundaries reads the cached project graph (and skips itself without one): compute it now.
  execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const run = spawnSync(process.execPath, [join(root, 'tools', 'boundaries', 'lint-fixtures.mjs')], {
    cwd: root,
    env,
    input: JSON.stringify(fixtures.map(({ file, code }) => ({ filePath: file, code }))),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`lint-fixtures.mjs exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  const parsed = JSON.parse(run.stdout) as Array<{ filePath: string; messages: LintMessage[] }>;
  results = new Map(parsed.map((r) => [r.filePath, r.messages]));
  seconds = (Date.now() - started) / 1000;
}, 120_000);

afterAll(() => {
  console.log(`module boundaries: ${cases.length} imports in ${fixtures.length} fixtures linted in ${seconds.toFixed(1)}s`);
});

describe('module boundaries (eslint.config.mjs)', () => {
  it('linted every fixture: parsed, none ignored by the config', () => {
    for (const { file } of fixtures) {
      const messages = results.get(file);
      expect({ file, linted: messages !== undefined }).toEqual({ file, linted: true });
      // A parse error is fatal; "File ignored" is a warning without a rule id.
      expect({ file, problems: messages!.filter((m) => m.fatal || m.ruleId === null) }).toEqual({ file, problems: [] });
    }
  });

  it.each(cases.map((c) => [c.constraint, c] as const))('%s', (_name, c) => {
    const fixture = fixtures.find((f) => f.file === c.file)!;
    const line = fixture.lineOf(c);
    const onLine = (results.get(c.file) ?? []).filter((m) => m.line === line && (m.ruleId === NX_RULE || m.ruleId === IMPORTS_RULE));
    const where = `${c.file}:${line} import ${c.typeOnly ? 'type ' : ''}'${c.from}'`;
    if (c.expect.allowed) {
      expect({ where, refusals: onLine.map((m) => `${m.ruleId}: ${m.message}`) }).toEqual({ where, refusals: [] });
    } else {
      const { ruleId, message } = c.expect;
      // Exactly the expected refusal: the right rule, the right constraint's message, nothing else on that line.
      expect({ where, refusals: onLine.map((m) => ({ ruleId: m.ruleId, message: m.message })) }).toEqual({
        where,
        refusals: [{ ruleId, message: expect.stringContaining(message) }],
      });
    }
  });
});
