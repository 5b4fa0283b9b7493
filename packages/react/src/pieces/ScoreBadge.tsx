import type { ClaimTone } from '@passid/core';
import { cx } from '../cx.js';

/** Props of {@link ScoreBadge}. */
export interface ScoreBadgeProps {
  /** The FSI score (300–850), or null when `full_score` was not granted. */
  score: number | null;
  /** Text for the score, e.g. "FSI 812" (`view.scoreText`). */
  scoreText?: string | null;
  /** The tier letter, or null. */
  tier?: string | null;
  /** Text for the tier, e.g. "Tier A" (`view.tierText`). */
  tierText?: string | null;
  /** The tier's colour (`view.tierTone`), the same as the tier's claim row. @default undefined (the text colour) */
  tierTone?: ClaimTone | null;
  className?: string;
}

/** The score and tier at the top of the success state. Renders nothing when neither exists. */
export function ScoreBadge({ score, scoreText, tier, tierText, tierTone, className }: ScoreBadgeProps) {
  if (score === null && !tier) return null;
  return (
    <div className={cx('passid-badge', className)} data-tier={tier ?? undefined}>
      {score !== null ? (
        <span className="passid-score">{scoreText ?? String(score)}</span>
      ) : null}
      {tierText ? (
        <span className="passid-tier" data-tone={tierTone}>
          {tierText}
        </span>
      ) : null}
    </div>
  );
}
