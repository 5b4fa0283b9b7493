import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The playground is built against the BUILT packages (`@passid/*` resolve to their `dist/`
 * through the workspace links), as a user's app would be. `vite` (dev) proxies the API calls
 * to a running `pnpm playground` server on PLAYGROUND_API (default http://localhost:5173).
 */
const api = process.env.PLAYGROUND_API ?? 'http://localhost:5173';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5174,
    proxy: Object.fromEntries(
      ['/api', '/config.json', '/sandbox', '/webhooks'].map((p) => [p, { target: api, changeOrigin: true }]),
    ),
  },
});
