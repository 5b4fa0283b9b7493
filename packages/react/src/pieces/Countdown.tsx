import { cx } from '../cx.js';

/** Props of {@link Countdown}. */
export interface CountdownProps {
  /** What to show, already formatted by the core (`view.countdownText`, e.g. "Expires in 9:58"). */
  text: string;
  /** What screen readers say when they reach it (`view.countdownSpoken`; `null`: the text). */
  spokenText?: string | null;
  /** Whole seconds left, exposed as `data-seconds` for styling and tests (`null`: none). */
  secondsLeft?: number | null;
  /** Use the urgent colour. @default false */
  urgent?: boolean;
  className?: string;
}

/**
 * Time left before the QR request expires: a `role="timer"` element, which screen readers do
 * not announce every second (the widget's live region announces the moments that matter).
 */
export function Countdown({ text, spokenText, secondsLeft, urgent = false, className }: CountdownProps) {
  return (
    <span
      role="timer"
      aria-label={spokenText ?? undefined}
      className={cx('passid-countdown', className)}
      data-seconds={secondsLeft}
      data-urgent={urgent ? '' : undefined}
    >
      {text}
    </span>
  );
}
