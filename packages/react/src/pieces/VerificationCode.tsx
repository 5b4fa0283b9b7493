import { cx } from '../cx.js';

/** Props of {@link VerificationCode}. */
export interface VerificationCodeProps {
  /** The short code, e.g. `AB3X-7YQM`. */
  code: string;
  /** Words before the code, e.g. "Or enter this code in the app". */
  label?: string;
  className?: string;
}

/** The 8-character fallback code shown beside the QR, as selectable text. */
export function VerificationCode({ code, label, className }: VerificationCodeProps) {
  return (
    <p className={cx('passid-code', className)}>
      {label}
      <strong translate="no">{code}</strong>
    </p>
  );
}
