import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Tests import the workspace packages from source, so they run without a build. */
const alias = {
  '@passid/core': src('./packages/core/src/index.ts'),
  '@passid/react': src('./packages/react/src/index.ts'),
  '@passid/server': src('./packages/server/src/index.ts'),
  '@passid/sandbox': src('./apps/sandbox/src/index.ts'),
};

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
