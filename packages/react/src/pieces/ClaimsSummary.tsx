import type { ClaimRow } from '@passid/core';
import { cx } from '../cx.js';

/** Props of {@link ClaimsSummary}. */
export interface ClaimsSummaryProps {
  /** The rows `connect()` computed (`view.claims`; pasby's `connectPasby()` rows fit too). */
  rows: readonly (Omit<ClaimRow, 'key'> & { key: string })[];
  /** Caption shown above the list, e.g. "Verified claims" (`messages.claimsTitle`). */
  label?: string;
  className?: string;
}

/**
 * The claim-by-claim summary as a description list. Every label and value is rendered as a
 * text node — a claim that contains markup shows the markup as text, it never runs.
 */
export function ClaimsSummary({ rows, label, className }: ClaimsSummaryProps) {
  if (rows.length === 0) return null;
  return (
    <div className={cx('passid-claims-box', className)}>
      {label ? <p className="passid-claims-title">{label}</p> : null}
      <dl className="passid-claims">
        {rows.map((row) => (
          <div key={row.key} className="passid-claim" data-claim={row.key}>
            <dt>{row.label}</dt>
            <dd data-tone={row.tone}>{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
