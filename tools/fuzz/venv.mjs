// The Python virtual environment of the fuzzer (Schemathesis): .stack/fuzz-venv, created with `python3 -m venv` and
// filled from tools/fuzz/requirements.txt with pip. Idempotent: a stamp file in the venv holds the SHA-256 of the
// requirements it was installed from, so a second call with the same requirements does nothing, and a changed
// requirements file reinstalls them (into the same venv; a venv whose Python is gone is recreated).
// `node tools/fuzz/venv.mjs` prepares it on its own and prints the path of `st`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, stackDir } from '../stack/lib.mjs';

export const venvDir = join(stackDir, 'fuzz-venv');
export const requirementsFile = join(repoRoot, 'tools', 'fuzz', 'requirements.txt');
const stampFile = join(venvDir, '.linkages-requirements.sha256');
const python = join(venvDir, 'bin', 'python');
/** The Schemathesis CLI in the venv. */
export const stBin = join(venvDir, 'bin', 'st');

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0)
    throw new Error(
      `${what} failed (${r.error?.message ?? `exit ${r.status}`}):\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.trim().slice(-3000)}`,
    );
  return r.stdout;
}

/**
 * Makes sure the venv exists with exactly the pinned requirements; resolves to the path of `st`. `log` receives one
 * line per step it takes (nothing when the venv is current).
 */
export function ensureFuzzVenv({ log = (m) => console.log(m) } = {}) {
  const wanted = createHash('sha256').update(readFileSync(requirementsFile)).digest('hex');
  const pythonWorks = existsSync(python) && spawnSync(python, ['-c', 'import sys'], { stdio: 'ignore' }).status === 0;
  if (pythonWorks && existsSync(stBin) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === wanted) return stBin;
  if (!pythonWorks) {
    const version = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (version.status !== 0)
      throw new Error('python3 is not installed: the fuzzer (Schemathesis) needs Python 3.9+ with venv (apt-get install python3-venv).');
    rmSync(venvDir, { recursive: true, force: true });
    log(`  fuzz venv: creating ${venvDir} (${version.stdout.trim()})`);
    run('python3', ['-m', 'venv', venvDir], 'python3 -m venv');
  }
  log(`  fuzz venv: installing tools/fuzz/requirements.txt from PyPI (schemathesis and its pinned dependencies)…`);
  rmSync(stampFile, { force: true });
  run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '-r', requirementsFile], 'pip install');
  const version = run(stBin, ['--version'], 'st --version').trim();
  writeFileSync(stampFile, `${wanted}\n`);
  log(`  fuzz venv: ready (${version})`);
  return stBin;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureFuzzVenv());
  } catch (error) {
    console.error(`fuzz venv: ${error.message}`);
    process.exit(1);
  }
}
