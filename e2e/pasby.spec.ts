/**
 * pasby in real Chromium, as a new user would run it: the playground's provider switch, the
 * playground server's `createPasbyProxy` against the sandbox's `/pasby`, and the wallet
 * simulator playing the pasby app. The wildcard QR decoded from the canvas is one of the
 * flow's seeds; a scan hides it; approval shows the decrypted name. Same-device by the link;
 * different-device with a persona's NIN (declined in the app) and with an unknown NIN (the way
 * onward to the QR). A session left early is void at pasby. axe and a screenshot in every state.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { decodeQr, expectState, shot, watchErrors, widget } from './support/helpers';
import { SANDBOX_URL } from './support/ports';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** axe on the page, then a screenshot of the widget. */
async function check(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([]);
  await shot(widget(page), name);
}

const sessionCreated = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/pasby/session') && r.request().method() === 'POST');

test('wildcard: a seed of the flow on the QR, scanned by the wallet, approved: the page shows the decrypted name', async ({ page, context }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.clock.install(); // real time flows, until the test pauses it to watch the rotation
  await page.goto('/?provider=pasby');
  await expectState(page, 'idle');
  await expect(page.locator('.stage-caption')).toContainText('<PasbyVerify endpoint="/api/pasby" mode="wildcard" />');
  await check(page, 'pasby-idle-wildcard');

  const created = sessionCreated(page);
  await widget(page).getByRole('button', { name: 'Show QR code' }).click();
  const { seeds } = (await (await created).json()) as { seeds: string[] };
  expect(seeds).toHaveLength(5);
  await expectState(page, 'awaiting');
  await check(page, 'pasby-awaiting-wildcard');
  await shot(page, 'pasby-playground-awaiting');
  // Time paused (axe needs it to run, so after it): the seed holds still while it is read; then
  // any 5 s of it holds exactly one rotation, to the next seed of the same flow.
  await page.clock.pauseAt(Date.now() + 500);
  const helper = page.getByTestId('pasby-value');
  const first = await decodeQr(page);
  expect(seeds).toContain(first);
  await expect(helper).toHaveText(first);
  await page.clock.runFor(5_000);
  await expect(helper).not.toHaveText(first);
  const shown = (await helper.textContent()) ?? '';
  expect(await decodeQr(page)).toBe(shown);
  expect(seeds.indexOf(shown)).toBe((seeds.indexOf(first) + 1) % seeds.length);
  await page.clock.resume();

  const wallet = await context.newPage();
  const walletErrors = watchErrors(wallet);
  await wallet.goto('/wallet?app=pasby');
  await wallet.getByLabel('Seed (what the QR code holds)').fill(shown);
  await wallet.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(wallet.getByRole('heading', { name: 'Sandbox Bank' })).toBeFocused();
  await expect(wallet.getByText('Given name')).toBeVisible();
  expect(await seriousViolations(wallet)).toEqual([]);
  await shot(wallet, 'pasby-wallet-request');

  await expect(widget(page).getByRole('heading', { name: 'Approve in your pasby app' })).toBeVisible({ timeout: 5_000 });
  await expect(widget(page).locator('canvas')).toHaveCount(0);
  await check(page, 'pasby-awaiting-picked-up');

  await wallet.getByRole('button', { name: 'Approve' }).click();
  await expect(wallet.getByRole('heading', { name: 'Approved ✓' })).toBeVisible();
  await shot(wallet, 'pasby-wallet-approved');
  await expectState(page, 'success', 5_000);
  await expect(widget(page).locator('.passid-name')).toHaveText('Amina Wanjiru');
  await expect(widget(page).getByRole('heading', { name: 'Identity confirmed' })).toBeVisible();
  await expect(page.getByTestId('result-json')).toContainText('"given": "Amina"');
  await check(page, 'pasby-success');
  await shot(page, 'pasby-playground-success');
  expect(errors).toEqual([]);
  expect(walletErrors).toEqual([]);
});

test('same-device: "Open pasby" is a real link once it exists; the wallet opens it; approval completes', async ({ page, context }) => {
  await page.goto('/?provider=pasby&pasbyMode=same-device&claims=naming.given,naming.middle,naming.family,contact.email');
  await expectState(page, 'idle');
  await check(page, 'pasby-idle-same-device');
  // Hold the create answer, to see the link disabled while the session is being made.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/pasby/session', async (route) => {
    await held;
    await route.continue();
  });
  await widget(page).getByRole('button', { name: 'Continue with pasby' }).click();
  await expectState(page, 'requesting');
  const disabled = widget(page).getByRole('link', { name: 'Open pasby' });
  await expect(disabled).toHaveAttribute('aria-disabled', 'true');
  await expect(disabled).not.toHaveAttribute('href', /./);
  await check(page, 'pasby-requesting-same-device');
  release();
  await expectState(page, 'awaiting');
  const link = widget(page).getByRole('link', { name: 'Open pasby' });
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^https:\/\/open\.pasby\.africa\/app\/\?mode=identification&id=req_[^&]+&source=mobile$/);
  await expect(link).toBeFocused();
  await check(page, 'pasby-awaiting-same-device');

  const wallet = await context.newPage();
  await wallet.goto(`/wallet?app=pasby&link=${encodeURIComponent(href)}`);
  await wallet.getByText('Chidi Okafor').click();
  await wallet.getByRole('button', { name: 'Open link' }).click();
  await expect(wallet.getByRole('heading', { name: 'Sandbox Bank' })).toBeVisible();
  await expect(widget(page).getByRole('link')).toHaveCount(0);
  await wallet.getByRole('button', { name: 'Approve' }).click();
  await expectState(page, 'success', 5_000);
  await expect(widget(page).locator('.passid-name')).toHaveText('Chidi Emeka Okafor');
  await expect(widget(page).locator('dd')).toHaveText(['Chidi', 'Emeka', 'Okafor', /^chidi\.okafor@/]);
});

test('different-device: a persona\'s NIN gets the push, opened and declined in the app', async ({ page, context }) => {
  await page.goto('/?provider=pasby&pasbyMode=different-device');
  await expectState(page, 'idle');
  await check(page, 'pasby-idle-different-device');
  const field = widget(page).getByRole('textbox', { name: 'National identification number (NIN)' });
  await field.fill('3456789');
  await field.press('Enter');
  await expect(widget(page).getByRole('alert')).toHaveText('A national identification number has exactly 11 digits.');
  await check(page, 'pasby-idle-nin-invalid');
  await field.fill('345 6789 0123');
  await field.press('Enter');
  await expectState(page, 'awaiting');
  await expect(widget(page)).toContainText('We sent a request to the pasby app');
  await check(page, 'pasby-awaiting-different-device');

  const wallet = await context.newPage();
  await wallet.goto('/wallet?app=pasby&persona=kwame');
  const inbox = wallet.getByTestId('pasby-inbox');
  await expect(inbox).toContainText('Sandbox Bank', { timeout: 5_000 });
  expect(await seriousViolations(wallet)).toEqual([]);
  await shot(wallet, 'pasby-wallet-inbox');
  await inbox.getByRole('button', { name: 'Open' }).click();
  await expect(widget(page).getByRole('heading', { name: 'Approve in your pasby app' })).toBeVisible({ timeout: 5_000 });
  await wallet.getByRole('button', { name: 'Decline' }).click();
  await expect(wallet.getByRole('heading', { name: 'Request declined' })).toBeVisible();
  await expectState(page, 'declined', 5_000);
  await expect(widget(page)).toContainText('The request was declined in the pasby app, or cancelled.');
  await expect(page.getByTestId('result-decline')).toContainText('CANCELLED');
  await check(page, 'pasby-declined-cancelled');
});

test('different-device: an unknown NIN is "no pasby ID", and the QR code is the way onward', async ({ page }) => {
  await page.goto('/?provider=pasby&pasbyMode=different-device');
  const field = widget(page).getByRole('textbox', { name: /NIN/ });
  await field.fill('99999999999');
  await widget(page).getByRole('button', { name: 'Send to the pasby app' }).click();
  await expectState(page, 'declined');
  await expect(widget(page).getByRole('heading', { name: 'No pasby ID for this number' })).toBeVisible();
  const onward = widget(page).getByRole('button', { name: 'Use a QR code instead' });
  await expect(onward).toBeFocused();
  await expect(page.getByTestId('result-decline')).toContainText('NOT_ON_PASBY');
  await check(page, 'pasby-declined-not-on-pasby');
  const created = sessionCreated(page);
  await page.keyboard.press('Enter');
  const { seeds } = (await (await created).json()) as { seeds: string[] };
  await expectState(page, 'awaiting');
  await expect(widget(page)).toHaveAttribute('data-pasby-mode', 'wildcard');
  expect(seeds).toContain(await decodeQr(page));
});

test('a session left early (the widget unmounts) is cancelled at pasby: its seeds are void', async ({ page, request }) => {
  await page.goto('/?provider=pasby');
  const created = sessionCreated(page);
  await widget(page).getByRole('button', { name: 'Show QR code' }).click();
  const { seeds, handle } = (await (await created).json()) as { seeds: string[]; handle: string };
  await expectState(page, 'awaiting');
  const cancelled = page.waitForResponse((r) => r.url().endsWith(`/session/${encodeURIComponent(handle)}/cancel`));
  await page.getByRole('radio', { name: 'PASSID' }).check(); // the provider switch: the pasby widget unmounts
  expect((await cancelled).status()).toBe(200);
  const scan = await request.post(`${SANDBOX_URL}/pasby/sandbox/wallet/scan`, { data: { persona: 'amina', seed: seeds[0] } });
  expect(scan.status()).toBe(409);
});

test('French and dark: the pasby widget in the other language and theme has no serious axe violation', async ({ page }) => {
  await page.goto('/?provider=pasby&pasbyMode=different-device&locale=fr&dark=1&primary=%231d4ed8');
  await expectState(page, 'idle');
  await expect(widget(page).getByRole('button', { name: "Envoyer à l'application pasby" })).toBeVisible();
  await check(page, 'pasby-idle-fr-dark');
});
