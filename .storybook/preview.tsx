/// <reference types="vite/client" />
import type { Preview } from '@storybook/react-vite';
import type { Locale } from '@passid/core';
import type { PasbyLocale } from '@passid/core/pasby';

/** Every language file of both widgets, by code: a new file shows up in the toolbar by itself. */
function byCode<T extends { code: string }>(modules: Record<string, Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.values(modules).flatMap((m) => Object.values(m)).map((l) => [l.code, l]));
}
const PASSID_LOCALES = byCode<Locale>(import.meta.glob('../packages/core/src/locales/*.ts', { eager: true }));
const PASBY_LOCALES = byCode<PasbyLocale>(import.meta.glob('../packages/core/src/providers/pasby/locales/*.ts', { eager: true }));
const languageName = (code: string) => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;

/**
 * Every story sits on a page-like surface; `parameters.surface: 'dark'` gives a dark page
 * (for the dark theme). Animations are off in the Storybook canvas (reduced motion is what
 * the component does for users who ask for it), so snapshots are stable. The Language
 * toolbar (global `locale`, also `&globals=locale:ar` in the URL) renders any story in any
 * language; English leaves each story's own `locale`.
 */
const preview: Preview = {
  parameters: {
    layout: 'centered',
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  globalTypes: {
    locale: {
      description: 'Language of the widget',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        dynamicTitle: true,
        items: ['en', ...Object.keys(PASSID_LOCALES).sort()].map((code) => ({ value: code, title: `${languageName(code)} (${code})` })),
      },
    },
  },
  initialGlobals: { locale: 'en' },
  decorators: [
    (Story, context) => {
      const dark = context.parameters.surface === 'dark';
      const code = context.globals.locale as string | undefined;
      const locale = code && code !== 'en' ? (context.title.startsWith('PasbyVerify') ? PASBY_LOCALES : PASSID_LOCALES)[code] : undefined;
      return (
        <div
          style={{
            padding: 24,
            minWidth: 360,
            borderRadius: 16,
            background: dark ? '#0f1412' : '#f5f7f6',
            fontFamily: 'system-ui, sans-serif',
          }}
        >
          {locale ? <Story args={{ ...context.args, locale }} /> : <Story />}
        </div>
      );
    },
  ],
};

export default preview;
