#!/usr/bin/env node
// Lints boundary fixtures with the workspace's own eslint.config.mjs, for apps/platform-e2e/src/module-boundaries.spec.ts.
// Input on stdin: JSON `[{ "filePath": "libs/<scope>/<lib>/src/lib/__boundary-fixture__.ts", "code": "..." }]` (paths
// relative to the repository root, inside a real project folder). Output on stdout: JSON
// `[{ filePath, messages: [{ line, ruleId, message, fatal }] }]`, in input order.
//
// - It runs as its own Node process because ESLint loads the flat config with import(), which Jest's CommonJS runtime
//   refuses ("A dynamic import callback was invoked without --experimental-vm-modules").
// - The fixtures are linted from memory (lintText) and never written into the tree: other engineers commit folders
//   while tests run, and a fixture on disk in libs/ was once swept into a commit. A file that is not on disk is not in
//   the TypeScript program, so the type-aware parser is switched off here (typescript-eslint's disableTypeChecked, which
//   also turns off the rules that need types). Neither boundary rule uses type information: Nx finds the importing
//   project by path and the imported one through tsconfig.base.json's paths; no-restricted-imports reads the syntax.
//   Every other option, the boundary rules' included, comes from eslint.config.mjs unchanged.
// - One ESLint instance lints every fixture, so the config and the Nx project graph load once.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: repoRoot, overrideConfig: [tseslint.configs.disableTypeChecked] });
const results = [];
for (const { filePath, code } of fixtures) {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath), warnIgnored: true });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  results.push({
    filePath,
    messages: result.messages.map(({ line, ruleId, message, fatal }) => ({ line, ruleId, message, fatal: fatal ?? false })),
  });
}
process.stdout.write(JSON.stringify(results));
