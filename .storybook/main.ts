import type { StorybookConfig } from '@storybook/react-vite';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Stories live in `stories/` and import the packages from source, so Storybook needs no
 * build of the packages. They never call a server: a deterministic fake transport drives the
 * headless core (`stories/support/fakeTransport.ts`).
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // react-docgen costs most of the build time and the stories document their args themselves.
  typescript: { reactDocgen: false },
  async viteFinal(viteConfig) {
    const alias = [
      { find: /^@passid\/core$/, replacement: src('../packages/core/src/index.ts') },
      { find: /^@passid\/core\/pasby$/, replacement: src('../packages/core/src/providers/pasby/index.ts') },
      { find: /^@passid\/core\/pasby\/locales\/(\w+)$/, replacement: src('../packages/core/src/providers/pasby/locales/$1.ts') },
      { find: /^@passid\/core\/wire$/, replacement: src('../packages/core/src/wire/index.ts') },
      { find: /^@passid\/core\/locales\/(\w+)$/, replacement: src('../packages/core/src/locales/$1.ts') },
      { find: /^@passid\/react$/, replacement: src('../packages/react/src/index.ts') },
      { find: /^@passid\/react\/pasby$/, replacement: src('../packages/react/src/pasby/index.ts') },
    ];
    viteConfig.resolve ??= {};
    const existing = viteConfig.resolve.alias ?? [];
    viteConfig.resolve.alias = [
      ...(Array.isArray(existing) ? existing : Object.entries(existing).map(([find, replacement]) => ({ find, replacement }))),
      ...alias,
    ];
    return viteConfig;
  },
};

export default config;
