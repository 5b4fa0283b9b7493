/** Proxy mode: the playground's backend holds the key; the browser never sends one. */
import { expect, test } from '@playwright/test';
import { expectState, generateQr, shot, walletFulfil, watchErrors, widget, expectScore } from './support/helpers';

test('proxy mode completes a QR flow and no browser request carries X-Institution-Key', async ({ page, request }) => {
  const errors = watchErrors(page);
  const seen: { url: string; key: string | null }[] = [];
  page.on('request', (r) => seen.push({ url: r.url(), key: r.headers()['x-institution-key'] ?? null }));

  await page.goto('/?mode=proxy');
  await expect(page.getByText('<PASSIDVerify endpoint="/api/passid" />')).toBeVisible();
  const { requestId: shown, deepLink } = await generateQr(page);
  const requestId = new URL(deepLink.replace('passid://', 'http://')).searchParams.get('r') ?? '';
  // The playground's wallet link carries the raw id the wallet needs, as the deep link does.
  expect(shown).toBe(requestId);
  await expect(page.getByRole('link', { name: /Open in wallet simulator/ })).toHaveAttribute(
    'href',
    `/wallet?r=${encodeURIComponent(requestId)}`,
  );
  await walletFulfil(request, requestId, 'amina');
  await expectState(page, 'success', 5_500);
  // The browser read the status (the stream, or a poll) with the proxy's opaque handle
  // `<requestId>.<mac>`, never the raw id.
  const reads = seen.filter((r) => r.url.includes('/api/passid/request/')).map((r) => new URL(r.url).pathname);
  expect(reads.length).toBeGreaterThanOrEqual(1);
  for (const path of reads) expect(path).toMatch(new RegExp(`^/api/passid/request/${requestId}\\.[A-Za-z0-9_-]{22,}(/events)?$`));
  await expectScore(page, 812, 'A');
  await shot(page, 'playground-proxy-success');

  const proxied = seen.filter((r) => r.url.includes('/api/passid/'));
  expect(proxied.length).toBeGreaterThanOrEqual(2); // the create and at least one status read
  expect(seen.filter((r) => r.key !== null)).toEqual([]);
  expect(seen.some((r) => /:\/\/[^/]+\/api\/bridge\//.test(r.url))).toBe(false);
  expect(errors).toEqual([]);
});
