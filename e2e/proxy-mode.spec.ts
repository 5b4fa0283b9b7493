/** Proxy mode: the playground's backend holds the key; the browser never sends one. */
import { expect, test } from '@playwright/test';
import { expectState, generateQr, shot, walletFulfil, watchErrors, widget, expectScore } from './support/helpers';

test('proxy mode completes a QR flow and no browser request carries X-Institution-Key', async ({ page, request }) => {
  const errors = watchErrors(page);
  const seen: { url: string; key: string | null }[] = [];
  page.on('request', (r) => seen.push({ url: r.url(), key: r.headers()['x-institution-key'] ?? null }));

  await page.goto('/?mode=proxy');
  await expect(page.getByText('<PASSIDVerify endpoint="/api/passid" />')).toBeVisible();
  const { requestId: handle, deepLink } = await generateQr(page);
  // The browser only ever sees an opaque handle; the wallet gets the raw id in the deep link.
  const requestId = new URL(deepLink.replace('passid://', 'http://')).searchParams.get('r') ?? '';
  expect(handle).toMatch(new RegExp(`^${requestId}\\.[A-Za-z0-9_-]{22,}$`));
  await walletFulfil(request, requestId, 'amina');
  await expectState(page, 'success', 5_500);
  await expectScore(page, 812, 'A');
  await shot(page, 'playground-proxy-success');

  const proxied = seen.filter((r) => r.url.includes('/api/passid/'));
  expect(proxied.length).toBeGreaterThanOrEqual(2); // the create and at least one poll
  expect(seen.filter((r) => r.key !== null)).toEqual([]);
  expect(seen.some((r) => /:\/\/[^/]+\/api\/bridge\//.test(r.url))).toBe(false);
  expect(errors).toEqual([]);
});
