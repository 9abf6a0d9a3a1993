// Lint for the whole workspace: Nx module boundaries with real scope/type constraints (STYLE.md 2), type-aware
// promise rules everywhere (STYLE.md 15), and a sandbox for workflow code (STYLE.md 7).
import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

/** Which project types each type may import. Workflows depend only on contracts and util. */
const typeRules = {
  'type:app': ['type:feature', 'type:data-access', 'type:domain', 'type:workflows', 'type:activities', 'type:contracts', 'type:util'],
  'type:feature': ['type:feature', 'type:data-access', 'type:domain', 'type:workflows', 'type:activities', 'type:contracts', 'type:util'],
  'type:activities': ['type:data-access', 'type:domain', 'type:contracts', 'type:util'],
  'type:data-access': ['type:data-access', 'type:domain', 'type:contracts', 'type:util'],
  'type:domain': ['type:domain', 'type:contracts', 'type:util'],
  'type:workflows': ['type:workflows', 'type:contracts', 'type:util'],
  'type:contracts': ['type:contracts', 'type:util'],
  'type:util': ['type:util'],
  'type:testing': ['type:data-access', 'type:domain', 'type:contracts', 'type:util', 'type:testing'],
  'type:e2e': ['type:testing', 'type:util', 'type:contracts'],
};

/** A domain scope reaches another domain only through shared contracts, never through its code. */
const domainScopes = ['referrals', 'calworks', 'child-welfare', 'notifications'];
const scopeRules = {
  'scope:platform': ['scope:platform', 'scope:shared'],
  'scope:shared': ['scope:shared'],
  'scope:e2e': ['scope:platform', 'scope:shared'],
  ...Object.fromEntries(domainScopes.map((s) => [`scope:${s}`, [`scope:${s}`, 'scope:platform', 'scope:shared']])),
};

const constraints = (extraForTests) => [
  ...Object.entries(typeRules).map(([sourceTag, allowed]) => ({ sourceTag, onlyDependOnLibsWithTags: [...allowed, ...extraForTests] })),
  ...Object.entries(scopeRules).map(([sourceTag, allowed]) => ({ sourceTag, onlyDependOnLibsWithTags: allowed })),
];

const testFiles = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/*.spec-helper.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.stack/**', '.nx/**', 'tmp/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: true, banTransitiveDependencies: false, depConstraints: constraints([]) }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests wire real parts together: they may also use the testing helpers, clients, activities and workflows.
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: true, depConstraints: constraints(['type:testing', 'type:data-access', 'type:activities', 'type:workflows', 'type:domain']) }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no clients, no activity code.
    files: ['libs/**/workflows/src/**/*.ts', 'apps/*/src/workflows.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({ name, message: 'Workflow code is deterministic: do I/O in an activity.' })),
          patterns: [
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'Workflows use @temporalio/workflow only; import activities as types.' },
            { group: ['typeorm', 'kafkajs', 'pg', 'pino'], message: 'Workflow code is deterministic: do I/O in an activity.' },
          ],
        },
      ],
    },
  },
];
