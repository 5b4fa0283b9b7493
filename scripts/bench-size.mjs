#!/usr/bin/env node
// Measures what @passid/core + @passid/react cost a user's bundle: the built packages are
// bundled as a user's bundler would (esbuild, minified, tree-shaken, ESM) with react,
// react-dom and qrcode external, then gzipped. The stylesheet is in the JS and counted.
// pasby (`@passid/core/pasby`, `@passid/react/pasby`) is measured too, alone and beside
// PASSID; the PASSID-only bundles must carry none of it (checked: no pasby text in them).
// Budget: `<PASSIDVerify>` with push (the typical import) at most 15.5 KB gzipped; aim 14.5.
// Usage: pnpm bench:size              report, exit 0
//        pnpm bench:size --max=15.5   also fail when <PASSIDVerify> is over 15.5 KB (the test
//                                     command's guard)
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUDGET = 15.5 * 1024;
const maxArg = process.argv.find((a) => a.startsWith('--max='));
const MAX = maxArg ? Number(maxArg.slice(6)) * 1024 : Infinity;

for (const pkg of ['core', 'react']) {
  if (!existsSync(`${root}packages/${pkg}/dist/index.js`)) {
    console.error(`[bench:size] packages/${pkg}/dist is missing: run the build first (pnpm build)`);
    process.exit(1);
  }
}

async function measure(label, contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react', 'react-dom', 'react/*', 'react-dom/*', 'qrcode'],
    alias: {
      '@passid/core/pasby': `${root}packages/core/dist/pasby/index.js`,
      '@passid/core/wire': `${root}packages/core/dist/wire/index.js`,
      '@passid/react/pasby': `${root}packages/react/dist/pasby/index.js`,
      '@passid/core': `${root}packages/core/dist/index.js`,
      '@passid/react': `${root}packages/react/dist/index.js`,
    },
    nodePaths: [`${root}packages/core/node_modules`, `${root}packages/react/node_modules`],
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const gz = gzipSync(code, { level: 9 }).length;
  return { label, min: code.length, gz, text: new TextDecoder().decode(code) };
}

const rows = [
  await measure('@passid/core (everything)', `export * from '@passid/core';`),
  await measure('@passid/react (everything, incl. core)', `export * from '@passid/react';`),
  await measure('<PASSIDVerify> only (typical import)', `export { PASSIDVerify } from '@passid/react';`),
];
const hasPasby = existsSync(`${root}packages/react/dist/pasby/index.js`);
if (hasPasby) {
  rows.push(
    await measure('@passid/core/pasby (everything)', `export * from '@passid/core/pasby';`),
    await measure('<PasbyVerify> only', `export { PasbyVerify } from '@passid/react/pasby';`),
    await measure('<PASSIDVerify> + <PasbyVerify> on one page', `export { PASSIDVerify } from '@passid/react'; export { PasbyVerify } from '@passid/react/pasby';`),
  );
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
console.log('| bundle (react, react-dom, qrcode external) | minified | gzip | gzip bytes |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${kb(r.min)} | ${kb(r.gz)} | ${r.gz} |`);
// The PASSID-only bundles carry no pasby code: none of its texts, names or paths.
const leaked = rows.slice(0, 3).filter((r) => /pasby/i.test(r.text));
if (leaked.length > 0) {
  console.error(`pasby code in a PASSID-only bundle: ${leaked.map((r) => r.label).join(', ')}`);
  process.exitCode = 1;
} else if (hasPasby) console.log('\nPASSID-only bundles: no pasby code (checked)');
// No entry measured here (`@passid/react` everything included) carries the test kit
// (`@passid/react/testing`): none of its names or its fakes' ids.
const kit = rows.filter((r) => /createFake(Passid|Pasby)|req_fake|fake-pasby-handle|PASSID_PERSONAS/.test(r.text));
if (kit.length > 0) {
  console.error(`test kit code in a bundle: ${kit.map((r) => r.label).join(', ')}`);
  process.exitCode = 1;
} else console.log('No bundle carries the test kit (checked)');
const total = rows[2].gz;
console.log(`\n<PASSIDVerify> with push, gzipped: ${kb(total)} (budget ${kb(BUDGET)}, aim 14.50 KB): ${total <= BUDGET ? 'within budget' : 'OVER BUDGET'}`);
if (MAX !== Infinity) {
  const ok = total <= MAX;
  console.log(`guard ${kb(MAX)}: ${ok ? 'ok' : 'FAILED — the bundle grew'}`);
  if (!ok) process.exitCode = 1;
}
