/** Themes (default, custom primary, dark) and locales (en, fr) of `<PASSIDVerify>`. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { INTERNAL_ARG_TYPES, Widget, submitToken, type StoryProps } from './support/story';
import { fr } from '@passid/core/locales/fr';

const meta = {
  title: 'PASSIDVerify/Appearance',
  component: Widget,
  argTypes: INTERNAL_ARG_TYPES,
} satisfies Meta<StoryProps>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The customer approves at once (persona amina, tier A). */
const approve: StoryProps['drive'] = (passid) => passid.approve('amina');

export const ThemeDefault: Story = { tags: ['state:awaiting'], args: { autoStart: true, theme: { mode: 'light' } } };

export const ThemeCustomPrimary: Story = { tags: ['state:awaiting'], args: { autoStart: true, theme: { primary: '#1d4ed8', mode: 'light' } } };

export const ThemeCustomPrimarySuccess: Story = { tags: ['state:success'],
  args: { autoStart: true, theme: { primary: '#1d4ed8', mode: 'light' }, drive: approve },
};

export const ThemeDark: Story = { tags: ['state:awaiting'],
  args: { autoStart: true, theme: { mode: 'dark' } },
  parameters: { surface: 'dark' },
};

export const ThemeDarkSuccess: Story = { tags: ['state:success'],
  args: { autoStart: true, theme: { mode: 'dark' }, drive: approve },
  parameters: { surface: 'dark' },
};

export const LocaleEnglish: Story = { tags: ['state:idle'], args: { locale: 'en' } };

export const LocaleFrenchIdle: Story = { tags: ['state:idle'], args: { locale: fr } };

export const LocaleFrenchAwaiting: Story = { tags: ['state:awaiting'], args: { locale: fr, autoStart: true } };

export const LocaleFrenchSuccess: Story = { tags: ['state:success'], args: { locale: fr, autoStart: true, drive: approve } };

export const LocaleFrenchDeclined: Story = { tags: ['state:declined'],
  args: {
    locale: fr,
    fake: { tokens: { 'PASSID-AB3X-7YQM-K9PQ-3MNX': 'TOKEN_EXPIRED' } },
  },
  play: submitToken('PASSID-AB3X-7YQM-K9PQ-3MNX'),
};
