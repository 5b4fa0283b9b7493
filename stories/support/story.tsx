import { useState } from 'react';
import { PASSIDVerify } from '@passid/react';
import type { PASSIDVerifyProps } from '@passid/react';
import { createFakePassid } from '@passid/react/testing';
import type { FakePassid, FakePassidOptions } from '@passid/react/testing';
import type { Clock } from '@passid/core';
import { userEvent, within } from 'storybook/test';

/** The frozen "now" of every story: 2026-11-23 14:00:00 UTC. */
export const STORY_NOW = Date.UTC(2026, 10, 23, 14, 0, 0);

/** A clock stopped at {@link STORY_NOW}: countdowns show the same text on every render. */
export const frozenClock: Clock = {
  now: () => STORY_NOW,
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => 0.5,
};

/**
 * Story args: the component's props, plus how the story drives the test kit's fake PASSID
 * (`@passid/react/testing`): its options, and what it does before the widget mounts.
 */
export type StoryProps = Omit<PASSIDVerifyProps, 'onSuccess'> & {
  /** Options of the fake (e.g. `tokens`). Internal: hidden from the controls and the docs. */
  fake?: FakePassidOptions;
  /** What the fake does before the widget mounts (`approve()`, `hold()`…). Internal. */
  drive?: (passid: FakePassid) => unknown;
  onSuccess?: PASSIDVerifyProps['onSuccess'];
};

/** `<PASSIDVerify>` on the frozen clock, driven by the test kit's fake PASSID (a new one per mount). */
export function Widget({ fake, drive, onSuccess, ...props }: StoryProps) {
  const [passid] = useState(() => {
    const created = createFakePassid({ clock: frozenClock, ...fake });
    void drive?.(created);
    return created;
  });
  return (
    <PASSIDVerify
      institutionName="Demo Bank"
      {...(props.apiKey ? { clock: frozenClock } : passid.props)}
      onSuccess={onSuccess ?? (() => {})}
      {...props}
    />
  );
}

/** A play function that types `token` into the manual entry and submits it. */
export function submitToken(token: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input.passid-input');
    if (!input) throw new Error('no token field');
    await userEvent.type(input, token);
    const form = input.form;
    if (!form) throw new Error('no token form');
    await userEvent.click(within(form).getByRole('button'));
  };
}

/** Hidden from the controls and the docs' props table: how a story is wired, not what a user sets. */
const internal = { table: { disable: true }, control: false } as const;

/**
 * The args no reader should set: the kit's fake (`fake`, `drive`, `noTransport`) and the props
 * it fills in (`transport`, `clock`, `network`), plus the injection points for tests
 * (`fetch`, `createIdempotencyKey`).
 */
export const INTERNAL_ARG_TYPES = {
  fake: internal,
  drive: internal,
  noTransport: internal,
  transport: internal,
  clock: internal,
  network: internal,
  fetch: internal,
  createIdempotencyKey: internal,
};
