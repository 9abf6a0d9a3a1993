// Lint for the whole workspace: Nx module boundaries with real scope/type constraints (STYLE.md 2), type-aware
// promise rules everywhere (STYLE.md 15), and a sandbox for workflow code and pure domain code (STYLE.md 7).
// apps/platform-e2e/src/module-boundaries.spec.ts lints a deliberate violation of each constraint below (and a legal
// import beside it), so none can silently become decorative: change a rule here and that test says what it lets through.
import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

const t = (...types) => types.map((type) => `type:${type}`);

/**
 * Which project types each type may import (production code). Read it top down: an app composes everything; the
 * composition root (libs/platform/service) is imported by apps only and never imports a feature; a feature never
 * imports another feature; workflows and domain code stay pure (the sandbox rules below add the package bans).
 */
const typeRules = {
  'type:app': t('composition', 'feature', 'runtime', 'data-access', 'domain', 'workflows', 'activities', 'contracts', 'util'),
  'type:composition': t('runtime', 'data-access', 'domain', 'workflows', 'activities', 'contracts', 'util'),
  // A feature may import a workflows lib: a client needs the workflow's messages (updates, queries).
  'type:feature': t('runtime', 'data-access', 'domain', 'workflows', 'activities', 'contracts', 'util'),
  'type:runtime': t('runtime', 'data-access', 'domain', 'workflows', 'contracts', 'util'),
  // Activities write through the outbox and open clocks (TrackedDeadlines is runtime) in their own transaction.
  'type:activities': t('runtime', 'data-access', 'domain', 'contracts', 'util'),
  'type:data-access': t('data-access', 'domain', 'contracts', 'util'),
  'type:workflows': t('workflows', 'domain', 'contracts', 'util'),
  'type:domain': t('domain', 'contracts', 'util'),
  'type:contracts': t('contracts', 'util'),
  'type:util': t('util'),
  'type:testing': t('testing', 'data-access', 'domain', 'workflows', 'activities', 'runtime', 'contracts', 'util'),
  // End-to-end code drives the apps from outside: never through the composition root or a feature.
  'type:e2e': t('testing', 'util', 'contracts', 'domain', 'runtime', 'data-access', 'workflows'),
};

/** Test files may also wire real parts together: testing helpers, clients, activities, workflows, runtime. */
const typesForTests = t('testing', 'data-access', 'activities', 'workflows', 'domain', 'runtime');

/** A domain scope reaches another domain only through shared contracts, never through its code. */
const domainScopes = ['referrals', 'calworks', 'child-welfare', 'notifications'];
const scopeRules = {
  // The web console talks to the services over HTTP only: it may share their contracts, never their code.
  'scope:console': ['scope:console', 'scope:shared'],
  'scope:platform': ['scope:platform', 'scope:shared'],
  'scope:shared': ['scope:shared'],
  'scope:e2e': ['scope:platform', 'scope:shared', 'scope:e2e', ...domainScopes.map((s) => `scope:${s}`)],
  ...Object.fromEntries(domainScopes.map((s) => [`scope:${s}`, [`scope:${s}`, 'scope:platform', 'scope:shared']])),
};

/**
 * Platform tests may use the domains' real rule catalogs as fixtures. Nx's onlyDependOnLibsWithTags passes when the
 * target has ANY of the tags, so adding `type:domain` to the platform scope's list admits exactly the domain libs of
 * every scope (a domain's data-access or feature still has neither scope:platform, scope:shared nor type:domain).
 * Only the test-file constraints get it; production platform code stays out of the domains.
 */
const scopeRulesForTests = { ...scopeRules, 'scope:platform': [...scopeRules['scope:platform'], 'type:domain'] };

/**
 * Type constraints first, then scope: Nx checks every constraint whose sourceTag the project has, and reports the first
 * one an import breaks. So an import that breaks both (a feature importing another domain's feature) reads as the type
 * violation; the scope rules show on imports whose type is allowed (a domain importing another domain's domain).
 */
const boundaries = (typeExtra, scopes) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    banTransitiveDependencies: false,
    depConstraints: [
      ...Object.entries(typeRules).map(([sourceTag, allowed]) => ({
        sourceTag,
        onlyDependOnLibsWithTags: [...new Set([...allowed, ...typeExtra])],
      })),
      ...Object.entries(scopes).map(([sourceTag, allowed]) => ({ sourceTag, onlyDependOnLibsWithTags: allowed })),
    ],
  },
];

const testFiles = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/*.spec-helper.ts'];

// --- Restricted packages -------------------------------------------------------------------------------------------
// In flat config a later config object that sets `no-restricted-imports` for a file REPLACES the options of an earlier
// one; it does not add to them. So every file group below gets ONE complete option list, and the groups are disjoint
// (the catch-all ignores the others), so a file's bans never depend on the order of the objects.
/** A package (or a whole npm scope such as `@nestjs`) and its subpaths, matched exactly: `pg` is not `pg-protocol`. */
const pkg = (name) => `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/.*)?$`;
const pattern = (names, message) => ({ regex: names.map((n) => `(?:${pkg(n)})`).join('|'), caseSensitive: true, message });
const builtins = (message) => [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({ name, message }));
const restricted = ({ paths = [], patterns = [] }) => ['error', { paths, patterns }];

const kafkaOnlyInMessaging = pattern(
  ['kafkajs'],
  'kafkajs is wrapped once, in libs/platform/messaging (STYLE.md 6): use its producer, consumer and MessagingHost.',
);
const workerOnlyInTemporal = pattern(
  ['@temporalio/worker'],
  '@temporalio/worker belongs to libs/platform/temporal (and the testing libs and tests): a service asks platform-temporal for its worker.',
);
/** Temporal's deterministic sandbox (STYLE.md 7): no Node built-ins, no clients or activity code, no I/O packages. */
const sandbox = (who, extra = []) =>
  restricted({
    paths: builtins(`${who} is deterministic: do I/O in an activity.`),
    patterns: [
      pattern(
        ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
        `${who} uses @temporalio/workflow at most; import activities as types.`,
      ),
      pattern(['typeorm', 'kafkajs', 'pg', 'pino'], `${who} is deterministic: do I/O in an activity.`),
      ...extra,
    ],
  });

const consoleFiles = ['apps/console/**/*.ts', 'apps/console/**/*.tsx'];
const messagingFiles = ['libs/platform/messaging/**/*.ts'];
const temporalFiles = ['libs/platform/temporal/**/*.ts', 'libs/platform/testing/**/*.ts', 'libs/platform/deadlines/testing/**/*.ts'];
const workflowFiles = ['libs/**/workflows/src/**/*.ts', 'apps/*/src/workflows.ts'];
// Pure domain code: the domains' domain libs and the deadline engine. libs/platform/access is type:domain too but hashes
// with node:crypto (a Node built-in), so it is deliberately left out of this glob: it keeps the catch-all bans only.
const domainFiles = ['libs/*/domain/src/**/*.ts', 'libs/platform/deadlines/engine/src/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.stack/**', '.nx/**', 'tmp/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@nx/enforce-module-boundaries': boundaries([], scopeRules),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests wire real parts together: they may also use the testing helpers, clients, activities and workflows, and
    // platform tests the domains' rule catalogs. Test files import kafkajs and @temporalio/worker freely.
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(typesForTests, scopeRulesForTests),
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Non-test code, one complete no-restricted-imports list per group:
  {
    files: ['**/*.ts'],
    ignores: [...testFiles, ...messagingFiles, ...temporalFiles, ...workflowFiles, ...domainFiles, ...consoleFiles],
    rules: { 'no-restricted-imports': restricted({ patterns: [kafkaOnlyInMessaging, workerOnlyInTemporal] }) },
  },
  { files: messagingFiles, ignores: testFiles, rules: { 'no-restricted-imports': restricted({ patterns: [workerOnlyInTemporal] }) } },
  { files: temporalFiles, ignores: testFiles, rules: { 'no-restricted-imports': restricted({ patterns: [kafkaOnlyInMessaging] }) } },
  // The web console (apps/console): React with the Nx React rules (hooks, JSX accessibility) and browser code only.
  ...nx.configs['flat/react'].map((config) => ({ ...config, files: consoleFiles })),
  {
    files: consoleFiles,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@nx/enforce-module-boundaries': boundaries([], scopeRules),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': restricted({
        paths: builtins('The console runs in a browser: it has no Node built-ins.'),
        patterns: [
          pattern(
            ['@nestjs', '@temporalio', 'kafkajs', 'pg', 'typeorm', 'pino', 'nodemailer'],
            'The console talks to the services’ public HTTP APIs only: server packages stay on the server.',
          ),
        ],
      }),
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox.
    files: workflowFiles,
    ignores: testFiles,
    rules: { 'no-restricted-imports': sandbox('Workflow code') },
  },
  {
    // Domain code is linted like the sandbox, so a workflow can use it, and it stays free of Nest.
    files: domainFiles,
    ignores: testFiles,
    rules: {
      'no-restricted-imports': sandbox('Domain code', [
        pattern(['@nestjs'], 'Domain code is plain TypeScript: providers, controllers and modules live in data-access or feature.'),
      ]),
    },
  },
];
