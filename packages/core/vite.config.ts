import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
    rollupOptions: { external: [/^zustand/, /^valibot/] },
    minify: false,
    sourcemap: true,
    target: 'es2020',
  },
});
