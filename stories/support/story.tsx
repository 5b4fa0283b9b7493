import { PASSIDVerify } from '@passid/react';
import type { PASSIDVerifyProps } from '@passid/react';
import { userEvent, within } from 'storybook/test';
import { fakeTransport, frozenClock, type FakeScript } from './fakeTransport';

/** Story args: the component's props, plus the fake transport's script. */
export type StoryProps = Omit<PASSIDVerifyProps, 'onSuccess'> & {
  script?: FakeScript;
  onSuccess?: PASSIDVerifyProps['onSuccess'];
};

/** `<PASSIDVerify>` on the frozen clock, driven by a fake transport (a new one per mount). */
export function Widget({ script, onSuccess, ...props }: StoryProps) {
  return (
    <PASSIDVerify
      institutionName="Demo Bank"
      transport={props.apiKey ? undefined : fakeTransport(script)}
      clock={frozenClock}
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
