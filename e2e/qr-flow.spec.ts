/** The QR flow in two tabs: the playground generates, the wallet simulator shares or declines. */
import { expect, test } from '@playwright/test';
import { expectState, generateQr, requestStatus, shot, watchErrors, widget, expectScore } from './support/helpers';

test('QR: the canvas decodes to the deep link, the wallet shares, the page shows tier A · 812 within one poll', async ({ page, context, request }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expectState(page, 'idle');
  await shot(page, 'playground-idle');

  const { requestId, code, deepLink } = await generateQr(page);
  expect(requestId).toMatch(/^req_[A-Za-z0-9_-]{20,}$/);
  expect(deepLink).toMatch(/^passid:\/\/verify-request\?/);
  const link = new URL(deepLink.replace('passid://', 'http://'));
  expect(link.searchParams.get('r')).toBe(requestId);
  expect(link.searchParams.get('i')).toBeTruthy();
  // The sandbox knows this request, pending, with the code the page shows.
  const status = await requestStatus(request, requestId);
  expect(status.status).toBe('pending');
  expect(status.code).toBe(code);
  await expect(widget(page).getByRole('img', { name: new RegExp(code) })).toBeVisible();
  await shot(widget(page), 'widget-awaiting');
  await shot(page, 'playground-awaiting');

  // Second tab: the wallet simulator, opened by the page's own link.
  const [wallet] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: /Open in wallet simulator/ }).click(),
  ]);
  await expect(wallet.getByRole('heading', { name: 'Demo Bank' })).toBeVisible();
  await expect(wallet.getByText('Financial stability score')).toBeVisible();
  await expect(wallet.getByTestId('wallet-countdown')).toHaveText(/^(9|10):\d\d$/);
  await wallet.setViewportSize({ width: 400, height: 860 });
  await shot(wallet, 'wallet-request');
  await wallet.getByRole('radio', { name: /Amina/ }).check();
  const sharedAt = Date.now();
  await wallet.getByRole('button', { name: 'Share & Verify' }).click();
  await expect(wallet.getByRole('heading', { name: 'Shared ✓' })).toBeVisible();
  await shot(wallet, 'wallet-shared');

  // One poll interval (2.5 s) plus a margin for a loaded machine.
  await expectState(page, 'success', 5_500);
  expect(Date.now() - sharedAt).toBeLessThan(5_500);
  await expect(widget(page).getByRole('heading', { name: 'Credential verified' })).toBeVisible();
  await expectScore(page, 812, 'A');
  await expect(page.getByTestId('result-json')).toContainText('"fsi_score": 812');
  // The sandbox's webhook reached the playground's receiver and its signature checked out.
  await expect(page.getByTestId('webhook-entry').filter({ hasText: 'verification.completed' }).filter({ hasText: 'signature verified' }).first()).toBeVisible({ timeout: 8_000 });
  await shot(widget(page), 'widget-success-tier-a');
  await shot(page, 'playground-success');
  expect(errors).toEqual([]);
});

test('QR: the customer declines in the wallet simulator → the page says so', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const { requestId } = await generateQr(page);
  const wallet = await context.newPage();
  await wallet.goto(`/wallet?r=${requestId}&persona=chidi`);
  await expect(wallet.getByRole('heading', { name: 'Demo Bank' })).toBeVisible();
  await wallet.getByRole('button', { name: 'Decline' }).click();
  await expect(wallet.getByRole('heading', { name: 'Request declined' })).toBeVisible();
  // Keyboard focus moves to the new card, never falls back to <body>.
  await expect(wallet.getByRole('heading', { name: 'Request declined' })).toBeFocused();
  await expectState(page, 'declined', 5_500);
  await expect(widget(page).getByText('The customer declined the request in the PASSID app.', { exact: true })).toBeVisible();
  await expect(widget(page).getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.getByTestId('result-decline')).toContainText('CUSTOMER_DECLINED');
  await shot(widget(page), 'widget-declined-customer');
  expect(errors).toEqual([]);
});

test('QR: the wallet opens a request by its 8-character code; a sanctioned persona never succeeds', async ({ page, context }) => {
  await page.goto('/');
  const { code } = await generateQr(page);
  const wallet = await context.newPage();
  await wallet.goto('/wallet');
  // A click anywhere on the persona card selects it, its name included.
  await wallet.locator('.persona-name', { hasText: 'Zed' }).click();
  await expect(wallet.getByRole('radio', { name: /Zed/ })).toBeChecked();
  await wallet.getByLabel('Link or code').fill(code.toLowerCase().replace('-', ''));
  await wallet.getByRole('button', { name: 'Open request' }).click();
  await expect(wallet.getByRole('heading', { name: 'Demo Bank' })).toBeFocused();
  await wallet.getByRole('button', { name: 'Share & Verify' }).click();
  await expect(wallet.getByRole('heading', { name: 'Not shared' })).toBeFocused();
  await expect(wallet.getByText('PASSID could not share: sanctions screening did not pass.')).toBeVisible();
  await expectState(page, 'declined', 5_500);
  await expect(widget(page).getByText('This customer cannot be verified. Do not proceed with this application.', { exact: true })).toBeVisible();
  await expect(widget(page).getByRole('heading', { name: 'Credential verified' })).toHaveCount(0);
});
