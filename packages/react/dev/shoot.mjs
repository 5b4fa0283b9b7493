// Screenshots of every state, light and dark, 360 px and desktop, into dev/shots/.
// Usage: node packages/react/dev/shoot.mjs   (starts and stops the vite dev server itself)
// STATES=a,b WIDTHS=360 SCHEMES=light THEME=dark narrow it (THEME sets the widget's mode);
// LOCALES=ar,sw shoots those languages too (file names get -<code>), OUT=dir writes elsewhere,
// DEV_PORT=5199 is the harness's port.
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = process.env.OUT ? `${process.env.OUT.replace(/\/$/, '')}/` : `${here}shots/`;
mkdirSync(out, { recursive: true });
const server = await createServer({ configFile: `${here}vite.config.ts` });
await server.listen();
const base = `http://127.0.0.1:${process.env.DEV_PORT ?? 5199}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const states = (process.env.STATES ?? 'idle,requesting,awaiting,verifying,success,declined,sanctions,expired,error,reconnecting').split(',');
const errors = [];
try {
  for (const scheme of (process.env.SCHEMES ?? 'light,dark').split(',')) {
    for (const [label, width] of (process.env.WIDTHS ?? '360,1024').split(',').map((w) => [w === '1024' ? 'desktop' : w, Number(w)])) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme, deviceScaleFactor: 2 });
      page.on('pageerror', (e) => errors.push(`${scheme}/${label}: ${e.message}`));
      for (const locale of (process.env.LOCALES ?? 'en').split(','))
      for (const state of states) {
        await page.goto(`${base}?state=${state}&locale=${locale}${process.env.THEME ? `&theme=${process.env.THEME}` : ''}`);
        await page.waitForSelector('.passid-root');
        if (state === 'verifying') {
          await page.fill('input', 'KE8V-3TXY-Z72L');
          await page.click('button[type=submit]');
        }
        await page.waitForTimeout(300);
        await page.locator('.passid-root').screenshot({ path: `${out}${state}-${scheme}${process.env.THEME ? `-mode-${process.env.THEME}` : ''}-${label}${locale === 'en' ? '' : `-${locale}`}.png`, animations: 'disabled' });
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (errors.length) console.error(errors.join('\n'));
console.log(`screenshots in ${out}`);
