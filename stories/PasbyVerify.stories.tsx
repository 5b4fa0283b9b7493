/**
 * Every state of `<PasbyVerify>`, in its three modes, driven through the headless core by a
 * deterministic fake transport on a frozen clock (no server, same pixels every time). Stories
 * tagged `no-qr` are awaiting without a QR code (the link, the push, a picked-up session).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { PassidError } from '@passid/core/pasby';
import { fr } from '@passid/core/pasby/locales/fr';
import { PasbyWidget, submitNin, type PasbyStoryProps } from './support/pasbyStory';
import { STORY_CLAIMS } from './support/fakePasbyTransport';

const meta = {
  title: 'PasbyVerify/States',
  component: PasbyWidget,
  argTypes: { script: { control: false }, transport: { control: false }, clock: { control: false } },
} satisfies Meta<PasbyStoryProps>;
export default meta;
type Story = StoryObj<typeof meta>;

const notOnPasby = new PassidError('http', 'POST /session failed with HTTP 404 NOT_ON_PASBY: [passid] This national identification number has no pasby digital ID.', {
  status: 404,
  code: 'NOT_ON_PASBY',
});

export const IdleWildcard: Story = { tags: ['state:idle'] };
export const IdleSameDevice: Story = { tags: ['state:idle'], args: { mode: 'same-device' } };
export const IdleDifferentDevice: Story = { tags: ['state:idle'], args: { mode: 'different-device' } };
/** A NIN that is not 11 digits: the error is on the field, nothing is sent. */
export const IdleNinInvalid: Story = { tags: ['state:idle'], args: { mode: 'different-device' }, play: submitNin('1234 567') };

export const RequestingWildcard: Story = { tags: ['state:requesting'], args: { autoStart: true, script: { create: 'hang' } } };
/** "Open pasby" is shown, disabled (no href, aria-disabled), until the link exists. */
export const RequestingSameDevice: Story = { tags: ['state:requesting'], args: { mode: 'same-device', autoStart: true, script: { create: 'hang' } } };
export const RequestingDifferentDevice: Story = {
  tags: ['state:requesting'],
  args: { mode: 'different-device', script: { create: 'hang' } },
  play: submitNin('12345678901'),
};

export const AwaitingWildcard: Story = { tags: ['state:awaiting'], args: { autoStart: true } };
export const AwaitingSameDevice: Story = { tags: ['state:awaiting', 'no-qr'], args: { mode: 'same-device', autoStart: true } };
export const AwaitingDifferentDevice: Story = { tags: ['state:awaiting', 'no-qr'], args: { mode: 'different-device' }, play: submitNin('12345678901') };
/** A device picked the flow up: the QR is gone, approve in the pasby app. */
export const AwaitingPickedUp: Story = { tags: ['state:awaiting', 'no-qr'], args: { autoStart: true, script: { progress: { pickedUp: true } } } };
export const AwaitingReconnecting: Story = {
  tags: ['state:awaiting'],
  args: { autoStart: true, script: { progress: { failures: 2, connection: 'polling' } } },
};

export const Success: Story = { tags: ['state:success'], args: { autoStart: true, script: { watch: { resolve: { status: 'completed', claims: STORY_CLAIMS } } } } };
export const SuccessNamesOnly: Story = {
  tags: ['state:success'],
  args: { autoStart: true, script: { watch: { resolve: { status: 'completed', claims: { naming: { given: 'Chidi', family: 'Okafor' } } } } } },
};

export const DeclinedInTheApp: Story = { tags: ['state:declined'], args: { autoStart: true, script: { watch: { resolve: { status: 'declined', reason: 'CANCELLED' } } } } };
export const Expired: Story = { tags: ['state:declined'], args: { autoStart: true, script: { watch: { resolve: { status: 'expired' } } } } };
/** The NIN has no pasby ID: "Use a QR code instead", beside "Try another number". */
export const NotOnPasby: Story = {
  tags: ['state:declined'],
  args: { mode: 'different-device', script: { create: { reject: notOnPasby } } },
  play: submitNin('99999999999'),
};

export const ErrorNetwork: Story = {
  tags: ['state:error'],
  args: { autoStart: true, script: { create: { reject: new PassidError('network', '[passid] POST /session: no answer from the server.') } } },
};
/** No endpoint (and no transport): refused at mount, before any request. */
export const ErrorNoEndpoint: Story = { tags: ['state:error'], args: { noTransport: true } };

export const FrenchAwaiting: Story = { tags: ['state:awaiting'], args: { locale: fr, autoStart: true } };
export const FrenchNotOnPasby: Story = {
  tags: ['state:declined'],
  args: { locale: fr, mode: 'different-device', script: { create: { reject: notOnPasby } } },
  play: submitNin('99999999999'),
};
export const DarkSuccess: Story = {
  tags: ['state:success'],
  args: { theme: { mode: 'dark', primary: '#5b6cff' }, autoStart: true, script: { watch: { resolve: { status: 'completed', claims: STORY_CLAIMS } } } },
  parameters: { surface: 'dark' },
};
