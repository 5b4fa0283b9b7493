/**
 * Expiry and outages, with a sandbox the test owns and the browser's clock under
 * Playwright's control (no minute-long waits).
 */
import { expect, test } from '@playwright/test';
import { expectState, requestStatus, shot, walletFulfil, watchErrors, widget, expectScore } from './support/helpers';
import { ownSandbox, type OwnSandbox } from './support/own-sandbox';

let sandbox: OwnSandbox;
test.beforeEach(async () => {
  sandbox = await ownSandbox();
});
test.afterEach(async () => {
  await sandbox.stop();
});

test('a 60 s request expires ("Request expired"), the sandbox agrees, and "Generate new code" gives a new code', async ({ page, request }) => {
  const errors = watchErrors(page);
  await page.clock.install();
  await page.goto(`/?ttl=60&sandbox=${encodeURIComponent(sandbox.url)}`);
  await widget(page).getByRole('button', { name: 'Generate QR code' }).click();
  await expectState(page, 'awaiting');
  const requestId = (await page.getByTestId('request-id').textContent())!.trim();
  const firstCode = (await widget(page).locator('.passid-code strong').textContent())!.trim();
  await expect(widget(page).getByText(/Expires in (1:00|0:5\d)/)).toBeVisible();

  // Both clocks move 61 s: the sandbox's and the browser's.
  sandbox.advance(61_000);
  await page.clock.fastForward(61_000);
  await expectState(page, 'declined');
  await expect(widget(page).getByRole('heading', { name: 'Request expired' })).toBeVisible();
  expect((await requestStatus(request, requestId, sandbox.url)).status).toBe('expired');
  await shot(widget(page), 'widget-expired');

  await widget(page).getByRole('button', { name: 'Generate new code' }).click();
  await expectState(page, 'awaiting');
  const secondCode = (await widget(page).locator('.passid-code strong').textContent())!.trim();
  expect(secondCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  expect(secondCode).not.toBe(firstCode);
  expect(errors).toEqual([]);
});

test('the sandbox stops while awaiting: no crash, the error state after the retries, then "Try again" succeeds once it is back', async ({ page, request }) => {
  const errors = watchErrors(page);
  await page.clock.install();
  await page.goto(`/?sandbox=${encodeURIComponent(sandbox.url)}`);
  await widget(page).getByRole('button', { name: 'Generate QR code' }).click();
  await expectState(page, 'awaiting');

  await sandbox.stop();
  // Failed polls back off (2.5 s doubling, capped at 10 s, 5 failures): move the clock on
  // until the widget gives up. It must show "Reconnecting…" on the way, and never crash.
  let sawReconnecting = false;
  for (let i = 0; i < 12; i++) {
    await page.clock.fastForward(5_000);
    if (await widget(page).locator('.passid-wait').getByText('Reconnecting…').isVisible()) sawReconnecting = true;
    if ((await widget(page).getAttribute('data-state')) === 'error') break;
  }
  await expectState(page, 'error');
  expect(sawReconnecting).toBe(true);
  await expect(widget(page).getByText("We couldn't reach PASSID. Check the connection and try again.", { exact: true })).toBeVisible();
  await shot(widget(page), 'widget-error-network');

  await sandbox.restart();
  await widget(page).getByRole('button', { name: 'Try again' }).click();
  await expectState(page, 'awaiting');
  const requestId = (await page.getByTestId('request-id').textContent())!.trim();
  await walletFulfil(request, requestId, 'kwame', sandbox.url);
  await page.clock.fastForward(3_000);
  await expectState(page, 'success');
  await expectScore(page, 671, 'C');
  expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch/.test(e))).toEqual([]);
});
