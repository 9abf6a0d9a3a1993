import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { staffIdOf } from '@linkages/platform-access';
import { devToken, stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { sendDeadLetter } from './dead-letter.spec-helper';
import { launchChromium, chromiumVersion, screenshot, seriousViolations, signIn, tabTo } from './console.spec-helper';
import { platformClient, seedLateImmediateReferral, startPlatform, type RunningPlatform } from './platform.spec-helper';

// Issue 15, in a real browser: Debian's Chromium driven by Playwright against `npm start` (services, workers and the
// console's own server on a shifted port), signed in through the development IdP's authorization code + PKCE flow.
const OFFSET = 14_000;
const consoleUrl = `http://127.0.0.1:${4200 + OFFSET}`;

interface QueueItem {
  deadlineId: string;
  familyId: string;
  ruleId: string;
  citation: string;
  explanation: string | null;
  escalation: { status: string; level: number } | null;
}
interface EscalationView {
  status: string;
  level: number;
  recipients: Record<string, { staffId: string }[]>;
  timeline: { kind: string; level?: number; detail: Record<string, unknown> }[];
}

describe('console: the supervisor queue, the deadline, the family and operations in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let db: Client;
  const contexts: BrowserContext[] = [];
  const tokens: Record<string, string> = {};
  const { ok, call } = platformClient(() => platform, tokens);
  // The seeded case: a CWS family assigned to the supervisor, whose immediate response was recorded two days late.
  let familyId: string;
  let deadlineId: string;

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/Los_Angeles' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`console page error: ${error.message}`));
    return page;
  };

  beforeAll(async () => {
    platform = await startPlatform(OFFSET);
    browser = await launchChromium();
    console.log(`browser: ${chromiumVersion()}`);
    for (const u of ['cws-worker', 'cws-supervisor', 'calworks-worker', 'ops']) tokens[u] = await devToken(u);
    db = new Client({ connectionString: stackEnv().DATABASE_URL });
    await db.connect();

    // The supervisor carries this family: the first level of its ladder tells the supervisor.
    const seeded = await seedLateImmediateReferral(
      (path, body) => ok<{ id: string }>('child-welfare', 'POST', path, 'cws-worker', body),
      async <T>(sql: string, params: unknown[]) => (await db.query(sql, params)).rows as T[],
      {
        calworksCaseNumber: `CW-${uniqueSuffix().slice(0, 8)}`,
        members: [
          { role: 'parent', firstName: 'Orvanna', lastName: 'Tesslewick', dateOfBirth: '1991-05-06' },
          { role: 'child', firstName: 'Pellam', lastName: 'Tesslewick', dateOfBirth: '2019-07-08' },
        ],
        reason: 'Injury reported by school',
        beforeReferral: async (id) => {
          await ok('notifications', 'PUT', '/assignments', 'cws-supervisor', {
            ownerService: 'child-welfare',
            familyId: id,
            staffId: staffIdOf('demo:cws-supervisor'),
            reason: 'Supervisor carries the case while the unit is short',
          });
        },
      },
    );
    familyId = seeded.familyId;
    deadlineId = seeded.deadlineId;
    // In the supervisor's queue, escalated to level 1 (the supervisor, as the family's assignee).
    await waitFor(
      async () => {
        const r = await call<{ items: QueueItem[] }>(
          'notifications',
          'GET',
          `/deadline-queue?ruleId=cws.er.immediate-response&limit=200`,
          'cws-supervisor',
        );
        const item = r.status === 200 ? r.body.items.find((i) => i.deadlineId === deadlineId) : undefined;
        return item?.escalation && item.escalation.level >= 1 ? item : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1000, what: 'the overdue deadline in the supervisor queue, escalated' },
    );
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await db?.end();
    await platform?.stop('SIGINT');
  });

  it('a supervisor sees the overdue deadline with why it is due then, and acknowledges it by keyboard: the ladder stops', async () => {
    const item = (await ok<{ item: QueueItem }>('notifications', 'GET', `/deadline-queue/${deadlineId}`, 'cws-supervisor')).item;
    expect(item.explanation).toBeTruthy();
    const page = await newPage();
    await signIn(page, consoleUrl, 'cws-supervisor');
    expect(new URL(page.url()).pathname).toBe('/queue');
    const card = page.locator('li.item', { has: page.locator(`a[href="/deadlines/${deadlineId}"]`) });
    await card.waitFor({ timeout: 30_000 });
    await expect(card.innerText()).resolves.toContain('cws.er.immediate-response');
    await expect(card.innerText()).resolves.toContain(item.citation);
    await expect(card.locator('.explanation').innerText()).resolves.toBe(item.explanation);
    await expect(card.innerText()).resolves.toMatch(/Escalated · level 1/);
    await page.getByText('Live updates: on').waitFor({ timeout: 30_000 });
    await screenshot(page, 'queue-supervisor');
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard only from here: Tab to the deadline's link, Enter, Tab to the note, type, Tab to Acknowledge, Enter.
    await tabTo(page, card.locator(`a[href="/deadlines/${deadlineId}"]`));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${consoleUrl}/deadlines/${deadlineId}`);
    await page.getByRole('heading', { name: /cws\.er\.immediate-response/ }).waitFor();
    await expect(page.locator('.facts .explanation').innerText()).resolves.toBe(item.explanation);
    await page.getByRole('img', { name: /SLA timeline/ }).waitFor();
    await screenshot(page, 'deadline-overdue');
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(page, page.getByLabel(/^Note/));
    await page.keyboard.type('Called the family; visit booked for this afternoon');
    await tabTo(page, page.getByRole('button', { name: 'Acknowledge' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Acknowledged: the ladder stops.' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'deadline-acknowledged');

    // Through the API: acknowledged by the supervisor with the note, and nobody at a higher level is notified.
    const escalation = await waitFor(
      async () => {
        const r = await ok<EscalationView>('notifications', 'GET', `/escalations/${deadlineId}`, 'cws-supervisor');
        return r.status === 'acknowledged' ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'the escalation acknowledged' },
    );
    expect(escalation.level).toBe(1);
    expect(Object.keys(escalation.recipients)).toEqual(['1']);
    expect(escalation.timeline.filter((t) => t.kind === 'notified' && (t.level ?? 0) > 1)).toEqual([]);
    const acknowledged = escalation.timeline.find((t) => t.kind === 'acknowledged');
    expect(acknowledged?.detail).toEqual(expect.objectContaining({ by: staffIdOf('demo:cws-supervisor') }));

    // Re-assign with a reason, by keyboard: the worker carries it from now on (the API says so, the timeline shows it).
    await tabTo(page, page.getByLabel('To'));
    await page.getByLabel('To').selectOption({ label: 'Dana Reyes (demo)' });
    await tabTo(page, page.getByLabel('Reason'));
    await page.keyboard.type('Back from leave; takes the case over');
    await tabTo(page, page.getByRole('button', { name: 'Re-assign' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Re-assigned.' }).waitFor({ timeout: 30_000 });
    const reassigned = (
      await ok<{ item: QueueItem & { assignee: { staffId: string } | null } }>(
        'notifications',
        'GET',
        `/deadline-queue/${deadlineId}`,
        'cws-supervisor',
      )
    ).item;
    expect(reassigned.assignee?.staffId).toBe(staffIdOf('demo:cws-worker'));
    await page
      .getByText(/Re-assigned/)
      .first()
      .waitFor();
    await screenshot(page, 'deadline-reassigned');
  }, 180_000);

  it('a CalWORKs worker finds none of the child-welfare details: not in the queue, not on the deadline, not on the family', async () => {
    const page = await newPage();
    await signIn(page, consoleUrl, 'calworks-worker');
    await page.locator('#queue-title').waitFor();
    await page.locator('.queue, .empty').first().waitFor({ timeout: 30_000 });
    const absent = [deadlineId, familyId, 'Orvanna', 'Pellam', 'Tesslewick', '1991-05-06', '2019-07-08'];
    const queueText = await page.locator('main').innerText();
    for (const s of absent) expect(queueText).not.toContain(s);
    expect(await page.locator(`a[href="/deadlines/${deadlineId}"]`).count()).toBe(0);
    await screenshot(page, 'queue-calworks-worker');
    expect(await seriousViolations(page)).toEqual([]);

    // A deep link (tokens live in memory: it signs in again and comes back to the link).
    await signIn(page, consoleUrl, 'calworks-worker', `/deadlines/${deadlineId}`);
    await page.getByRole('alert').waitFor({ timeout: 30_000 });
    const deadlineText = await page.locator('main').innerText();
    expect(deadlineText).not.toContain('cws.er.immediate-response');
    for (const s of absent.slice(1)) expect(deadlineText).not.toContain(s);
    await screenshot(page, 'deadline-calworks-worker');
    expect(await seriousViolations(page)).toEqual([]);

    await signIn(page, consoleUrl, 'calworks-worker', `/families/${familyId}`);
    await page
      .getByText(/not a shared Linkages family you may see|No clock you may see/)
      .first()
      .waitFor({ timeout: 30_000 });
    const familyText = await page.locator('main').innerText();
    expect(familyText).not.toContain('cws.er.immediate-response');
    for (const s of absent.slice(2)) expect(familyText).not.toContain(s);
    await screenshot(page, 'family-calworks-worker');
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it('a supervisor filters the queue and saves the view by keyboard only; the saved view brings the filters back', async () => {
    const page = await newPage();
    await signIn(page, consoleUrl, 'cws-supervisor', '/queue');
    await page.locator('#queue-title').waitFor();
    await tabTo(page, page.getByLabel('Rule'));
    await page.keyboard.type('cws.er.immediate-response');
    await tabTo(page, page.getByRole('button', { name: 'Apply filters' }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('ruleId') === 'cws.er.immediate-response');
    await page.locator(`a[href="/deadlines/${deadlineId}"]`).waitFor({ timeout: 30_000 });
    const rules = await page.locator('li.item .item-head code').allInnerTexts();
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules)).toEqual(new Set(['cws.er.immediate-response']));

    await tabTo(page, page.getByLabel('View name'));
    await page.keyboard.type('Immediate responses');
    await page.keyboard.press('Enter');
    const saved = page.getByRole('list', { name: 'Saved views' }).getByRole('button', { name: 'Immediate responses', exact: true });
    await saved.waitFor();
    await screenshot(page, 'queue-filtered-saved-view');
    expect(await seriousViolations(page)).toEqual([]);

    // Elsewhere, then back through the saved view.
    await page.getByRole('link', { name: 'Deadline queue' }).click();
    await page.waitForURL((url) => url.pathname === '/queue' && !url.searchParams.has('ruleId'));
    await tabTo(page, saved);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('ruleId') === 'cws.er.immediate-response');
  }, 120_000);

  it('an operator sees the services, their workflows and a dead letter with its reason, and replays it (checked through the API)', async () => {
    // A dead letter as CalWORKs' inbox consumer writes it when its handler fails (the way npm run dlq's spec seeds one).
    const eventId = randomUUID();
    const kafka = new Kafka({ clientId: 'e2e-console-ops', brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    await sendDeadLetter(kafka, {
      eventId,
      consumerGroup: 'linkages-calworks',
      errors: ['Error: calworks AU service unavailable'],
      originalOffset: 7,
    });
    type Letter = { key: string; eventId: string | null; replayedAt: string | null };
    const letter = await waitFor(
      async () =>
        (await ok<{ items: Letter[] }>('calworks', 'GET', '/ops/dead-letters?status=all&limit=500', 'ops')).items.find(
          (l) => l.eventId === eventId,
        ),
      { timeoutMs: 30_000, what: 'the dead letter in the operators’ API' },
    );

    const page = await newPage();
    await signIn(page, consoleUrl, 'ops');
    expect(new URL(page.url()).pathname).toBe('/ops');
    // Each service's readiness answers on its own: wait until all four have.
    const healthTable = page.getByRole('table', { name: 'Service health' });
    const health = await waitFor(
      async () => {
        const text = await healthTable.innerText();
        return text.includes('checking…') ? undefined : text;
      },
      { timeoutMs: 30_000, what: 'every service’s readiness on the page' },
    );
    for (const s of ['referrals', 'calworks', 'child-welfare', 'notifications'])
      expect(health).toMatch(new RegExp(`${s}\\s+ready\\s+database: up`));
    await page.getByRole('link', { name: 'calworks workflows' }).waitFor({ timeout: 30_000 });
    const replay = page.getByRole('button', { name: `Replay ${letter.key}` });
    await replay.waitFor({ timeout: 30_000 });
    const row = page.locator('tr', { has: replay });
    await expect(row.innerText()).resolves.toContain('handler-failed');
    await screenshot(page, 'operations');
    expect(await seriousViolations(page)).toEqual([]);

    await tabTo(page, replay);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `${letter.key}: replayed` })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'operations-replayed');
    const after = (await ok<{ items: Letter[] }>('calworks', 'GET', '/ops/dead-letters?status=replayed&limit=500', 'ops')).items.find(
      (l) => l.key === letter.key,
    );
    expect(after?.replayedAt).toBeTruthy();
    // A second replay of the same letter is refused: it was published once.
    expect((await call('calworks', 'POST', `/ops/dead-letters/${encodeURIComponent(letter.key)}/replay`, 'ops')).status).toBe(409);
  }, 180_000);

  it('shows a supervisor the timeliness report as a chart with its table, and exports it as CSV', async () => {
    const page = await newPage();
    await signIn(page, consoleUrl, 'cws-supervisor', '/reports');
    const table = page.getByRole('table', { name: 'Timeliness per group' });
    await table.waitFor({ timeout: 30_000 });
    await expect(table.innerText()).resolves.toContain('cws.er.immediate-response');
    await page.locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'reports');
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv as Buffer[]).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^rule,unit,county,month,deadlines,met,/);
    expect(text).toContain('cws.er.immediate-response');
  }, 120_000);

  it('says so when the session has expired, and signs out through the IdP', async () => {
    const page = await newPage();
    await signIn(page, consoleUrl, 'cws-supervisor');
    await page.locator('#queue-title').waitFor();
    // The services stop accepting the token (as when it expires): the next call answers 401.
    await page.route(`http://127.0.0.1:${3004 + OFFSET}/deadline-queue**`, (route) =>
      route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Unauthorized', status: 401 }) }),
    );
    await page.getByLabel('State').selectOption('overdue');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: 'Your session has expired' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'session-expired');
    expect(await seriousViolations(page)).toEqual([]);
    await page.unroute(`http://127.0.0.1:${3004 + OFFSET}/deadline-queue**`);

    await signIn(page, consoleUrl, 'cws-supervisor');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).origin).toBe(consoleUrl);
    await screenshot(page, 'signed-out');
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});
