/**
 * Live updates in real Chromium: the playground's widget learns of the wallet's approval by
 * push (the sandbox's log shows the event stream and no status polls), and by polling with
 * `watch=poll` (the log shows the polls).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectScore, expectState, generateQr, shot, walletFulfil, watchErrors, widget } from './support/helpers';

/** The sandbox's log lines about this request (the e2e sandbox writes them to a file). */
function logOf(requestId: string): string[] {
  const dir = process.env.E2E_DB_DIR;
  if (!dir) throw new Error('E2E_DB_DIR is not set (playwright.config.ts sets it)');
  return readFileSync(join(dir, 'sandbox.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(requestId));
}
const polls = (lines: string[], requestId: string) => lines.filter((line) => line.includes(`GET /api/bridge/request/${requestId} `));
const streams = (lines: string[], requestId: string) => lines.filter((line) => line.includes(`GET /api/bridge/request/${requestId}/events `));

async function approveInWalletSimulator(page: Page, requestId: string): Promise<number> {
  const wallet = await page.context().newPage();
  await wallet.goto(`/wallet?r=${requestId}`);
  await wallet.getByRole('radio', { name: /Amina/ }).check();
  const at = Date.now();
  await wallet.getByRole('button', { name: 'Share & Verify' }).click();
  await expect(wallet.getByRole('heading', { name: 'Shared ✓' })).toBeVisible();
  await wallet.close();
  return at;
}

test('push (the default): the approval reaches the page over the event stream, with no status poll', async ({ page }) => {
  const errors = watchErrors(page);
  // The page's timers are Playwright's: 10 s of them run at once below, where a polling
  // widget would have polled four times.
  await page.clock.install();
  await page.goto('/');
  await page.clock.pauseAt(Date.now() + 1_000);
  const { requestId } = await generateQr(page);
  await expect.poll(() => streams(logOf(requestId), requestId).length).toBe(1);
  await page.clock.runFor(10_000);
  await shot(widget(page), 'widget-awaiting-push');
  const sharedAt = await approveInWalletSimulator(page, requestId);
  await expectState(page, 'success', 3_000);
  const seen = Date.now() - sharedAt;
  await expectScore(page, 812, 'A');
  await shot(page, 'playground-success-push');

  const lines = logOf(requestId);
  expect(streams(lines, requestId).length).toBeGreaterThanOrEqual(1);
  expect(polls(lines, requestId)).toEqual([]);
  test.info().annotations.push({ type: 'push', description: `approval seen by the page ${seen} ms after the click` });
  expect(errors).toEqual([]);
});

test('watch=poll: the widget polls every 2.5 s and opens no stream; the approval arrives by a poll', async ({ page }) => {
  const errors = watchErrors(page);
  await page.clock.install();
  await page.goto('/?watch=poll');
  await expect(page.getByRole('combobox', { name: 'Live updates' })).toHaveValue('poll');
  // The page's clock stands still but for the runs below.
  await page.clock.pauseAt(Date.now() + 1_000);
  const { requestId } = await generateQr(page);
  // The first poll goes out at once; each next one 2.5 s (of the page's clock) after an answer.
  for (let n = 1; n <= 3; n += 1) {
    await expect.poll(() => polls(logOf(requestId), requestId).length).toBe(n);
    await page.clock.runFor(2_500);
  }
  await approveInWalletSimulator(page, requestId);
  await page.clock.runFor(2_500);
  await expectState(page, 'success');
  expect(streams(logOf(requestId), requestId)).toEqual([]);
  expect(errors).toEqual([]);
});

test('push through the proxy: the playground server streams the events, the page never holds the key', async ({ page, request }) => {
  const errors = watchErrors(page);
  const keyed: string[] = [];
  page.on('request', (r) => {
    if (r.headers()['x-institution-key']) keyed.push(r.url());
  });
  await page.goto('/?mode=proxy');
  const { requestId } = await generateQr(page);
  await walletFulfil(request, requestId);
  await expectState(page, 'success', 3_000);
  expect(polls(logOf(requestId), requestId)).toEqual([]);
  expect(keyed).toEqual([]);
  expect(errors).toEqual([]);
});
