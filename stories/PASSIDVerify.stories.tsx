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

export const Idle: Story = {};

export const Requesting: Story = { args: { autoStart: true, script: { create: 'hang' } } };

export const Awaiting: Story = { args: { autoStart: true } };

export const Verifying: Story = {
  args: { script: { verify: 'hang' } },
  play: submitToken('PASSID-AB3X-7YQM-K9PQ-3MNX'),
};

const success = (tier: 'A' | 'B' | 'C'): Story => ({
  args: { autoStart: true, script: { watch: { resolve: { status: 'completed', claims: CLAIMS[tier] } } } },
});
export const SuccessTierA = success('A');
export const SuccessTierB = success('B');
export const SuccessTierC = success('C');

/** A token refused by the verify endpoint, with each of the six deny reasons. */
const denied = (denyReason: DenyReason): Story => ({
  args: { script: { verify: { resolve: { verified: false, token: 'PASSID-AB3X-7YQM-K9PQ-3MNX', denyReason } } } },
  play: submitToken('PASSID-AB3X-7YQM-K9PQ-3MNX'),
});
export const DeclinedTokenNotFound = denied('TOKEN_NOT_FOUND');
export const DeclinedTokenExpired = denied('TOKEN_EXPIRED');
export const DeclinedTokenRevoked = denied('TOKEN_REVOKED');
export const DeclinedTokenAlreadyUsed = denied('TOKEN_ALREADY_USED');
export const DeclinedInstitutionMismatch = denied('INSTITUTION_MISMATCH');
export const DeclinedSanctionsMatch = denied('HARD_DENY_SANCTIONS_MATCH');

export const DeclinedByCustomer: Story = {
  args: { autoStart: true, script: { watch: { resolve: { status: 'declined', reason: 'CUSTOMER_DECLINED' } } } },
};

export const Expired: Story = {
  args: { autoStart: true, script: { watch: { resolve: { status: 'expired' } } } },
};

export const ErrorNetwork: Story = {
  args: {
    autoStart: true,
    script: { create: { reject: new PassidError('network', '[passid] Could not reach https://api.passid.io') } },
  },
};

/** A live key in the browser is refused before any request is made. */
export const ErrorLiveKeyRefused: Story = {
  args: { autoStart: true, apiKey: 'sk_live_storybook_not_a_real_key' },
};
