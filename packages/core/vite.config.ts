import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: {
      // The browser entry, the server-side wire contract, and the optional French texts.
      entry: { index: 'src/index.ts', 'wire/index': 'src/wire/index.ts', 'locales/fr': 'src/locales/fr.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: { external: [/^zustand/, /^valibot/, /^eventsource-parser/], output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    minify: false,
    sourcemap: true,
    target: 'es2020',
  },
});
