/**
 * Every Storybook story (from storybook-static/index.json, served statically) renders the
 * state it claims (its `state:*` tag), with no console error or page error, and passes an
 * axe-core check with no serious or critical violation. Build first: `pnpm storybook:build`.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { shot } from './support/helpers';
import { STORYBOOK_URL } from './support/ports';
import { builtStories, indexEntries } from './support/storybook-index';

const stories = builtStories();

test('the Storybook build has a story for every state, theme and locale', () => {
  const states = new Set(stories.flatMap((s) => (s.tags ?? []).filter((t) => t.startsWith('state:'))));
  expect([...states].sort()).toEqual(
    ['awaiting', 'declined', 'error', 'idle', 'requesting', 'success', 'verifying'].map((s) => `state:${s}`),
  );
  expect(stories.length).toBeGreaterThanOrEqual(25);
});

/** The args a reader never sets: the test kit's fake and the props it fills in (see stories/support/story.tsx). */
const INTERNAL_ARGS = ['fake', 'drive', 'noTransport', 'transport', 'clock', 'network', 'fetch', 'createIdempotencyKey', 'script'];

test('each component has a docs page', () => {
  const docs = indexEntries().filter((e) => e.type === 'docs').map((e) => e.id);
  expect(docs).toEqual(expect.arrayContaining(['passidverify-states--docs', 'pasbyverify-states--docs']));
});

for (const [id, prop, description] of [
  ['passidverify-states--docs', 'apiKey', 'Institution API key, sent as X-Institution-Key'],
  ['pasbyverify-states--docs', 'mode', 'How the customer answers'],
] as const) {
  test(`docs page ${id}: a props table from the JSDoc (${prop}), without the stories' internal args`, async ({ browser }) => {
    const docsPage = await browser.newPage();
    try {
      await docsPage.goto(`${STORYBOOK_URL}/iframe.html?id=${id}&viewMode=docs`);
      const table = docsPage.locator('.docblock-argstable').first();
      await expect(table).toBeVisible();
      const row = table.locator('tbody tr').filter({ has: docsPage.locator('td:first-child', { hasText: new RegExp(`^${prop}$`) }) });
      await expect(row).toContainText(description);
      const names = (await table.locator('tbody tr td:first-child').allTextContents()).map((n) => n.replace(/\*$/, ''));
      expect(names).toContain('onSuccess');
      expect(names.filter((n) => INTERNAL_ARGS.includes(n))).toEqual([]);
      await shot(docsPage, `docs-${id}`);
    } finally {
      await docsPage.close();
    }
  });
}

test("Storybook's own onboarding (the \"Get started\" checklist, the menu's guide) is off", async () => {
  // Storybook shows them only in `pnpm storybook` (dev), never in this static build: the
  // setting is what can be checked here.
  const { default: config } = await import('../.storybook/main');
  expect(config.features).toMatchObject({ sidebarOnboardingChecklist: false, menuOnboardingChecklist: false });
});

test('the controls of a story show the props, not the internal args', async ({ browser }) => {
  const manager = await browser.newPage();
  try {
    await manager.goto(`${STORYBOOK_URL}/?path=/story/passidverify-states--awaiting`);
    const controls = manager.locator('.docblock-argstable').first();
    await expect(controls).toBeVisible({ timeout: 30_000 });
    const names = (await controls.locator('tbody tr td:first-child').allTextContents()).map((n) => n.replace(/\*$/, ''));
    expect(names).toEqual(expect.arrayContaining(['apiKey', 'endpoint', 'theme', 'locale']));
    expect(names.filter((n) => INTERNAL_ARGS.includes(n))).toEqual([]);
  } finally {
    await manager.close();
  }
});

// One page for all stories: Storybook switches stories in place (no reload of its bundle).
test.describe.configure({ mode: 'serial' });
let context: BrowserContext;
let page: Page;
let errors: string[] = [];
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ reducedMotion: 'reduce' });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${STORYBOOK_URL}/iframe.html?id=${stories.at(-1)!.id}&viewMode=story`);
  await expect(page.locator('#storybook-root .passid-root')).toBeVisible();
});
test.afterAll(async () => {
  await context.close();
});

for (const story of stories) {
  const state = story.tags?.find((t) => t.startsWith('state:'))?.slice('state:'.length);
  test(`story ${story.title} / ${story.name}: renders "${state}", no errors, no serious axe violation`, async () => {
    expect(state, 'every story carries a state:* tag').toBeTruthy();
    errors = [];
    // Mark the current render, switch story, and wait for a fresh one.
    await page.locator('#storybook-root .passid-root').evaluateAll((els) => els.forEach((el) => el.setAttribute('data-e2e-old', '')));
    await page.evaluate((id) => {
      const channel = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(e: string, a: unknown): void } }).__STORYBOOK_ADDONS_CHANNEL__;
      channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
    }, story.id);
    const root = page.locator('#storybook-root .passid-root:not([data-e2e-old])');
    await expect(root).toBeVisible();
    await expect(root).toHaveAttribute('data-state', state!);
    // Awaiting shows the QR code, but for pasby stories tagged no-qr (the link, the push, a pick-up).
    if (state === 'awaiting') await expect(root.locator('canvas')).toHaveCount(story.tags?.includes('no-qr') ? 0 : 1);

    const axe = await new AxeBuilder({ page }).include('#storybook-root').analyze();
    const bad = axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);

    await shot(page.locator('#storybook-root'), `story-${story.id}`);
    expect(errors).toEqual([]);
  });
}
