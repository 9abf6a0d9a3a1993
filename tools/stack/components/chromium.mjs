// Chromium for the console's browser tests: Debian's `chromium` package (no browser download exists here), driven by
// Playwright through its executablePath. Installed with apt-get when missing and running as root (as on CI);
// otherwise the error says what to run. CHROMIUM_PATH points at another Chromium build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { StackError } from '../lib.mjs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium executable, or undefined when none is installed. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  return candidates.find((c) => existsSync(c));
}

const apt = (args) =>
  spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    maxBuffer: 64 * 1024 * 1024,
  });

/** Installs Debian's chromium when missing; resolves with its path and whether it was installed now. */
export async function install() {
  const found = chromiumPath();
  if (found) return { path: found, installed: false };
  if (process.env.CHROMIUM_PATH) throw new StackError(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new StackError('Chromium is missing: run `sudo apt-get install -y chromium` (Debian) or set CHROMIUM_PATH');
  let result = apt(['install', '-y', '-q', '--no-install-recommends', 'chromium']);
  if (result.status !== 0) {
    // A fresh machine may not have the package lists yet.
    apt(['update', '-q']);
    result = apt(['install', '-y', '-q', '--no-install-recommends', 'chromium']);
  }
  const path = chromiumPath();
  if (result.status !== 0 || !path)
    throw new StackError(`apt-get install chromium failed (${result.status}):\n${(result.stderr || result.stdout).slice(-2000)}`);
  return { path, installed: true };
}
