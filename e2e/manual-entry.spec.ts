/** Manual entry: a one-time token made by the wallet simulator, and every sandbox fixture. */
import { expect, test, type Page } from '@playwright/test';
import { expectState, shot, watchErrors, widget, expectScore } from './support/helpers';

async function enterToken(page: Page, token: string) {
  await widget(page).getByLabel('PASSID token').fill(token);
  await widget(page).getByRole('button', { name: 'Verify token' }).click();
}

test('a wallet-made share token verifies once; the same token again is TOKEN_ALREADY_USED', async ({ page, context }) => {
  const errors = watchErrors(page);
  const wallet = await context.newPage();
  await wallet.goto('/wallet?persona=chidi');
  await wallet.getByRole('button', { name: 'Create share token' }).click();
  await expect(wallet.getByRole('heading', { name: 'Your share token' })).toBeFocused();
  const tokenEl = wallet.getByTestId('share-token');
  await expect(tokenEl).toHaveText(/^PASSID-[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  const token = (await tokenEl.textContent())!.trim();
  await wallet.setViewportSize({ width: 400, height: 860 });
  await shot(wallet, 'wallet-share-token');

  await page.goto('/');
  // Typed as a person would: lower case, no prefix, no dashes.
  await enterToken(page, token.replace('PASSID-', '').replaceAll('-', '').toLowerCase());
  await expectState(page, 'success');
  await expectScore(page, 743, 'B');
  await expect(page.getByTestId('result-json')).toContainText('"corridor": "NG→US"');

  await page.reload();
  await enterToken(page, token);
  await expectState(page, 'declined');
  await expect(widget(page).getByText('This one-time token was already used. Ask the customer to create a new share.', { exact: true })).toBeVisible();
  await expect(page.getByTestId('result-decline')).toContainText('TOKEN_ALREADY_USED');
  expect(errors).toEqual([]);
});

const CASES = [
  { token: 'KE8V-3TXY-Z72L', state: 'success', text: '812', tier: 'A', shot: 'widget-success-tier-a-token' },
  { token: 'NG4M-XQRS-T88W', state: 'success', text: '743', tier: 'B', shot: 'widget-success-tier-b' },
  { token: 'GH2P-ABCD-56KL', state: 'success', text: '671', tier: 'C', shot: 'widget-success-tier-c' },
  { token: 'EXPD-TOKN-0001', state: 'declined', text: 'This token has expired. Ask the customer to create a fresh share in the PASSID app.', shot: 'widget-declined-token-expired' },
  { token: 'RVKD-TOKN-0001', state: 'declined', text: 'The customer revoked this token in their PASSID wallet. Ask them to create a new share.', shot: 'widget-declined-token-revoked' },
  { token: 'USED-TOKN-0001', state: 'declined', text: 'This one-time token was already used. Ask the customer to create a new share.', shot: 'widget-declined-token-used' },
  { token: 'OTHR-INST-0001', state: 'declined', text: 'This token was issued for a different institution. Ask the customer to share with you again.', shot: 'widget-declined-institution-mismatch' },
  { token: 'SANC-HITS-0001', state: 'declined', text: 'This customer cannot be verified. Do not proceed with this application.', shot: 'widget-declined-sanctions' },
] as const;

test('every sandbox fixture token, by the playground\'s one-click "Verify", gives its documented result', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  for (const c of CASES) {
    await test.step(c.token, async () => {
      await page.getByRole('button', { name: `Verify ${c.token}` }).click();
      await expectState(page, c.state);
      // The row says what the widget reported, and the widget's answer is on screen (below the sticky header).
      await expect(page.getByTestId(`fixture-outcome-${c.token}`)).toHaveText(
        c.state === 'success' ? `→ Tier ${c.tier} · ${c.text}` : new RegExp(`^→ [A-Z_]+$`),
      );
      await expect(widget(page)).toBeInViewport();
      const headerBottom = await page.locator('.topbar').evaluate((el) => el.getBoundingClientRect().bottom);
      expect(await widget(page).evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(headerBottom);
      if (c.state === 'success') {
        await expectScore(page, Number(c.text), c.tier);
      } else {
        await expect(widget(page).getByText(c.text, { exact: true })).toBeVisible();
        await expect(widget(page).getByRole('heading', { name: 'Credential verified' })).toHaveCount(0);
        await expect(page.getByTestId('result-decline')).toContainText(c.token === 'SANC-HITS-0001' ? 'HARD_DENY_SANCTIONS_MATCH' : '_');
      }
      await shot(widget(page), c.shot);
    });
  }
  await shot(page, 'playground-fixture-result');
  expect(errors).toEqual([]);
});

test('any other well-formed token is TOKEN_NOT_FOUND; malformed input is caught before any request', async ({ page }) => {
  await page.goto('/');
  let verifyCalls = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/bridge/verify')) verifyCalls += 1;
  });
  await enterToken(page, 'hello');
  await expect(widget(page).getByText(/does not look like a PASSID token/)).toBeVisible();
  expect(verifyCalls).toBe(0);
  await shot(widget(page), 'widget-token-malformed');
  await enterToken(page, 'PASSID-ABCD-EFGH-JKLM-NPQR');
  await expectState(page, 'declined');
  await expect(widget(page).getByText("We couldn't find that token. Ask the customer to create a new share in the PASSID app.", { exact: true })).toBeVisible();
  expect(verifyCalls).toBe(1);
  await shot(widget(page), 'widget-declined-token-not-found');
});
