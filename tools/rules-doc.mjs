#!/usr/bin/env node
// npm run rules:doc: renders the policy registry (libs/platform/policies) to docs/rules.md.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, run } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
await run(process.execPath, [join(repoRoot, 'tools', 'build.mjs')]);
const { renderRulesMarkdown, policyRules } = require(join(repoRoot, 'dist/libs/platform/policies/src/index.js'));
mkdirSync(join(repoRoot, 'docs'), { recursive: true });
writeFileSync(join(repoRoot, 'docs', 'rules.md'), renderRulesMarkdown(policyRules));
console.log(`Wrote docs/rules.md (${policyRules.length} rules)`);
