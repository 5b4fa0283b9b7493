import { defineConfig } from 'vite';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One entry per file in a locales folder (`src/locales/sw.ts` → `locales/sw`), so adding a
 * language is adding one file: the build and the `./locales/*` exports pattern pick it up.
 */
function localeEntries(folder: string, prefix: string): Record<string, string> {
  const dir = fileURLToPath(new URL(folder, import.meta.url));
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*\.ts$/.test(file))
      .map((file) => [`${prefix}/${file.slice(0, -3)}`, `${folder}/${file}`]),
  );
}

export default defineConfig({
  build: {
    lib: {
      // The browser entry, the server-side wire contract, the optional languages, and pasby
      // (its own entry and languages: a PASSID-only bundle carries none of it).
      entry: {
        index: 'src/index.ts',
        'wire/index': 'src/wire/index.ts',
        ...localeEntries('src/locales', 'locales'),
        'pasby/index': 'src/providers/pasby/index.ts',
        ...localeEntries('src/providers/pasby/locales', 'pasby/locales'),
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
