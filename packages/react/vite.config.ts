import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The languages are written once, in `@passid/core` (`src/locales/<code>.ts`, pasby's in
 * `src/providers/pasby/locales/<code>.ts`). This package re-exports every one the built core
 * ships, as `@passid/react/locales/<code>` and `@passid/react/pasby/locales/<code>`: one
 * generated entry (and its `.d.ts`) each, so a new language needs no file here.
 */
const coreDist = join(dirname(createRequire(import.meta.url).resolve('@passid/core/package.json')), 'dist');
const LOCALE_FOLDERS = { locales: 'locales', 'pasby/locales': 'pasby/locales' } as const;
const PREFIX = 'passid-locale:';

function localeReExports(): { entries: Record<string, string>; plugin: Plugin } {
  const reExports = new Map<string, string>(); // entry name → what it re-exports
  for (const [out, from] of Object.entries(LOCALE_FOLDERS)) {
    for (const file of readdirSync(join(coreDist, from))) {
      const code = /^([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.js$/.exec(file)?.[1];
      if (code) reExports.set(`${out}/${code}`, `@passid/core/${from}/${code}`);
    }
  }
  const source = (name: string) => `export * from '${reExports.get(name)}';\n`;
  const plugin: Plugin = {
    name: 'passid-locale-re-exports',
    // Vite makes lib entries absolute paths; the entry name follows the prefix.
    resolveId: (id) => (id.includes(PREFIX) ? `\0${PREFIX}${id.slice(id.indexOf(PREFIX) + PREFIX.length)}` : null),
    load: (id) => (id.startsWith(`\0${PREFIX}`) ? source(id.slice(PREFIX.length + 1)) : null),
    generateBundle() {
      for (const name of reExports.keys()) this.emitFile({ type: 'asset', fileName: `${name}.d.ts`, source: source(name) });
    },
  };
  const entries = Object.fromEntries([...reExports.keys()].map((name) => [name, `${PREFIX}${name}`]));
  return { entries, plugin };
}

const locales = localeReExports();

export default defineConfig({
  plugins: [react(), locales.plugin],
  build: {
    lib: {
      // pasby is an entry of its own (and its languages), so a PASSID-only page ships none of it.
      entry: {
        index: 'src/index.ts',
        'pasby/index': 'src/pasby/index.ts',
        // The test kit: for tests and stories only, never imported by the other entries.
        'testing/index': 'src/testing/index.ts',
        ...locales.entries,
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    // `@passid/react` itself: the pasby entry takes the shared pieces from the main entry.
    rollupOptions: { external: [/^react($|\/)/, /^react-dom($|\/)/, /^@passid\/core/, /^@passid\/react$/, /^qrcode/] },
    minify: false,
    sourcemap: true,
    target: 'es2020',
  },
});
