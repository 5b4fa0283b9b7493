import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    lib: {
      // pasby is an entry of its own (and its French texts), so a PASSID-only page ships none of it.
      entry: {
        index: 'src/index.ts',
        'locales/fr': 'src/locales/fr.ts',
        'pasby/index': 'src/pasby/index.ts',
        'pasby/locales/fr': 'src/pasby/locales/fr.ts',
        // The test kit: for tests and stories only, never imported by the other entries.
        'testing/index': 'src/testing/index.ts',
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
