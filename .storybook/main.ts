import type { StorybookConfig } from '@storybook/react-vite';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Stories live in `stories/` and import the packages from source, so Storybook needs no
 * build of the packages. They never call a server: the test kit's fake PASSID and pasby
 * (`@passid/react/testing`) drive the real components and core.
 *
 * Documentation: each component's stories file is tagged `autodocs` (a docs page with the
 * props table). The props and their JSDoc come from react-docgen-typescript, which follows
 * `PASSIDVerifyProps` into `@passid/core`'s options (plain react-docgen cannot see through
 * the imported interfaces). It reads the sources through the paths of `.storybook/tsconfig.json`.
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // A new user running `pnpm storybook` sees the components' docs, not Storybook's own
  // onboarding ("Get started" checklist in the sidebar, "Onboarding guide" in the menu).
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  typescript: {
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      tsconfigPath: src('./tsconfig.json'),
      // The components only: on the stories' helpers it would tag plain objects (argTypes) too.
      include: ['**/packages/react/src/**/*.tsx'],
      exclude: ['**/node_modules/**', '**/*.test.tsx'],
      shouldExtractLiteralValuesFromEnum: true,
      shouldRemoveUndefinedFromOptional: true,
      // Our own props (the packages' sources), not React's DOM attributes.
      propFilter: (prop) => !prop.parent || !/node_modules/.test(prop.parent.fileName),
    },
  },
  async viteFinal(viteConfig) {
    const alias = [
      { find: /^@passid\/core$/, replacement: src('../packages/core/src/index.ts') },
      { find: /^@passid\/core\/pasby$/, replacement: src('../packages/core/src/providers/pasby/index.ts') },
      { find: /^@passid\/core\/pasby\/locales\/([\w-]+)$/, replacement: src('../packages/core/src/providers/pasby/locales/$1.ts') },
      { find: /^@passid\/core\/wire$/, replacement: src('../packages/core/src/wire/index.ts') },
      { find: /^@passid\/core\/locales\/([\w-]+)$/, replacement: src('../packages/core/src/locales/$1.ts') },
      { find: /^@passid\/react$/, replacement: src('../packages/react/src/index.ts') },
      { find: /^@passid\/react\/pasby$/, replacement: src('../packages/react/src/pasby/index.ts') },
      { find: /^@passid\/react\/testing$/, replacement: src('../packages/react/src/testing/index.ts') },
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
