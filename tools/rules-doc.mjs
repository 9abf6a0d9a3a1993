#!/usr/bin/env node
// npm run rules:doc: renders every domain's rule catalog (libs/<domain>/domain) to docs/rules.md.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, run } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
await run(process.execPath, [join(repoRoot, 'tools', 'build.mjs')]);
const load = (lib) => require(join(repoRoot, 'dist', lib, 'src/index.js'));
const { renderRulesMarkdown } = load('libs/platform/deadlines/engine');
const rules = [
  ...load('libs/child-welfare/domain').cwsRules,
  ...load('libs/calworks/domain').calworksRules,
  ...load('libs/referrals/domain').linkagesRules,
];
mkdirSync(join(repoRoot, 'docs'), { recursive: true });
writeFileSync(join(repoRoot, 'docs', 'rules.md'), renderRulesMarkdown(rules));
console.log(`Wrote docs/rules.md (${rules.length} rules)`);
