/**
 * Fault injection in real Chromium, against the real sandbox and the built playground: the
 * browser goes offline while awaiting, a storm of 429s with Retry-After hits the status
 * endpoint, the page's clock is 10 minutes ahead or behind the server's, and the tab is
 * hidden. The flow ends right in each. The page's timers are Playwright's (`page.clock`), so
 * waits of seconds take none.
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import { expectScore, expectState, generateQr, requestStatus, shot, walletFulfil, watchErrors, widget } from './support/helpers';
import { ownSandbox } from './support/own-sandbox';
import { SANDBOX_URL } from './support/ports';

/** The status reads (GET /api/bridge/request/:id) the page sent, and those whose answer came. */
function countPolls(page: Page): { sent: () => number; answered: () => number } {
  let sent = 0;
  let answered = 0;
  const isPoll = (r: Request) => r.method() === 'GET' && /^\/api\/bridge\/request\/req_[^/]+$/.test(new URL(r.url()).pathname);
  page.on('request', (r) => isPoll(r) && (sent += 1));
  page.on('requestfinished', (r) => isPoll(r) && (answered += 1));
  page.on('requestfailed', (r) => isPoll(r) && (answered += 1));
  return { sent: () => sent, answered: () => answered };
}

/**
 * Waits until `n` status reads were answered and the page has handled the answer (a few
 * tasks: the widget sets its next wait then, and the paused clock must not move before).
 */
async function afterPoll(page: Page, polls: ReturnType<typeof countPolls>, n: number): Promise<void> {
  await expect.poll(polls.answered).toBe(n);
  for (let i = 0; i < 3; i += 1) {
    // A MessageChannel task: not one of the timers the page's clock holds still.
    await page.evaluate(() => new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    }));
  }
}

/** Opens the playground with the page's clock installed and paused (it moves only by `runFor`). */
async function openPaused(page: Page, path: string): Promise<void> {
  await page.clock.install();
  await page.goto(path);
  // A little ahead of the page's own time (Node's may lag it on a loaded machine).
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2_000);
}

const reconnecting = (page: Page) => widget(page).locator('.passid-wait').getByText('Reconnecting…');

for (const watch of ['auto', 'poll'] as const) {
  test(`offline while awaiting (watch=${watch}): "Reconnecting…", no request while offline, then the approval once back online`, async ({ page, context, request }) => {
    const errors = watchErrors(page);
    const sent: string[] = [];
    page.on('request', (r) => r.url().startsWith(SANDBOX_URL) && sent.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await openPaused(page, watch === 'poll' ? '/?watch=poll' : '/');
    const { requestId } = await generateQr(page);
    await expect(reconnecting(page)).toBeHidden();

    await context.setOffline(true);
    await expect(reconnecting(page)).toBeVisible();
    await shot(widget(page), `widget-offline-${watch}`);
    const before = sent.length;
    // The customer approves on their phone meanwhile; the page sends nothing for 30 s offline.
    await walletFulfil(request, requestId);
    await page.clock.runFor(30_000);
    expect(sent.slice(before)).toEqual([]);
    await expectState(page, 'awaiting');

    await context.setOffline(false);
    // Back online: the status is read at once (the stream's first event, or a poll).
    await expectState(page, 'success');
    await expectScore(page, 812, 'A');
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
  });
}

test('a 429 storm with Retry-After on the status endpoint: each wait is respected, then the approval arrives', async ({ page, request }) => {
  const errors = watchErrors(page);
  const polls = countPolls(page);
  let storm = 3;
  await page.route(`${SANDBOX_URL}/api/bridge/request/*`, async (route) => {
    const r = route.request();
    if (r.method() !== 'GET' || storm === 0) return route.fallback();
    storm -= 1;
    // The sandbox's own answer, turned into a 429: its CORS headers stay, so the page reads Retry-After.
    const real = await route.fetch();
    await route.fulfill({
      status: 429,
      headers: { ...real.headers(), 'content-type': 'application/json', 'retry-after': '15' },
      body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests for this key. Retry in 15 s.' } }),
    });
  });
  await openPaused(page, '/?watch=poll');
  const { requestId } = await generateQr(page);
  // 15 s is longer than any backoff of the first three failures (2.5, 5, 10 s ± 20 %): the
  // wait is Retry-After's.
  for (let n = 1; n <= 3; n += 1) {
    await afterPoll(page, polls, n);
    await expect(reconnecting(page)).toBeVisible();
    await page.clock.runFor(14_900);
    expect(polls.sent(), `no read within Retry-After after 429 #${n}`).toBe(n);
    await page.clock.runFor(100);
  }
  await afterPoll(page, polls, 4);
  await expect(reconnecting(page)).toBeHidden();
  await expectState(page, 'awaiting');
  await walletFulfil(request, requestId, 'kwame');
  await page.clock.runFor(2_500);
  await expectState(page, 'success');
  await expectScore(page, 671, 'C');
  expect(errors.filter((e) => !/status of 429/.test(e))).toEqual([]);
});

for (const [name, skewMs] of [
  ['10 minutes ahead of', 10 * 60_000],
  ['10 minutes behind', -10 * 60_000],
] as const) {
  test(`the page's clock ${name} the server's: the countdown and the expiry follow the server's time`, async ({ page }) => {
    const errors = watchErrors(page);
    const sandbox = await ownSandbox();
    try {
      await page.clock.install({ time: Date.now() + skewMs });
      await page.goto(`/?ttl=60&sandbox=${encodeURIComponent(sandbox.url)}`);
      // The page's clock stands still but for the fast-forwards below, so the countdown reads
      // the same on a slow machine.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2_000);
      const { requestId } = await generateQr(page);
      // 60 s left by the server's clock (a clock ahead would read it as long expired, one
      // behind as 11 minutes).
      await expect(widget(page).getByText(/Expires in (1:00|0:5\d)/)).toBeVisible();

      sandbox.advance(40_000);
      await page.clock.fastForward(40_000);
      await expect(widget(page).getByText(/Expires in 0:(1\d|20)/)).toBeVisible();
      await expectState(page, 'awaiting');
      await shot(widget(page), `widget-clock-${skewMs > 0 ? 'ahead' : 'behind'}`);

      sandbox.advance(21_000);
      await page.clock.fastForward(21_000);
      await expectState(page, 'declined');
      await expect(widget(page).getByRole('heading', { name: 'Request expired' })).toBeVisible();
      expect((await requestStatus(page.request, requestId, sandbox.url)).status).toBe('expired');
      expect(errors).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  });
}

test('a hidden tab polls every 10 s instead of 2.5 s; the approval shows as soon as it is visible again', async ({ page, request }) => {
  const errors = watchErrors(page);
  const polls = countPolls(page);
  await openPaused(page, '/?watch=poll');
  const { requestId } = await generateQr(page);
  await afterPoll(page, polls, 1);

  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);

  // The first wait was set while visible: 2.5 s. From then on, hidden: one read per 10 s.
  await setHidden(true);
  await page.clock.runFor(2_500);
  await afterPoll(page, polls, 2);
  await page.clock.runFor(9_900);
  expect(polls.sent(), 'no read within 10 s while hidden').toBe(2);
  await page.clock.runFor(100);
  await afterPoll(page, polls, 3);

  await walletFulfil(request, requestId);
  await page.clock.runFor(5_000);
  expect(polls.sent()).toBe(3);
  await expectState(page, 'awaiting');

  // Visible again: read at once, without waiting out the 10 s.
  await setHidden(false);
  await afterPoll(page, polls, 4);
  await expectState(page, 'success');
  await expectScore(page, 812, 'A');
  expect(errors).toEqual([]);
});
