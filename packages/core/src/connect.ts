/**
 * `connect(state, { messages })`: a pure function from the machine's state to everything a
 * UI shows. Components render this object and hold no rule of their own (sanctions,
 * expiry, deny texts, the retry label all live here).
 */
import { CLAIM_ROW_KEYS, en, formatMessage } from './messages.js';
import type { ClaimRowKey, Messages } from './messages.js';
import type { Claims, Tier } from './wire/schemas.js';
import type { DeclineCode, PassidError, VerifyMode, VerifyState, VerifyStatus } from './types.js';

/** How a claim row should look. `negative` is also used for the sanctions match. */
export type ClaimTone = 'positive' | 'negative' | 'warning' | 'neutral';

/** One line of the claims summary. `value` is plain text: render it as text, never HTML. */
export interface ClaimRow {
  key: ClaimRowKey;
  label: string;
  value: string;
  tone: ClaimTone;
}

export interface ConnectOptions {
  /** The texts to use. @default the English catalogue */
  messages?: Messages;
  /** Local clock in ms, overriding `state.now` for the countdown. @default state.now */
  now?: number;
}

/** Everything the UI shows for one state. */
export interface VerifyView {
  status: VerifyStatus;
  mode: VerifyMode | null;
  isIdle: boolean;
  isRequesting: boolean;
  isAwaiting: boolean;
  isVerifying: boolean;
  isSuccess: boolean;
  isDeclined: boolean;
  isError: boolean;
  /** requesting or verifying or awaiting: an attempt is running. */
  isBusy: boolean;
  /** A spinner should show (requesting, verifying). */
  showSpinner: boolean;
  /** Spinner text, or null. */
  spinnerText: string | null;
  /** `start()` would do something (idle, declined, error). */
  canStart: boolean;
  /** Show the "Generate QR code" button (idle). */
  showStartButton: boolean;
  /** Show the manual token form (idle, and awaiting for a customer whose camera fails). */
  showTokenForm: boolean;
  /** Show the QR, the code and the countdown (awaiting). */
  showQr: boolean;
  /** What the QR encodes, when awaiting. */
  qrValue: string | null;
  /** The 8-character code, when awaiting. */
  code: string | null;
  /** Whole seconds left on the server's clock, when awaiting (never negative). */
  secondsLeft: number | null;
  /** `m:ss`, when awaiting. */
  countdown: string | null;
  /** "Expires in m:ss", when awaiting. */
  countdownText: string | null;
  /** Spoken form for screen readers, when awaiting. */
  countdownSpoken: string | null;
  /** Accessible name of the QR canvas (what to do + the code), when awaiting. */
  qrLabel: string | null;
  /** Polls are failing but the session is alive: show "Reconnecting…". */
  reconnecting: boolean;
  reconnectingText: string | null;
  /** Text for the polite live region (`role="status"`). */
  liveText: string;
  /** Heading of the end states (success, declined, error), or null. */
  title: string | null;
  decline: DeclineCode | null;
  /** The friendly decline text, when declined. */
  declineText: string | null;
  /** The request expired (declined with REQUEST_EXPIRED). */
  isExpired: boolean;
  /** A sanctions hit: never show as success, do not proceed. */
  isSanctionsHit: boolean;
  /** Show the retry button (declined, error). */
  showRetry: boolean;
  /** "Generate new code" after expiry, "Try again" otherwise; null when no retry. */
  retryLabel: string | null;
  /** The friendly error text, when error. */
  errorText: string | null;
  /** FSI score, when success and granted. */
  score: number | null;
  scoreText: string | null;
  tier: Tier | null;
  tierText: string | null;
  /** Claim rows in a fixed order, only the claims present. */
  claims: ClaimRow[];
  /** Manual token field error text, if the last input was malformed. */
  tokenInputErrorText: string | null;
  /** The catalogue used, for the static labels (buttons, field label…). */
  messages: Messages;
}

/** `m:ss` for a number of seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Seconds left before `state.session` expires, corrected for clock skew; null if no session. */
export function secondsLeft(state: VerifyState, now: number = state.now): number | null {
  if (!state.session) return null;
  const msLeft = state.session.expiresAt - (now + state.clockOffsetMs);
  return Math.max(0, Math.ceil(msLeft / 1000));
}

/** The friendly text for an error. */
export function errorText(error: PassidError, messages: Messages = en): string {
  if (error.kind === 'http') {
    if (error.status === 401 || error.status === 403) return messages.errorUnauthorized;
    if (error.status === 429) return messages.errorRateLimited;
    if (error.status === 404 || error.status === 410) return messages.errorNotFound;
    return formatMessage(messages.errors.http, { status: error.status ?? '?' });
  }
  return messages.errors[error.kind];
}

/** The friendly text for a decline code. */
export function declineText(code: DeclineCode, messages: Messages = en): string {
  return messages.decline[code] ?? messages.decline.UNKNOWN_DECLINE;
}

const percent = (value: number, m: Messages) =>
  formatMessage(m.values.percent, { value: Math.round(value * 100) });

function claimRow(key: ClaimRowKey, claims: Claims, m: Messages): ClaimRow | null {
  const label = m.claimLabels[key];
  const row = (value: string, tone: ClaimTone): ClaimRow => ({ key, label, value, tone });
  switch (key) {
    case 'fsi_score': {
      const { fsi_score: score, fsi_low: low, fsi_high: high } = claims;
      if (score === undefined) return null;
      const text =
        low !== undefined && high !== undefined
          ? formatMessage(m.values.scoreRange, { score, low, high })
          : String(score);
      return row(text, 'neutral');
    }
    case 'tier':
      return claims.tier === undefined
        ? null
        : row(claims.tier, claims.tier <= 'B' ? 'positive' : claims.tier === 'C' ? 'warning' : 'negative');
    case 'confidence':
      return claims.confidence === undefined ? null : row(percent(claims.confidence, m), 'neutral');
    case 'p_stable':
      return claims.p_stable === undefined ? null : row(percent(claims.p_stable, m), 'neutral');
    case 'income_verified':
    case 'identity_verified': {
      const value = claims[key];
      if (value === undefined) return null;
      return value ? row(m.values.verified, 'positive') : row(m.values.notVerified, 'warning');
    }
    case 'income_band':
    case 'corridor': {
      const value = claims[key];
      return value === undefined ? null : row(value, 'neutral');
    }
    case 'sanctions_clear':
      if (claims.sanctions_clear === undefined) return null;
      return claims.sanctions_clear
        ? row(m.values.sanctionsClear, 'positive')
        : row(m.values.sanctionsMatch, 'negative');
    case 'payment_reliability':
      return claims.payment_reliability === undefined
        ? null
        : row(percent(claims.payment_reliability, m), 'neutral');
    case 'savings_consistency':
      return claims.savings_consistency === undefined
        ? null
        : row(formatMessage(m.values.outOf100, { value: Math.round(claims.savings_consistency) }), 'neutral');
    case 'fraud_risk':
      if (claims.fraud_risk === undefined) return null;
      return claims.fraud_risk === 'low'
        ? row(m.values.fraudLow, 'positive')
        : claims.fraud_risk === 'medium'
          ? row(m.values.fraudMedium, 'warning')
          : row(m.values.fraudHigh, 'negative');
    case 'decision':
      if (claims.decision === undefined) return null;
      return claims.decision === 'approved'
        ? row(m.values.decisionApproved, 'positive')
        : row(m.values.decisionReview, 'warning');
  }
}

/** The claim rows, in the fixed order of `CLAIM_ROW_KEYS`, only for claims present. */
export function claimRows(claims: Claims, messages: Messages = en): ClaimRow[] {
  const rows: ClaimRow[] = [];
  for (const key of CLAIM_ROW_KEYS) {
    const row = claimRow(key, claims, messages);
    if (row) rows.push(row);
  }
  return rows;
}

/** Maps a state to the view the UI renders. Pure: same input, same output. */
export function connect(state: VerifyState, options: ConnectOptions = {}): VerifyView {
  const m = options.messages ?? en;
  const { status } = state;
  const awaiting = status === 'awaiting';
  const success = status === 'success';
  const declined = status === 'declined';
  const failed = status === 'error';
  const secs = awaiting ? secondsLeft(state, options.now ?? state.now) : null;
  const code = awaiting ? (state.session?.code ?? null) : null;
  const declineCode = declined ? (state.decline ?? 'UNKNOWN_DECLINE') : null;
  const declineMsg = declineCode ? declineText(declineCode, m) : null;
  const errorMsg = failed && state.error ? errorText(state.error, m) : failed ? m.errors.network : null;
  const reconnecting = awaiting && state.pollFailures > 0;
  const claims = success && state.claims ? state.claims : null;
  const spinnerText =
    status === 'requesting' ? m.requesting : status === 'verifying' ? m.verifying : null;

  let liveText: string;
  switch (status) {
    case 'idle':
      liveText = m.liveIdle;
      break;
    case 'requesting':
      liveText = m.liveRequesting;
      break;
    case 'awaiting':
      liveText = reconnecting ? m.reconnecting : formatMessage(m.liveAwaiting, { code: code ?? '' });
      break;
    case 'verifying':
      liveText = m.liveVerifying;
      break;
    case 'success':
      liveText = m.liveSuccess;
      break;
    case 'declined':
      liveText = formatMessage(m.liveDeclined, { reason: declineMsg ?? '' });
      break;
    case 'error':
      liveText = formatMessage(m.liveError, { error: errorMsg ?? '' });
      break;
  }

  return {
    status,
    mode: state.mode,
    isIdle: status === 'idle',
    isRequesting: status === 'requesting',
    isAwaiting: awaiting,
    isVerifying: status === 'verifying',
    isSuccess: success,
    isDeclined: declined,
    isError: failed,
    isBusy: status === 'requesting' || awaiting || status === 'verifying',
    showSpinner: spinnerText !== null,
    spinnerText,
    canStart: status === 'idle' || declined || failed,
    showStartButton: status === 'idle',
    showTokenForm: status === 'idle' || awaiting,
    showQr: awaiting && state.session !== null,
    qrValue: awaiting ? (state.session?.qrValue ?? null) : null,
    code,
    secondsLeft: secs,
    countdown: secs === null ? null : formatCountdown(secs),
    countdownText: secs === null ? null : formatMessage(m.expiresIn, { time: formatCountdown(secs) }),
    countdownSpoken:
      secs === null
        ? null
        : formatMessage(m.expiresInSpoken, { minutes: Math.floor(secs / 60), seconds: secs % 60 }),
    qrLabel: code === null ? null : formatMessage(m.qrLabel, { code }),
    reconnecting,
    reconnectingText: reconnecting ? m.reconnecting : null,
    liveText,
    title: success ? m.successTitle : declined ? m.declinedTitle : failed ? m.errorTitle : null,
    decline: declineCode,
    declineText: declineMsg,
    isExpired: declineCode === 'REQUEST_EXPIRED',
    isSanctionsHit: declineCode === 'HARD_DENY_SANCTIONS_MATCH',
    showRetry: declined || failed,
    retryLabel: declined || failed ? (declineCode === 'REQUEST_EXPIRED' ? m.generateNewCode : m.tryAgain) : null,
    errorText: errorMsg,
    score: claims?.fsi_score ?? null,
    scoreText: claims?.fsi_score === undefined || !claims ? null : formatMessage(m.scoreBadge, { score: claims.fsi_score }),
    tier: claims?.tier ?? null,
    tierText: claims?.tier === undefined || !claims ? null : formatMessage(m.tierBadge, { tier: claims.tier }),
    claims: claims ? claimRows(claims, m) : [],
    tokenInputErrorText: state.tokenInputError ? m.tokenErrors[state.tokenInputError] : null,
    messages: m,
  };
}
