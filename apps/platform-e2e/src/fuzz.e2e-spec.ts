import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';

// The bounded fuzz run of `npm test`: tools/fuzz.mjs (Schemathesis, an independent client) against the four APIs
// it starts from dist/ on its own ports and throwaway database: the public operations, a CWS and a CalWORKs
// supervisor on the operations their roles permit, every secured operation without a token (the refusal run) and the
// data comparison after it. Bounded (5 examples per operation, no coverage or stateful phase, the document gaps not
// fixed yet tolerated: --known-gaps) so it fits in ~4 minutes on a 2-core machine; `npm run fuzz` runs the long one. Whatever fails is printed (operation,
// check, and where the reproduction is: .stack/reports/fuzz/).
const offset = 26_000;
const budgetMs = 240_000;

it(
  'Schemathesis finds no 5xx, no answer that differs from its document, no error that is not problem+json, and no refused request that changed data',
  async () => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot(), 'tools', 'fuzz.mjs'),
        '--offset',
        String(offset),
        '--known-gaps',
        '--no-other-audience',
        '--phases',
        'examples,fuzzing',
        '--max-examples',
        '5',
        '--seed',
        '17',
        '--users',
        'cws-supervisor,calworks-supervisor',
        '--refusal-users',
        'none',
      ],
      { cwd: repoRoot(), env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    if (code !== 0) throw new Error(`tools/fuzz.mjs exited ${code}:\n${output}`);
    expect(output).toMatch(/refused requests changed nothing/);
    expect(output).toMatch(/fuzz: \d+ runs, \d+ requests, passed/);
  },
  budgetMs + 60_000,
);
