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
import { expectState, watchErrors, widget } from './support/helpers';

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
  test('QR path: Tab to "Generate QR code", Enter; the wallet simulator approves in another page; each state is announced once, focus lands on the result', async ({ page, context }) => {
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

    // The customer approves on their phone: the wallet simulator in another page, with its keyboard.
    const requestId = (await page.getByTestId('request-id').textContent())?.trim() ?? '';
    const wallet = await context.newPage();
    await wallet.goto(`/wallet?r=${requestId}`);
    const share = wallet.getByRole('button', { name: 'Share & Verify' });
    await share.focus();
    await wallet.keyboard.press('Enter');
    await expect(wallet.getByRole('heading', { name: 'Shared ✓' })).toBeVisible();
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

// ---------------------------------------------------------------------------------------------
// Visible focus

/** `rgb(…)`/`rgba(…)`/`color(srgb …)` → [r, g, b, a] in 0–255 (a in 0–1). */
function parseColour(css: string): [number, number, number, number] {
  const srgb = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/.exec(css);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
  if (!rgb) throw new Error(`unparsed colour ${css}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
}

/** WCAG relative luminance of an sRGB colour (0–255 channels). */
function luminanceOf([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * The focused element's focus indicator: its outline (it must be `:focus-visible` and draw
 * one, at least 2 px), and the colour it is drawn on: with a non-negative outline-offset the
 * ring lies outside the element, on the nearest ancestor's opaque background.
 */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    let behind = '';
    for (let node = el.parentElement; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) {
        behind = bg;
        break;
      }
    }
    return {
      what: `${el.tagName} ${(el.textContent || el.getAttribute('name') || '').trim()}`,
      focusVisible: el.matches(':focus-visible'),
      style: cs.outlineStyle,
      width: Number.parseFloat(cs.outlineWidth),
      offset: Number.parseFloat(cs.outlineOffset),
      colour: cs.outlineColor,
      behind,
    };
  });
}

async function expectVisibleRing(page: Page, label: string) {
  const ring = await focusRing(page);
  expect(ring.focusVisible, `${label}: ${ring.what} matches :focus-visible`).toBe(true);
  expect(ring.style, `${label}: ${ring.what} draws an outline`).not.toBe('none');
  expect(ring.width, `${label}: ${ring.what} outline width`).toBeGreaterThanOrEqual(2);
  expect(ring.offset, `${label}: ${ring.what} outline outside the element`).toBeGreaterThanOrEqual(0);
  const ratio = contrast(luminanceOf(parseColour(ring.colour)), luminanceOf(parseColour(ring.behind)));
  expect(ratio, `${label}: ${ring.what} ring ${ring.colour} on ${ring.behind}`).toBeGreaterThanOrEqual(3);
  return ring;
}

for (const scheme of [
  { name: 'light', query: '' },
  { name: 'dark', query: '&dark=1' },
  // A custom primary in dark mode: a ring in the primary would be 2.6:1 on the dark background.
  { name: 'dark-blue-primary', query: '&dark=1&primary=%231d4ed8' },
]) {
  test(`visible focus (${scheme.name}): every control of the widget shows a ring of at least 3:1 on its background`, async ({ page }) => {
    await page.goto(`/?next=1${scheme.query}`);
    await expectState(page, 'idle');
    const seen: string[] = [];
    // idle: "Generate QR code", the token field, "Verify token".
    await tabUntil(page, isGenerate);
    seen.push((await expectVisibleRing(page, scheme.name)).what);
    await widget(page).screenshot({ path: join(SHOTS, `focus-${scheme.name}-generate.png`) });
    await page.keyboard.press('Tab');
    seen.push((await expectVisibleRing(page, scheme.name)).what);
    await page.keyboard.type('EXPD-TOKN-0001');
    await widget(page).screenshot({ path: join(SHOTS, `focus-${scheme.name}-token-field.png`) });
    await page.keyboard.press('Tab');
    seen.push((await expectVisibleRing(page, scheme.name)).what);
    await widget(page).screenshot({ path: join(SHOTS, `focus-${scheme.name}-verify-token.png`) });
    // declined: focus is moved to "Try again" (by the widget, after a keyboard action: still a visible ring).
    await page.keyboard.press('Enter');
    await expectState(page, 'declined');
    seen.push((await expectVisibleRing(page, scheme.name)).what);
    await widget(page).screenshot({ path: join(SHOTS, `focus-${scheme.name}-try-again.png`) });
    await page.keyboard.press('Enter');
    await expectState(page, 'idle');
    await page.keyboard.type('KE8V-3TXY-Z72L');
    await page.keyboard.press('Enter');
    await expectState(page, 'success');
    // success: "Verify another customer".
    await tabUntil(page, (el) => el.inWidget && el.tag === 'BUTTON', 3);
    seen.push((await expectVisibleRing(page, scheme.name)).what);
    await widget(page).screenshot({ path: join(SHOTS, `focus-${scheme.name}-next-customer.png`) });
    expect(seen).toEqual([
      'BUTTON Generate QR code',
      'INPUT passid-token',
      'BUTTON Verify token',
      'BUTTON Try again',
      'BUTTON Verify another customer',
    ]);
  });
}

// ---------------------------------------------------------------------------------------------
// Reduced motion

/** The animations running on elements of the widget, by name. */
const widgetAnimations = (page: Page) =>
  page.evaluate(() =>
    document
      .getAnimations()
      .filter((a) => {
        const target = (a.effect as KeyframeEffect | null)?.target;
        return !!target?.closest('.passid-root') && a.playState === 'running';
      })
      .map((a) => (a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty ?? 'animation'),
  );

/** Every element of the widget with a transition longer than 0 s. */
const widgetTransitions = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.passid-root, .passid-root *')]
      .filter((el) => getComputedStyle(el).transitionDuration.split(',').some((d) => Number.parseFloat(d) > 0))
      .map((el) => el.className),
  );

for (const motion of ['reduce', 'no-preference'] as const) {
  test(`reduced motion (${motion}): the spinner and the pulse ${motion === 'reduce' ? 'stand still' : 'move'}`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: motion });
    // Hold the session's creation (it still goes to the real sandbox) so the spinner can be looked at.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/bridge/request', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await page.goto('/');
    await expectState(page, 'idle');
    await tabUntil(page, isGenerate);
    await page.keyboard.press('Enter');
    await expectState(page, 'requesting');
    await expect(widget(page).locator('.passid-spinner')).toBeVisible();
    if (motion === 'reduce') {
      expect(await widgetAnimations(page)).toEqual([]);
      await expect(widget(page).locator('.passid-spinner')).toHaveCSS('animation-name', 'none');
    } else {
      expect(await widgetAnimations(page)).toEqual(['passid-spin']);
    }
    expect(await widgetTransitions(page)).toEqual([]);
    release();
    await expectState(page, 'awaiting');
    await expect(widget(page).locator('.passid-pulse')).toBeVisible();
    expect(await widgetAnimations(page)).toEqual(motion === 'reduce' ? [] : ['passid-pulse']);
    expect(await widgetTransitions(page)).toEqual([]);
  });
}

// ---------------------------------------------------------------------------------------------
// The QR with a custom primary and in dark mode

for (const look of [
  { name: 'dark', query: '?dark=1' },
  { name: 'light-yellow-primary', query: '?primary=%23ffeb3b' },
  { name: 'dark-yellow-primary', query: '?dark=1&primary=%23ffeb3b' },
  { name: 'dark-navy-primary', query: '?dark=1&primary=%231a237e' },
]) {
  test(`QR (${look.name}): decodes to the request's deep link, modules on background at least 4.5:1`, async ({ page }) => {
    await page.goto(`/${look.query}`);
    await expectState(page, 'idle');
    await tabUntil(page, isGenerate);
    await page.keyboard.press('Enter');
    await expectState(page, 'awaiting');
    const requestId = (await page.getByTestId('request-id').textContent())?.trim() ?? '';
    const canvas = widget(page).locator('canvas');
    const pixels = await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      return { width: d.width, height: d.height, data: Array.from(d.data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
    expect(decoded?.data).toContain(`r=${requestId}`);
    let darkest = 1;
    let lightest = 0;
    for (let i = 0; i < pixels.data.length; i += 4) {
      const l = luminanceOf(pixels.data.slice(i, i + 3));
      darkest = Math.min(darkest, l);
      lightest = Math.max(lightest, l);
    }
    expect(contrast(darkest, lightest)).toBeGreaterThanOrEqual(4.5);
    // The quiet zone (the canvas's corner) is the light colour: dark modules on a light ground.
    expect(luminanceOf(pixels.data.slice(0, 3))).toBe(lightest);
    await widget(page).screenshot({ path: join(SHOTS, `qr-${look.name}.png`) });
  });
}

// ---------------------------------------------------------------------------------------------
// The playground on a phone

test.describe('playground at 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the widget is first on screen and in the Tab order; Tab never jumps back up the page', async ({ page }) => {
    await page.goto('/');
    await expectState(page, 'idle');
    await expect(widget(page)).toBeInViewport();
    const top = (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const widgetTop = await top('[data-testid="widget"]');
    for (const other of ['.col-result', '.col-controls', '.col-fixtures', '.col-log']) {
      expect(widgetTop, other).toBeLessThan(await top(other));
    }
    expect(await tabUntil(page, isGenerate)).toBeLessThanOrEqual(3);
    await page.screenshot({ path: join(SHOTS, 'playground-390-generate-focused.png') });

    // Every Tab stop of the page, in order, with where it is on the page.
    const stops: { what: string; y: number }[] = [];
    for (let i = 0; i < 120; i++) {
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const r = el.getBoundingClientRect();
        return { what: `${el.tagName} ${(el.textContent || el.getAttribute('name') || el.getAttribute('type') || '').trim().slice(0, 30)}`, y: r.top + window.scrollY };
      });
      if (!stop || stops.some((s) => s.what === stop.what && s.y === stop.y)) break;
      stops.push(stop);
      await page.keyboard.press('Tab');
    }
    expect(stops.length).toBeGreaterThan(20);
    // Top to bottom: no stop sits more than a row's height above the one before it.
    for (let i = 1; i < stops.length; i++) {
      expect(stops[i]!.y, `${stops[i - 1]!.what} → ${stops[i]!.what}`).toBeGreaterThanOrEqual(stops[i - 1]!.y - 12);
    }
  });

  for (const locale of ['en', 'fr']) {
    test(`the token field shows its whole placeholder (${locale})`, async ({ page }) => {
      await page.goto(`/?locale=${locale}`);
      await expectState(page, 'idle');
      const field = widget(page).locator('input[name="passid-token"]');
      // The placeholder's text typed into the field: it must fit without scrolling.
      const fit = await field.evaluate((input: HTMLInputElement) => {
        const before = input.value;
        input.value = input.placeholder;
        const result = { placeholder: input.placeholder, scrollWidth: input.scrollWidth, clientWidth: input.clientWidth };
        input.value = before;
        return result;
      });
      expect(fit.placeholder).toMatch(/X{4}/);
      expect(fit.scrollWidth, JSON.stringify(fit)).toBeLessThanOrEqual(fit.clientWidth);
      await widget(page).screenshot({ path: join(SHOTS, `playground-390-token-field-${locale}.png`) });
    });
  }
});
