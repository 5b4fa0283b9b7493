#!/usr/bin/env node
// Measures what @passid/core + @passid/react cost a user's bundle: the built packages are
// bundled as a user's bundler would (esbuild, minified, tree-shaken, ESM) with react,
// react-dom and qrcode external, then gzipped. The stylesheet is in the JS and counted.
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
      '@passid/core': `${root}packages/core/dist/index.js`,
      '@passid/react': `${root}packages/react/dist/index.js`,
    },
    nodePaths: [`${root}packages/core/node_modules`, `${root}packages/react/node_modules`],
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const gz = gzipSync(code, { level: 9 }).length;
  return { label, min: code.length, gz };
}

const rows = [
  await measure('@passid/core (everything)', `export * from '@passid/core';`),
  await measure('@passid/react (everything, incl. core)', `export * from '@passid/react';`),
  await measure('<PASSIDVerify> only (typical import)', `export { PASSIDVerify } from '@passid/react';`),
];

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
console.log('| bundle (react, react-dom, qrcode external) | minified | gzip |');
console.log('|---|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${kb(r.min)} | ${kb(r.gz)} |`);
const total = rows[2].gz;
console.log(`\n<PASSIDVerify> with push, gzipped: ${kb(total)} (budget ${kb(BUDGET)}, aim 14.50 KB): ${total <= BUDGET ? 'within budget' : 'OVER BUDGET'}`);
if (MAX !== Infinity) {
  const ok = total <= MAX;
  console.log(`guard ${kb(MAX)}: ${ok ? 'ok' : 'FAILED — the bundle grew'}`);
  process.exitCode = ok ? 0 : 1;
}
