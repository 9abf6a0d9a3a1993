#!/usr/bin/env node
// npm run contracts:generate: writes the JSON Schema of every event and the platform's AsyncAPI document into
// libs/shared/contracts/generated/, and freezes a baseline for every event type that has none yet (baselines are
// never rewritten: they are what the additive-only compatibility test compares against).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot, run } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
await run(process.execPath, [join(repoRoot, 'tools', 'build.mjs')]);
const contracts = require(join(repoRoot, 'dist/libs/shared/contracts/src/index.js'));
const libRoot = join(repoRoot, 'libs/shared/contracts');

rmSync(join(libRoot, contracts.generatedDir), { recursive: true, force: true });
const written = [];
for (const [path, content] of Object.entries(contracts.renderContractDocuments())) {
  mkdirSync(dirname(join(libRoot, path)), { recursive: true });
  writeFileSync(join(libRoot, path), content);
  written.push(path);
}
const frozen = [];
for (const [path, content] of Object.entries(contracts.renderBaselines())) {
  if (existsSync(join(libRoot, path))) continue;
  mkdirSync(dirname(join(libRoot, path)), { recursive: true });
  writeFileSync(join(libRoot, path), content);
  frozen.push(path);
}
console.log(`Wrote ${written.length} documents under libs/shared/contracts/${contracts.generatedDir}/`);
if (frozen.length) console.log(`Froze ${frozen.length} new baseline(s): ${frozen.join(', ')}`);
const baselines = readdirSync(join(libRoot, contracts.baselinesDir)).length;
console.log(`${baselines} baselines in libs/shared/contracts/${contracts.baselinesDir}/ (never rewritten)`);
