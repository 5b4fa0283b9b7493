/**
 * Every state of `<PASSIDVerify>`, driven through the headless core by the test kit's fake
 * PASSID (`@passid/react/testing`) on a frozen clock (no server, same pixels every time).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { PassidError } from '@passid/core';
import type { DenyReason } from '@passid/core';
import type { FakePersona } from '@passid/react/testing';
import { PASSIDVerify } from '@passid/react';
import { INTERNAL_ARG_TYPES, Widget, submitToken, type StoryProps } from './support/story';

/**
 * `<PASSIDVerify>` from `@passid/react`: the customer scans a QR code with the PASSID app, or
 * reads out a one-time token that a staff member types in. Every state below is the real
 * component and core, driven by the test kit's fake PASSID (`createFakePassid()` from
 * `@passid/react/testing`, the one your own tests can use) on a frozen clock.
 *
 * ```tsx
 * <PASSIDVerify endpoint="/api/passid" institutionName="Demo Bank" onSuccess={(claims) => save(claims)} />
 * ```
 */
const meta = {
  title: 'PASSIDVerify/States',
  component: PASSIDVerify as unknown as (props: StoryProps) => ReturnType<typeof Widget>,
  render: (args) => <Widget {...args} />,
  tags: ['autodocs'],
  args: { permissions: undefined },
  argTypes: INTERNAL_ARG_TYPES,
} satisfies Meta<StoryProps>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = { tags: ['state:idle'] };

export const Requesting: Story = { tags: ['state:requesting'], args: { autoStart: true, drive: (passid) => passid.hold() } };

export const Awaiting: Story = { tags: ['state:awaiting'], args: { autoStart: true } };

export const Verifying: Story = { tags: ['state:verifying'],
  args: { drive: (passid) => passid.hold() },
  play: submitToken('PASSID-AB3X-7YQM-K9PQ-3MNX'),
};

/** The customer approves at once, as one of the sandbox personas. */
const success = (persona: FakePersona): Story => ({
  args: { autoStart: true, drive: (passid) => passid.approve(persona) },
});
export const SuccessTierA: Story = { ...success('amina'), tags: ['state:success'] };
export const SuccessTierB: Story = { ...success('chidi'), tags: ['state:success'] };
export const SuccessTierC: Story = { ...success('kwame'), tags: ['state:success'] };
/** Branch desks: `nextCustomer` adds "Verify another customer" after a success (a fresh idle widget). */
export const SuccessNextCustomer: Story = { ...success('amina'), tags: ['state:success'], args: { ...success('amina').args, nextCustomer: true } };

/** A token refused by the verify endpoint, with each of the six deny reasons. */
const denied = (denyReason: DenyReason): Story => ({
  args: { fake: { tokens: { 'PASSID-AB3X-7YQM-K9PQ-3MNX': denyReason } } },
  play: submitToken('PASSID-AB3X-7YQM-K9PQ-3MNX'),
});
export const DeclinedTokenNotFound: Story = { ...denied('TOKEN_NOT_FOUND'), tags: ['state:declined'] };
export const DeclinedTokenExpired: Story = { ...denied('TOKEN_EXPIRED'), tags: ['state:declined'] };
export const DeclinedTokenRevoked: Story = { ...denied('TOKEN_REVOKED'), tags: ['state:declined'] };
export const DeclinedTokenAlreadyUsed: Story = { ...denied('TOKEN_ALREADY_USED'), tags: ['state:declined'] };
export const DeclinedInstitutionMismatch: Story = { ...denied('INSTITUTION_MISMATCH'), tags: ['state:declined'] };
export const DeclinedSanctionsMatch: Story = { ...denied('HARD_DENY_SANCTIONS_MATCH'), tags: ['state:declined'] };

export const DeclinedByCustomer: Story = { tags: ['state:declined'],
  args: { autoStart: true, drive: (passid) => passid.decline('CUSTOMER_DECLINED') },
};

export const Expired: Story = { tags: ['state:declined'],
  args: { autoStart: true, drive: (passid) => passid.expire() },
};

/** The bridge cannot be reached: both attempts at creating a session fail (the retry is 1 s later). */
export const ErrorNetwork: Story = { tags: ['state:error'],
  args: {
    autoStart: true,
    drive: (passid) => passid.fail(Infinity, new PassidError('network', '[passid] Could not reach https://api.passid.io')),
  },
};

/** A live key in the browser is refused before any request is made. */
export const ErrorLiveKeyRefused: Story = { tags: ['state:error'],
  args: { autoStart: true, apiKey: 'sk_live_storybook_not_a_real_key' },
};
