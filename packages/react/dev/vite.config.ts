import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The screenshot harness page, served from source. */
export default defineConfig({
  root: src('.'),
  plugins: [react()],
  resolve: {
    alias: {
      '@passid/core': src('../../core/src/index.ts'),
      '@passid/react': src('../src/index.ts'),
    },
  },
  server: { port: Number(process.env.DEV_PORT ?? 5199), strictPort: true, host: '127.0.0.1' },
  logLevel: 'warn',
});
