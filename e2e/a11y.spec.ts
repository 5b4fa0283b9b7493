/** axe-core on the playground page and the wallet simulator, in their main states. */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expectState, generateQr, shot } from './support/helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the playground (idle, awaiting, success, dark) and the wallet simulator have no serious axe violation', async ({ page, context }) => {
  // Six axe runs over two pages: about 30 s on the 2-core machine, more when it is busy.
  test.setTimeout(120_000);
  await page.goto('/');
  await expectState(page, 'idle');
  expect(await seriousViolations(page)).toEqual([]);

  const { requestId } = await generateQr(page);
  expect(await seriousViolations(page)).toEqual([]);

  const wallet = await context.newPage();
  await wallet.goto(`/wallet?r=${requestId}`);
  await expect(wallet.getByRole('button', { name: 'Share & Verify' })).toBeVisible();
  expect(await seriousViolations(wallet)).toEqual([]);
  await wallet.getByRole('button', { name: 'Share & Verify' }).click();
  await expect(wallet.getByRole('heading', { name: 'Shared ✓' })).toBeVisible();
  await wallet.getByRole('button', { name: 'Create share token' }).click();
  await expect(wallet.getByTestId('share-token')).toBeVisible();
  expect(await seriousViolations(wallet)).toEqual([]);

  await expectState(page, 'success', 5_500);
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto('/?dark=1&locale=fr&primary=%231d4ed8');
  await expectState(page, 'idle');
  await expect(page.getByRole('button', { name: 'Générer un code QR' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'playground-dark-fr');
});
