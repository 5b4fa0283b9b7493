/**
 * The axe matrix: every `<PASSIDVerify>` and `<PasbyVerify>` story of the Storybook build, in
 * each of the seven languages (the toolbar's `locale` global), has no serious or critical
 * axe-core violation, renders the state it claims, in that language and direction, with no
 * console or page error. One page for everything: the language and the story are switched in
 * place through Storybook's channel (no reload), and axe-core is injected once and asked for
 * violations only, so the matrix stays a few minutes on 2 cores.
 * Build first: `pnpm storybook:build`. `LOCALE_SHOTS=<dir>` also saves a screenshot of every
 * story in Arabic and Swahili there (off in CI).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { STORYBOOK_URL } from './support/ports';
import { builtStories } from './support/storybook-index';

const stories = builtStories().filter((e) => /^(PASSIDVerify|PasbyVerify)\//.test(e.title));
const LOCALES = ['en', 'fr', 'sw', 'ha', 'yo', 'ig', 'ar'] as const;
const SHOTS = process.env.LOCALE_SHOTS;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Channel = {
  emit(event: string, payload: unknown): void;
  on(event: string, listener: (payload: unknown) => void): void;
  off(event: string, listener: (payload: unknown) => void): void;
};
/** What the page gets: axe-core, and `runAxe` (violations only, in the story's root). */
type WithAxe = { axe: { run(context: string, options: object): Promise<AxeResults> }; runAxe(): Promise<AxeResults> };

test.describe.configure({ mode: 'serial' });
let context: BrowserContext;
let page: Page;
let errors: string[] = [];
/** The story on the page: the last one first, so that switching to the first one renders anew. */
let current = stories.at(-1)!.id;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ reducedMotion: 'reduce' });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${STORYBOOK_URL}/iframe.html?id=${current}&viewMode=story`);
  await expect(page.locator('#storybook-root .passid-root')).toBeVisible();
  // The injected axe does see a violation (an unnamed button), so a clean result means something.
  // (Polled: should the page load anew in between, axe is injected again.)
  const probe = async () => {
    await injectAxe();
    return page.evaluate(async () => {
      const w = window as unknown as Partial<WithAxe>;
      const button = document.querySelector('#storybook-root')!.appendChild(document.createElement('button'));
      try {
        return (await w.runAxe?.())?.violations.map((v) => v.id) ?? [];
      } finally {
        button.remove();
      }
    });
  };
  await expect.poll(probe).toContain('button-name');
});
test.afterAll(async () => {
  await context.close();
});

/**
 * Puts axe-core and `runAxe` (violations only, in the story's root) in the page unless they are
 * there: once for the whole matrix, as @axe-core/playwright injects it, and again only if the
 * page loaded anew (the static Storybook reloads itself once, soon after it opens).
 */
async function injectAxe(): Promise<void> {
  if (await page.evaluate(() => typeof (window as unknown as Partial<WithAxe>).runAxe === 'function')) return;
  await page.evaluate(AXE_SOURCE);
  await page.evaluate(() => {
    const w = window as unknown as WithAxe;
    w.runAxe = () => w.axe.run('#storybook-root', { resultTypes: ['violations'] });
  });
}

/** axe-core's violations in the story's root (injecting axe again if the page loaded anew in between). */
async function violations(): Promise<AxeResults['violations']> {
  for (let attempt = 0; ; attempt += 1) {
    await injectAxe();
    const result = await page.evaluate(async () => (await (window as unknown as Partial<WithAxe>).runAxe?.())?.violations ?? null);
    if (result || attempt === 2) return result ?? Promise.reject(new Error('axe-core could not be injected'));
  }
}

/**
 * Sends `event` with `payload` on Storybook's channel (the manager's way to switch story or
 * globals) and waits for the story's `storyRendered`, which Storybook sends once the render
 * and its play function are done: a play function still typing when the next story comes
 * could submit a form natively and reload the page.
 */
async function emit(event: 'setCurrentStory' | 'updateGlobals', payload: unknown, storyId: string) {
  await page.evaluate(
    ([e, p, id]) =>
      new Promise<void>((resolve) => {
        const channel = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: Channel }).__STORYBOOK_ADDONS_CHANNEL__;
        const done = (rendered: unknown) => {
          if (rendered !== id) return;
          channel.off('storyRendered', done);
          resolve();
        };
        channel.on('storyRendered', done);
        channel.emit(e, p);
      }),
    [event, payload, storyId] as const,
  );
}

/** Shows the story `id` and returns the root of its fresh render (the old one is marked first). */
async function show(id: string) {
  await page.locator('#storybook-root .passid-root').evaluateAll((els) => els.forEach((el) => el.setAttribute('data-e2e-old', '')));
  await emit('setCurrentStory', { storyId: id, viewMode: 'story' }, id);
  return page.locator('#storybook-root .passid-root:not([data-e2e-old])');
}

test('the matrix covers both widgets', () => {
  expect(stories.filter((s) => s.title.startsWith('PASSIDVerify/')).length).toBeGreaterThanOrEqual(20);
  expect(stories.filter((s) => s.title.startsWith('PasbyVerify/')).length).toBeGreaterThanOrEqual(15);
});

for (const locale of LOCALES) {
  test(`every story in "${locale}": no serious or critical axe violation, the claimed state, the language`, async () => {
    test.setTimeout(stories.length * 6_000);
    // The story re-renders in place (same root element) in the new language.
    await emit('updateGlobals', { globals: { locale } }, current);
    if (locale !== 'en') await expect(page.locator('#storybook-root .passid-root')).toHaveAttribute('lang', locale);
    const problems: string[] = [];
    for (const story of stories) {
      current = story.id;
      errors = [];
      const state = story.tags?.find((t) => t.startsWith('state:'))?.slice('state:'.length);
      const root = await show(story.id);
      await expect(root, story.id).toBeVisible();
      await expect(root, story.id).toHaveAttribute('data-state', state!);
      if (locale !== 'en') {
        // The story really is in this language (not English with a language switch that did nothing).
        await expect(root, story.id).toHaveAttribute('lang', locale);
        await expect(root, story.id).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      }
      for (const v of await violations()) {
        if (v.impact === 'serious' || v.impact === 'critical') {
          problems.push(`${story.id}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
      }
      problems.push(...errors.map((e) => `${story.id}: ${e}`));
      if (SHOTS && (locale === 'ar' || locale === 'sw')) {
        mkdirSync(SHOTS, { recursive: true });
        await page.locator('#storybook-root').screenshot({ path: join(SHOTS, `${locale}-${story.id}.png`), animations: 'disabled' });
      }
    }
    expect(problems).toEqual([]);
  });
}
