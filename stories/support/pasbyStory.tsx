import { useState } from 'react';
import { PasbyVerify } from '@passid/react/pasby';
import type { PasbyVerifyProps } from '@passid/react/pasby';
import { createFakePasby } from '@passid/react/testing';
import type { FakePasby, FakePasbyOptions } from '@passid/react/testing';
import { userEvent, within } from 'storybook/test';
import { frozenClock } from './story';

/** Story args: the component's props, plus how the story drives the test kit's fake pasby. */
export type PasbyStoryProps = Omit<PasbyVerifyProps, 'onSuccess'> & {
  /** Options of the fake (e.g. `nins`). Internal: hidden from the controls and the docs. */
  fake?: FakePasbyOptions;
  /** What the fake does before the widget mounts (`approve()`, `hold()`…). Internal. */
  drive?: (pasby: FakePasby) => unknown;
  /** No transport at all (to show the configuration error). Internal. */
  noTransport?: boolean;
  onSuccess?: PasbyVerifyProps['onSuccess'];
};

/** `<PasbyVerify>` on the frozen clock, driven by the test kit's fake pasby (a new one per mount). */
export function PasbyWidget({ fake, drive, noTransport, onSuccess, ...props }: PasbyStoryProps) {
  const [pasby] = useState(() => {
    const created = createFakePasby({ clock: frozenClock, ...fake });
    void drive?.(created);
    return created;
  });
  return (
    <PasbyVerify
      institutionName="Demo Bank"
      {...(noTransport ? { clock: frozenClock } : pasby.props)}
      onSuccess={onSuccess ?? (() => {})}
      {...props}
    />
  );
}

/** A play function that types `nin` into the NIN field and submits it. */
export function submitNin(nin: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input.passid-input');
    if (!input?.form) throw new Error('no NIN field');
    await userEvent.type(input, nin);
    await userEvent.click(within(input.form).getByRole('button'));
  };
}
