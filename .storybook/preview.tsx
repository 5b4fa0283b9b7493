import type { Preview } from '@storybook/react-vite';

/**
 * Every story sits on a page-like surface; `parameters.surface: 'dark'` gives a dark page
 * (for the dark theme). Animations are off in the Storybook canvas (reduced motion is what
 * the component does for users who ask for it), so snapshots are stable.
 */
const preview: Preview = {
  parameters: {
    layout: 'centered',
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  decorators: [
    (Story, context) => {
      const dark = context.parameters.surface === 'dark';
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
          <Story />
        </div>
      );
    },
  ],
};

export default preview;
