import { PasbyVerify } from '@passid/react/pasby';
import type { PasbyVerifyProps } from '@passid/react/pasby';
import { userEvent, within } from 'storybook/test';
import { frozenClock } from './fakeTransport';
import { fakePasbyTransport, type PasbyScript } from './fakePasbyTransport';

/** Story args: the component's props, plus the fake transport's script. */
export type PasbyStoryProps = Omit<PasbyVerifyProps, 'onSuccess'> & {
  script?: PasbyScript;
  /** No transport at all (to show the configuration error). */
  noTransport?: boolean;
  onSuccess?: PasbyVerifyProps['onSuccess'];
};

/** `<PasbyVerify>` on the frozen clock, driven by a fake transport (a new one per mount). */
export function PasbyWidget({ script, noTransport, onSuccess, ...props }: PasbyStoryProps) {
  return (
    <PasbyVerify
      institutionName="Demo Bank"
      transport={noTransport ? undefined : fakePasbyTransport(script)}
      clock={frozenClock}
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
