/**
 * Keyboard and screen reader: both paths completed with the keyboard alone (no click on the
 * widget), what the live region announces in each state, where focus goes, a visible focus
 * ring in light and dark, reduced motion, the QR's contrast with a custom primary and in dark
 * mode, and the playground on a 390 px phone (widget first, Tab order = visual order).
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { expectState, walletFulfil, watchErrors, widget } from './support/helpers';

const SHOTS = process.env.A11Y_SHOTS_DIR ?? join('test-results', 'a11y-shots');
mkdirSync(SHOTS, { recursive: true });

/** The English live-region texts (packages/core/src/i18n/messages.ts). */
const LIVE = {
  requesting: 'Creating verification session…',
  awaiting: /^QR code ready\. Waiting for the customer to approve in the PASSID app\. Code [A-Z0-9]{4}-[A-Z0-9]{4}\.$/,
  verifying: 'Verifying credential…',
  success: 'Credential verified.',
  idle: 'Ready to verify a PASSID credential.',
  declinedExpiredToken:
    'Verification declined. This token has expired. Ask the customer to create a fresh share in the PASSID app.',
};

/**
 * Records every text the widget's live region (`role="status"`, `aria-live`) takes, in order,
 * from the first paint: what a screen reader is given to announce.
 */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: string[] = [];
    (window as unknown as { __announced: string[] }).__announced = said;
    let last = '';
    new MutationObserver(() => {
      const region = document.querySelector('.passid-root [role="status"][aria-live]');
      const text = region?.textContent ?? '';
      if (text !== last) {
        last = text;
        if (text) said.push(text);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const announced = (page: Page) => page.evaluate(() => [...(window as unknown as { __announced: string[] }).__announced]);

/** A short description of the focused element, for the assertions and their messages. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { inWidget: false, tag: 'BODY', text: '', name: '' };
    return {
      inWidget: !!el.closest('.passid-root'),
      tag: el.tagName,
      text: (el.textContent ?? '').trim(),
      name: el.getAttribute('name') ?? '',
    };
  });

/** Presses Tab until `match` holds for the focused element; returns how many presses it took. */
async function tabUntil(page: Page, match: (el: Awaited<ReturnType<typeof focused>>) => boolean, max = 60): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (match(await focused(page))) return presses;
  }
  throw new Error(`not reached within ${max} Tab presses; focus is on ${JSON.stringify(await focused(page))}`);
}

const isGenerate = (el: { inWidget: boolean; tag: string; text: string }) => el.inWidget && el.tag === 'BUTTON' && el.text === 'Generate QR code';
const isTokenField = (el: { inWidget: boolean; name: string }) => el.inWidget && el.name === 'passid-token';

test.describe('keyboard alone', () => {
  test('QR path: Tab to "Generate QR code", Enter; the wallet approves; each state is announced once, focus lands on the result', async ({ page, context, request }) => {
    const errors = watchErrors(page);
    await recordAnnouncements(page);
    await page.goto('/');
    await expectState(page, 'idle');
    // Nothing is announced on load: the idle text would only be noise.
    expect(await announced(page)).toEqual([]);

    const presses = await tabUntil(page, isGenerate);
    expect(presses).toBeLessThanOrEqual(3);
    await page.screenshot({ path: join(SHOTS, 'keyboard-qr-generate-focused.png') });
    await page.keyboard.press('Enter');
    await expectState(page, 'awaiting');
    // Focus followed the state into the widget (the new panel), not to <body>.
    expect((await focused(page)).inWidget).toBe(true);

    // The countdown ticks (twice) without a word in the live region: role="timer" is not live.
    const countdown = widget(page).getByRole('timer');
    const first = await countdown.textContent();
    await expect(countdown).not.toHaveText(first ?? '', { timeout: 3_000 });
    const second = await countdown.textContent();
    await expect(countdown).not.toHaveText(second ?? '', { timeout: 3_000 });
    const whileAwaiting = await announced(page);
    expect(whileAwaiting).toHaveLength(2);
    expect(whileAwaiting[0]).toBe(LIVE.requesting);
    expect(whileAwaiting[1]).toMatch(LIVE.awaiting);
    const code = (await widget(page).locator('.passid-code strong').textContent())?.trim() ?? '';
    expect(whileAwaiting[1]).toContain(`Code ${code}.`);

    // The customer approves on their phone (the wallet simulator's own API).
    const requestId = (await page.getByTestId('request-id').textContent())?.trim() ?? '';
    await walletFulfil(request, requestId);
    await expectState(page, 'success', 8_000);
    await expect.poll(() => announced(page)).toEqual([whileAwaiting[0], whileAwaiting[1], LIVE.success]);
    // Focus is on the result's heading, inside the widget.
    expect(await focused(page)).toMatchObject({ inWidget: true, tag: 'H3', text: 'Credential verified' });
    expect(errors).toEqual([]);
  });

  test('manual token path: Tab to the field, type, Enter; verifying, success, then "Verify another customer" and a declined token', async ({ page }) => {
    const errors = watchErrors(page);
    await recordAnnouncements(page);
    await page.goto('/?next=1');
    await expectState(page, 'idle');

    await tabUntil(page, isTokenField);
    await page.keyboard.type('KE8V-3TXY-Z72L');
    await page.keyboard.press('Enter');
    await expectState(page, 'success');
    await expect.poll(() => announced(page)).toEqual([LIVE.verifying, LIVE.success]);
    expect(await focused(page)).toMatchObject({ inWidget: true, tag: 'H3', text: 'Credential verified' });
    await expect(widget(page).locator('.passid-badge')).toContainText('812');

    // The next customer: Tab from the heading reaches the button, Space presses it.
    await tabUntil(page, (el) => el.inWidget && el.tag === 'BUTTON' && el.text === 'Verify another customer', 3);
    await widget(page).screenshot({ path: join(SHOTS, 'next-customer-focused-light.png') });
    await page.keyboard.press('Space');
    await expectState(page, 'idle');
    // A fresh widget, announced, with focus on its first control.
    await expect.poll(() => announced(page)).toEqual([LIVE.verifying, LIVE.success, LIVE.idle]);
    expect(await focused(page)).toMatchObject({ inWidget: true, tag: 'BUTTON', text: 'Generate QR code' });
    await expect(widget(page).getByLabel('PASSID token')).toHaveValue('');

    // A refused token: declined is announced with its reason; focus on "Try again".
    await tabUntil(page, isTokenField, 3);
    await page.keyboard.type('EXPD-TOKN-0001');
    await page.keyboard.press('Enter');
    await expectState(page, 'declined');
    await expect.poll(() => announced(page)).toEqual([LIVE.verifying, LIVE.success, LIVE.idle, LIVE.verifying, LIVE.declinedExpiredToken]);
    expect(await focused(page)).toMatchObject({ inWidget: true, tag: 'BUTTON', text: 'Try again' });
    // "Try again" after a refused token: back to the field.
    await page.keyboard.press('Enter');
    await expectState(page, 'idle');
    expect(await focused(page)).toMatchObject({ inWidget: true, name: 'passid-token' });
    expect(errors).toEqual([]);
  });
});
