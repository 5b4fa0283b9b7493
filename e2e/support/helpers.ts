/** Shared steps of the e2e specs: the widget's state, screenshots, QR decoding, wallet calls. */
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_URL } from './ports';

export const SCREENSHOT_DIR = join('test-results', 'screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export const DEMO_KEY = 'sk_sandbox_demo';

/** The root of the `<PASSIDVerify>` on the playground page. */
export function widget(page: Page): Locator {
  return page.getByTestId('widget').locator('.passid-root');
}

/** Waits until the widget shows `state` (its `data-state` attribute). */
export async function expectState(page: Page, state: string, timeout = 10_000): Promise<void> {
  await expect(widget(page)).toHaveAttribute('data-state', state, { timeout });
}

/** Saves a screenshot as test-results/screenshots/<name>.png (the element, or the full page). */
export async function shot(target: Page | Locator, name: string): Promise<void> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage: true, animations: 'disabled' });
  else await target.screenshot({ path, animations: 'disabled' });
}

/** Fails the test on any console error or uncaught page error (favicon 404s aside). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon\.ico/.test(m.location().url) && !/Failed to load resource.*404/.test(m.text())) {
      errors.push(`console: ${m.text()}`);
    }
  });
  return errors;
}

/** Reads the QR canvas's pixels in the page and decodes them with jsQR in Node. */
export async function decodeQr(page: Page): Promise<string> {
  const canvas = widget(page).locator('canvas');
  await expect(canvas).toBeVisible();
  const image = await canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    const d = ctx.getImageData(0, 0, c.width, c.height);
    return { width: d.width, height: d.height, data: Array.from(d.data) };
  });
  const result = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
  if (!result) throw new Error(`jsQR could not read the ${image.width}×${image.height} canvas`);
  return result.data;
}

/** Generates a QR request in the playground; returns what the page shows and what the QR encodes. */
export async function generateQr(page: Page): Promise<{ requestId: string; code: string; deepLink: string }> {
  await widget(page).getByRole('button', { name: 'Generate QR code' }).click();
  await expectState(page, 'awaiting');
  const requestId = (await page.getByTestId('request-id').textContent())?.trim() ?? '';
  const code = (await widget(page).locator('.passid-code strong').textContent())?.trim() ?? '';
  const deepLink = await decodeQr(page);
  return { requestId, code, deepLink };
}

/** Signs a sandbox persona in, as the wallet would. */
export async function walletLogin(request: APIRequestContext, persona: string, base = SANDBOX_URL): Promise<string> {
  const res = await request.post(`${base}/api/sandbox/wallet/login`, { data: { persona } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { jwt: string }).jwt;
}

/** Fulfils (shares) a QR request straight through the wallet API. */
export async function walletFulfil(request: APIRequestContext, requestId: string, persona = 'amina', base = SANDBOX_URL) {
  const jwt = await walletLogin(request, persona, base);
  const res = await request.post(`${base}/api/bridge/request/${requestId}/fulfill`, {
    headers: { authorization: `Bearer ${jwt}` },
    data: {},
  });
  expect(res.status()).toBe(200);
}

/** The institution's view of a request (status endpoint). */
export async function requestStatus(request: APIRequestContext, requestId: string, base = SANDBOX_URL) {
  const res = await request.get(`${base}/api/bridge/request/${requestId}`, { headers: { 'x-institution-key': DEMO_KEY } });
  expect(res.status()).toBe(200);
  return (await res.json()) as { status: string; code: string; declineReason?: string };
}

/** The success badge shows `score` and carries `tier`. */
export async function expectScore(page: Page, score: number, tier: string): Promise<void> {
  const badge = widget(page).locator('.passid-badge');
  await expect(badge).toContainText(String(score));
  await expect(badge).toHaveAttribute('data-tier', tier);
}
