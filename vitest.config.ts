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
  { find: /^@passid\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@passid\/react\/locales\/fr$/, replacement: src('./packages/react/src/locales/fr.ts') },
  { find: /^@passid\/react$/, replacement: src('./packages/react/src/index.ts') },
  { find: /^@passid\/server$/, replacement: src('./packages/server/src/index.ts') },
  { find: /^@passid\/sandbox$/, replacement: src('./apps/sandbox/src/index.ts') },
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
          exclude: ['packages/react/src/**/*.ssr.test.{ts,tsx}'],
          setupFiles: ['packages/react/src/test/setup.ts'],
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: { name: 'react-ssr', environment: 'node', include: ['packages/react/src/**/*.ssr.test.{ts,tsx}'] },
      },
      {
        resolve: { alias },
        test: { name: 'server', environment: 'node', include: ['packages/server/src/**/*.test.ts'] },
      },
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
