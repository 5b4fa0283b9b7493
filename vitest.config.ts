import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Tests import the workspace packages from source, so they run without a build. Exact-match
 * regexes, subpath exports first: a plain `'@passid/core'` key would also rewrite
 * `@passid/core/wire` to `…/index.ts/wire`.
 */
const alias = [
  { find: /^@passid\/core\/wire$/, replacement: src('./packages/core/src/wire/index.ts') },
  { find: /^@passid\/core\/locales\/fr$/, replacement: src('./packages/core/src/locales/fr.ts') },
  { find: /^@passid\/core\/pasby$/, replacement: src('./packages/core/src/providers/pasby/index.ts') },
  { find: /^@passid\/core\/pasby\/locales\/fr$/, replacement: src('./packages/core/src/providers/pasby/locales/fr.ts') },
  { find: /^@passid\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@passid\/react\/locales\/fr$/, replacement: src('./packages/react/src/locales/fr.ts') },
  { find: /^@passid\/react\/pasby$/, replacement: src('./packages/react/src/pasby/index.ts') },
  { find: /^@passid\/react\/pasby\/locales\/fr$/, replacement: src('./packages/react/src/pasby/locales/fr.ts') },
  { find: /^@passid\/react\/testing$/, replacement: src('./packages/react/src/testing/index.ts') },
  { find: /^@passid\/react$/, replacement: src('./packages/react/src/index.ts') },
  { find: /^@passid\/server\/pasby$/, replacement: src('./packages/server/src/pasby/index.ts') },
  { find: /^@passid\/server\/redis$/, replacement: src('./packages/server/src/redis/index.ts') },
  { find: /^@passid\/server$/, replacement: src('./packages/server/src/index.ts') },
  { find: /^@passid\/sandbox$/, replacement: src('./apps/sandbox/src/index.ts') },
];

/**
 * React 18 runs beside React 19: the `react18` project runs the React package's jsdom tests
 * (the shared ones and the `*.react18.test.tsx` ones), `react18-ssr` the
 * `*.react18.ssr.test.tsx` ones, with every `react`/`react-dom` import (subpaths too) sent to
 * the `react-18` / `react-dom-18` packages (`.pnpmfile.cjs` gives react-dom 18 its own React
 * 18). Testing Library's ES build is inlined so its own imports of React take the aliases as
 * well. The tests assert `React.version`, so a silent fall-back to React 19 fails.
 */
const react18Alias = [
  ...alias,
  // Its `main` is CommonJS, whose `require('react-dom/client')` would skip the aliases.
  {
    find: /^@testing-library\/react$/,
    replacement: src('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js'),
  },
  { find: /^react$/, replacement: 'react-18' },
  { find: /^react\/(.*)$/, replacement: 'react-18/$1' },
  { find: /^react-dom$/, replacement: 'react-dom-18' },
  { find: /^react-dom\/(.*)$/, replacement: 'react-dom-18/$1' },
];
const react18Inline = [/@testing-library\/react/];

/**
 * The `*.redis.test.ts` files run against a real redis-server (Debian's `redis-server`,
 * installed by scripts/setup.sh), started by the global set-up, which fails the run when
 * redis-server is missing. Only an explicit PASSID_SKIP_REDIS=1 leaves them out, said aloud.
 */
const skipRedis = process.env.PASSID_SKIP_REDIS === '1';
if (skipRedis) console.warn('[passid] PASSID_SKIP_REDIS=1: the Redis tests (vitest project "redis") are NOT run.');
const redisProject = skipRedis
  ? []
  : [
      {
        resolve: { alias },
        test: {
          name: 'redis',
          environment: 'node',
          include: ['packages/server/src/**/*.redis.test.ts'],
          globalSetup: ['packages/server/src/test/redis-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'core', environment: 'node', include: ['packages/core/src/**/*.test.ts'] },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['packages/react/src/**/*.test.{ts,tsx}'],
          exclude: ['packages/react/src/**/*.ssr.test.{ts,tsx}', 'packages/react/src/**/*.react18.test.{ts,tsx}'],
          setupFiles: ['packages/react/src/test/setup.ts'],
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'react-ssr',
          environment: 'node',
          include: ['packages/react/src/**/*.ssr.test.{ts,tsx}'],
          exclude: ['packages/react/src/**/*.react18.ssr.test.{ts,tsx}'],
        },
      },
      {
        plugins: [react()],
        resolve: { alias: react18Alias },
        test: {
          name: 'react18',
          environment: 'jsdom',
          // The whole jsdom suite runs on React 18 too, plus the React 18-only files.
          include: ['packages/react/src/**/*.test.{ts,tsx}'],
          exclude: ['packages/react/src/**/*.ssr.test.{ts,tsx}'],
          setupFiles: ['packages/react/src/test/setup.ts'],
          server: { deps: { inline: react18Inline } },
        },
      },
      {
        plugins: [react()],
        resolve: { alias: react18Alias },
        test: {
          name: 'react18-ssr',
          environment: 'node',
          include: ['packages/react/src/**/*.react18.ssr.test.{ts,tsx}'],
          server: { deps: { inline: react18Inline } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          environment: 'node',
          include: ['packages/server/src/**/*.test.ts'],
          exclude: ['packages/server/src/**/*.redis.test.ts'],
        },
      },
      ...redisProject,
      {
        resolve: { alias },
        test: {
          name: 'sandbox',
          environment: 'node',
          include: ['apps/sandbox/src/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
