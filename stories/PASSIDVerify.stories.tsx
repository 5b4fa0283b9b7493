/**
 * Every state of `<PASSIDVerify>`, driven through the headless core by a deterministic fake
 * transport on a frozen clock (no server, same pixels every time).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { PassidError } from '@passid/core';
import type { DenyReason } from '@passid/core';
import { Widget, submitToken, type StoryProps } from './support/story';
import { CLAIMS } from './support/fakeTransport';

const meta = {
  title: 'PASSIDVerify/States',
  component: Widget,
  args: { permissions: undefined },
  argTypes: { script: { control: false }, transport: { control: false }, clock: { control: false } },
} satisfies Meta<StoryProps>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = { tags: ['state:idle'] };

export const Requesting: Story = { tags: ['state:requesting'], args: { autoStart: true, script: { create: 'hang' } } };

export const Awaiting: Story = { tags: ['state:awaiting'], args: { autoStart: true } };

export const Verifying: Story = { tags: ['state:verifying'],
  args: { script: { verify: 'hang' } },
  play: submitToken('PASSID-AB3X-7YQM-K9PQ-3MNX'),
};

const success = (tier: 'A' | 'B' | 'C'): Story => ({
  args: { autoStart: true, script: { watch: { resolve: { status: 'completed', claims: CLAIMS[tier] } } } },
});
export const SuccessTierA: Story = { ...success('A'), tags: ['state:success'] };
export const SuccessTierB: Story = { ...success('B'), tags: ['state:success'] };
export const SuccessTierC: Story = { ...success('C'), tags: ['state:success'] };
/** Branch desks: `nextCustomer` adds "Verify another customer" after a success (a fresh idle widget). */
export const SuccessNextCustomer: Story = { ...success('A'), tags: ['state:success'], args: { ...success('A').args, nextCustomer: true } };

/** A token refused by the verify endpoint, with each of the six deny reasons. */
const denied = (denyReason: DenyReason): Story => ({
  args: { script: { verify: { resolve: { verified: false, token: 'PASSID-AB3X-7YQM-K9PQ-3MNX', denyReason } } } },
  play: submitToken('PASSID-AB3X-7YQM-K9PQ-3MNX'),
});
export const DeclinedTokenNotFound: Story = { ...denied('TOKEN_NOT_FOUND'), tags: ['state:declined'] };
export const DeclinedTokenExpired: Story = { ...denied('TOKEN_EXPIRED'), tags: ['state:declined'] };
export const DeclinedTokenRevoked: Story = { ...denied('TOKEN_REVOKED'), tags: ['state:declined'] };
export const DeclinedTokenAlreadyUsed: Story = { ...denied('TOKEN_ALREADY_USED'), tags: ['state:declined'] };
export const DeclinedInstitutionMismatch: Story = { ...denied('INSTITUTION_MISMATCH'), tags: ['state:declined'] };
export const DeclinedSanctionsMatch: Story = { ...denied('HARD_DENY_SANCTIONS_MATCH'), tags: ['state:declined'] };

export const DeclinedByCustomer: Story = { tags: ['state:declined'],
  args: { autoStart: true, script: { watch: { resolve: { status: 'declined', reason: 'CUSTOMER_DECLINED' } } } },
};

export const Expired: Story = { tags: ['state:declined'],
  args: { autoStart: true, script: { watch: { resolve: { status: 'expired' } } } },
};

export const ErrorNetwork: Story = { tags: ['state:error'],
  args: {
    autoStart: true,
    script: { create: { reject: new PassidError('network', '[passid] Could not reach https://api.passid.io') } },
  },
};

/** A live key in the browser is refused before any request is made. */
export const ErrorLiveKeyRefused: Story = { tags: ['state:error'],
  args: { autoStart: true, apiKey: 'sk_live_storybook_not_a_real_key' },
};
