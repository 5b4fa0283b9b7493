import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    lib: {
      entry: { index: 'src/index.ts', 'locales/fr': 'src/locales/fr.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: { external: [/^react($|\/)/, /^react-dom($|\/)/, /^@passid\/core/, /^qrcode/] },
    minify: false,
    sourcemap: true,
    target: 'es2020',
  },
});
