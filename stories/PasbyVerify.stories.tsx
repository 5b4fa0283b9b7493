/**
 * Every state of `<PasbyVerify>`, in its three modes, driven through the headless core by a
 * the test kit's fake pasby (`@passid/react/testing`) on a frozen clock (no server, same pixels every time). Stories
 * tagged `no-qr` are awaiting without a QR code (the link, the push, a picked-up session).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { PassidError } from '@passid/core/pasby';
import { fr } from '@passid/core/pasby/locales/fr';
import { PasbyVerify } from '@passid/react/pasby';
import { PasbyWidget, submitNin, type PasbyStoryProps } from './support/pasbyStory';
import { INTERNAL_ARG_TYPES } from './support/story';

/**
 * `<PasbyVerify>` from `@passid/react/pasby`: pasby e-ID through your backend's
 * `createPasbyProxy`, by a rotating QR code (`wildcard`), a link to the app on this device
 * (`same-device`) or a request pushed to the app of a national identification number
 * (`different-device`). Every state below is the real component and core, driven by the test
 * kit's fake pasby (`createFakePasby()` from `@passid/react/testing`) on a frozen clock.
 *
 * ```tsx
 * <PasbyVerify endpoint="/api/pasby" mode="wildcard" institutionName="Demo Bank" onSuccess={(claims) => save(claims)} />
 * ```
 */
const meta = {
  title: 'PasbyVerify/States',
  component: PasbyVerify as unknown as (props: PasbyStoryProps) => ReturnType<typeof PasbyWidget>,
  render: (args) => <PasbyWidget {...args} />,
  tags: ['autodocs'],
  argTypes: INTERNAL_ARG_TYPES,
} satisfies Meta<PasbyStoryProps>;
export default meta;
type Story = StoryObj<typeof meta>;


export const IdleWildcard: Story = { tags: ['state:idle'] };
export const IdleSameDevice: Story = { tags: ['state:idle'], args: { mode: 'same-device' } };
export const IdleDifferentDevice: Story = { tags: ['state:idle'], args: { mode: 'different-device' } };
/** A NIN that is not 11 digits: the error is on the field, nothing is sent. */
export const IdleNinInvalid: Story = { tags: ['state:idle'], args: { mode: 'different-device' }, play: submitNin('1234 567') };

export const RequestingWildcard: Story = { tags: ['state:requesting'], args: { autoStart: true, drive: (pasby) => pasby.hold() } };
/** "Open pasby" is shown, disabled (no href, aria-disabled), until the link exists. */
export const RequestingSameDevice: Story = { tags: ['state:requesting'], args: { mode: 'same-device', autoStart: true, drive: (pasby) => pasby.hold() } };
export const RequestingDifferentDevice: Story = {
  tags: ['state:requesting'],
  args: { mode: 'different-device', drive: (pasby) => pasby.hold() },
  play: submitNin('12345678901'),
};

export const AwaitingWildcard: Story = { tags: ['state:awaiting'], args: { autoStart: true } };
export const AwaitingSameDevice: Story = { tags: ['state:awaiting', 'no-qr'], args: { mode: 'same-device', autoStart: true } };
export const AwaitingDifferentDevice: Story = { tags: ['state:awaiting', 'no-qr'], args: { mode: 'different-device' }, play: submitNin('12345678901') };
/** A device picked the flow up: the QR is gone, approve in the pasby app. */
export const AwaitingPickedUp: Story = { tags: ['state:awaiting', 'no-qr'], args: { autoStart: true, drive: (pasby) => pasby.pickUp() } };
export const AwaitingReconnecting: Story = {
  tags: ['state:awaiting'],
  args: { autoStart: true, drive: (pasby) => pasby.goOffline() },
};

export const Success: Story = { tags: ['state:success'], args: { autoStart: true, drive: (pasby) => pasby.approve('amina') } };
export const SuccessNamesOnly: Story = {
  tags: ['state:success'],
  args: { autoStart: true, drive: (pasby) => pasby.approve({ naming: { given: 'Chidi', family: 'Okafor' } }) },
};

export const DeclinedInTheApp: Story = { tags: ['state:declined'], args: { autoStart: true, drive: (pasby) => pasby.decline('CANCELLED') } };
export const Expired: Story = { tags: ['state:declined'], args: { autoStart: true, drive: (pasby) => pasby.expire() } };
/** The NIN has no pasby ID: "Use a QR code instead", beside "Try another number". */
export const NotOnPasby: Story = {
  tags: ['state:declined'],
  args: { mode: 'different-device' },
  play: submitNin('99999999999'),
};

export const ErrorNetwork: Story = {
  tags: ['state:error'],
  args: { autoStart: true, drive: (pasby) => pasby.fail(Infinity, new PassidError('network', '[passid] POST /session: no answer from the server.')) },
};
/** No endpoint (and no transport): refused at mount, before any request. */
export const ErrorNoEndpoint: Story = { tags: ['state:error'], args: { noTransport: true } };

export const FrenchAwaiting: Story = { tags: ['state:awaiting'], args: { locale: fr, autoStart: true } };
export const FrenchNotOnPasby: Story = {
  tags: ['state:declined'],
  args: { locale: fr, mode: 'different-device' },
  play: submitNin('99999999999'),
};
export const DarkSuccess: Story = {
  tags: ['state:success'],
  args: { theme: { mode: 'dark', primary: '#5b6cff' }, autoStart: true, drive: (pasby) => pasby.approve('amina') },
  parameters: { surface: 'dark' },
};
