import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The page imports `@passid/core` and `@passid/react` from source (no package build needed,
 * and one copy of React). The packages as users get them are tested by e2e/packed.spec.ts.
 * `vite` (dev, port 5174) proxies the API calls to a running `pnpm playground` server on
 * PLAYGROUND_API (default http://localhost:5173).
 */
const api = process.env.PLAYGROUND_API ?? 'http://localhost:5173';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@passid\/core$/, replacement: src('../../packages/core/src/index.ts') },
      { find: /^@passid\/core\/pasby$/, replacement: src('../../packages/core/src/providers/pasby/index.ts') },
      { find: /^@passid\/core\/pasby\/locales\/(\w+)$/, replacement: src('../../packages/core/src/providers/pasby/locales/$1.ts') },
      { find: /^@passid\/core\/wire$/, replacement: src('../../packages/core/src/wire/index.ts') },
      { find: /^@passid\/core\/locales\/(\w+)$/, replacement: src('../../packages/core/src/locales/$1.ts') },
      { find: /^@passid\/react$/, replacement: src('../../packages/react/src/index.ts') },
      { find: /^@passid\/react\/pasby$/, replacement: src('../../packages/react/src/pasby/index.ts') },
    ],
    dedupe: ['react', 'react-dom'],
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5174,
    proxy: Object.fromEntries(
      ['/api', '/config.json', '/sandbox', '/webhooks'].map((p) => [p, { target: api, changeOrigin: true }]),
    ),
  },
});
