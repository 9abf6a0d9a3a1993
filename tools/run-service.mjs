#!/usr/bin/env node
// npm run service -- <service> [api|worker]: runs one service process in the foreground against the local stack
// (connection settings from .stack/stack.env unless set in the environment). Builds dist/ if missing.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, repoRoot, serviceEnv, services } from './stack/lib.mjs';

const [service, kind = 'api'] = process.argv.slice(2);
if (!services.includes(service) || !['api', 'worker'].includes(kind)) {
  console.error(`usage: npm run service -- <${services.join('|')}> [api|worker]`);
  process.exit(2);
}
await ensureBuilt();
const child = spawn(
  process.execPath,
  ['--enable-source-maps', join(repoRoot, 'dist/apps', service, 'src', kind === 'api' ? 'main.js' : 'worker.js')],
  { stdio: 'inherit', env: serviceEnv() },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
