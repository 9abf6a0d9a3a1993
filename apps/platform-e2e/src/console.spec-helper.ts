import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { repoRoot } from '@linkages/platform-config';

/** Where the console tests write their screenshots (git-ignored): a reviewer can look at every page. */
export const screenshotDir = join(repoRoot(), '.stack', 'reports', 'console');

/** Debian's Chromium (npm test installs it with apt-get when missing; CHROMIUM_PATH overrides). */
export function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('Chromium is missing: `npm test` installs it (apt-get install chromium), or set CHROMIUM_PATH');
  return found;
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A version line for the test's log: which browser really ran. */
export const chromiumVersion = (): string => execFileSync(chromiumExecutable(), ['--version'], { encoding: 'utf8' }).trim();

/**
 * Opens `path` in the console and signs in: its Sign in button, then the development IdP's demo-user picker, back to
 * `path`. The console keeps its tokens in memory only, so every page load (a deep link, a reload) signs in again.
 */
export async function signIn(page: Page, consoleUrl: string, username: string, path = '/'): Promise<void> {
  await page.goto(`${consoleUrl}${path}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator(`button[name="username"][value="${username}"]`).click();
  await page.waitForURL((url) => url.origin === consoleUrl && url.pathname !== '/callback' && (path === '/' || url.pathname === path));
}

/**
 * WCAG 2.1 A and AA checks with axe on the page as it is; returns the serious and critical violations (the bar
 * is zero of them) as readable lines.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

/**
 * Moves the keyboard focus with Tab only until `target` has it (at most `max` presses): the flow is usable without a
 * pointer. Throws when Tab never reaches it.
 */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: the target is not on the page');
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await handle.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement)) return;
  }
  throw new Error(`Tab did not reach the target within ${max} presses`);
}
