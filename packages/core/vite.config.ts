import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: {
      // The browser entry, the server-side wire contract, the optional French texts, and pasby
      // (its own entry and French texts: a PASSID-only bundle carries none of it).
      entry: {
        index: 'src/index.ts',
        'wire/index': 'src/wire/index.ts',
        'locales/fr': 'src/locales/fr.ts',
        'pasby/index': 'src/providers/pasby/index.ts',
        'pasby/locales/fr': 'src/providers/pasby/locales/fr.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: {
      // `@passid/core` itself: pasby's entry imports the shared pieces from the main entry.
      external: [/^zustand/, /^valibot/, /^eventsource-parser/, /^@passid\/core$/],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
    minify: false,
    sourcemap: true,
    target: 'es2020',
  },
});
