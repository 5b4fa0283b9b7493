/**
 * `connect(state, { messages })`: a pure function from the machine's state to everything a
 * UI shows. Components render this object and hold no rule of their own (sanctions,
 * expiry, deny texts, the retry label all live here).
 */
import { CLAIM_ROW_KEYS, en, formatMessage } from '../../i18n/messages.js';
import type { ClaimRowKey, Messages } from '../../i18n/messages.js';
import type { Claims, Tier } from '../../wire/schemas.js';
import type { PassidError } from '../../flow/types.js';
import type { DeclineCode, VerifyMode, VerifyState, VerifyStatus } from './types.js';

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
  /** Named in `heading` ("Verify with PASSID for {institution}"). @default undefined (the plain title) */
  institutionName?: string;
  /**
   * Offer "Verify another customer" after a success (`showNextCustomer`), for branch desks:
   * the UI calls the controller's `reset()`, which starts a fresh idle widget.
   * @default false
   */
  nextCustomer?: boolean;
}

/** Where keyboard focus belongs in a state (when the user was in the widget). */
export type FocusTarget = 'start' | 'token' | 'panel' | 'title' | 'retry' | null;

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
  /** How the open session is watched (`live` push, `polling`, `offline`), when awaiting. */
  connection: VerifyState['connection'];
  /** The page is offline, or reads of the session are failing, while it is still alive: show "Reconnecting…". */
  reconnecting: boolean;
  reconnectingText: string | null;
  /** Text for the polite live region (`role="status"`). */
  liveText: string;
  /** The widget's header: the title, with the institution's name when given. */
  heading: string;
  /** Heading of the end states (success, declined, error), or null. */
  title: string | null;
  /** What the end state's heading shows: `declineText` ("Request expired") on expiry, else `title`. */
  endTitle: string | null;
  decline: DeclineCode | null;
  /** The friendly decline text, when declined. */
  declineText: string | null;
  /** The request expired (declined with REQUEST_EXPIRED). */
  isExpired: boolean;
  /** A sanctions hit: never show as success, do not proceed. */
  isSanctionsHit: boolean;
  /** Show the retry button (declined, error). */
  showRetry: boolean;
  /** Show "Verify another customer" (`messages.nextCustomer`, calls `reset()`): success, with the `nextCustomer` option. */
  showNextCustomer: boolean;
  /**
   * "Generate new code" after expiry, "Start over" after a sanctions hit (back to idle, no new
   * session), "Try again" otherwise; null when no retry.
   */
  retryLabel: string | null;
  /**
   * How prominent the retry button is: `secondary` after a sanctions hit, so the page does not
   * invite the customer to try again; `primary` otherwise; null when no retry.
   */
  retryVariant: 'primary' | 'secondary' | null;
  /** The friendly error text, when error. */
  errorText: string | null;
  /** FSI score, when success and granted. */
  score: number | null;
  scoreText: string | null;
  tier: Tier | null;
  tierText: string | null;
  /** The tier's colour, the same as its row in the claims (`tierTone`): A–B positive, C warning, D–E negative. */
  tierTone: ClaimTone | null;
  /** Claim rows in a fixed order, only the claims present. */
  claims: ClaimRow[];
  /** Manual token field error text, if the last input was malformed. */
  tokenInputErrorText: string | null;
  /**
   * Where focus goes when this state appears: the QR button in `idle` (the token field after
   * "Try again" on a refused token), the panel while busy, the heading on success, the retry
   * button in `declined`/`error`.
   */
  focusTarget: FocusTarget;
  /** The catalogue used, for the static labels (buttons, field label…). */
  messages: Messages;
}

/** `m:ss` for a number of seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${s % 60 < 10 ? '0' : ''}${s % 60}`;
}

/** Seconds left before `state.session` expires, corrected for clock skew; null if no session. */
export function secondsLeft(state: VerifyState, now = state.now): number | null {
  return state.session && Math.max(0, Math.ceil((state.session.expiresAt - now - state.clockOffsetMs) / 1000));
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

/** The one colour rule of a tier, for its claim row and the score badge: A–B positive, C warning, D–E negative. */
export const tierTone = (tier: Tier): ClaimTone => (tier <= 'B' ? 'positive' : tier === 'C' ? 'warning' : 'negative');

/** The text and tone of one claim; `value` is the claim as it came (never undefined). */
function claimValue(key: ClaimRowKey, value: string | number | boolean, claims: Claims, v: Messages['values']): [string, ClaimTone] {
  const n = value as number;
  switch (key) {
    case 'fsi_score':
      return [
        claims.fsi_low !== undefined && claims.fsi_high !== undefined
          ? formatMessage(v.scoreRange, { score: n, low: claims.fsi_low, high: claims.fsi_high })
          : String(n),
        'neutral',
      ];
    case 'tier':
      return [String(value), tierTone(value as Tier)];
    case 'confidence':
    case 'p_stable':
    case 'payment_reliability':
      return [formatMessage(v.percent, { value: Math.round(n * 100) }), 'neutral'];
    case 'savings_consistency':
      return [formatMessage(v.outOf100, { value: Math.round(n) }), 'neutral'];
    case 'income_verified':
    case 'identity_verified':
      return value ? [v.verified, 'positive'] : [v.notVerified, 'warning'];
    case 'sanctions_clear':
      return value ? [v.sanctionsClear, 'positive'] : [v.sanctionsMatch, 'negative'];
    case 'fraud_risk':
      return value === 'low' ? [v.fraudLow, 'positive'] : value === 'medium' ? [v.fraudMedium, 'warning'] : [v.fraudHigh, 'negative'];
    case 'decision':
      return value === 'approved' ? [v.decisionApproved, 'positive'] : [v.decisionReview, 'warning'];
    default: // income_band, corridor: free text, rendered as text
      return [String(value), 'neutral'];
  }
}

/** The claim rows, in the fixed order of `CLAIM_ROW_KEYS`, only for claims present. */
export function claimRows(claims: Claims, messages: Messages = en): ClaimRow[] {
  const rows: ClaimRow[] = [];
  for (const key of CLAIM_ROW_KEYS) {
    const value = claims[key];
    if (value === undefined) continue;
    const [text, tone] = claimValue(key, value, claims, messages.values);
    rows.push({ key, label: messages.claimLabels[key], value: text, tone });
  }
  return rows;
}

/** Maps a state to the view the UI renders. Pure: same input, same output. */
export function connect(state: VerifyState, options: ConnectOptions = {}): VerifyView {
  const m = options.messages ?? en;
  const { status, session } = state;
  const idle = status === 'idle';
  const requesting = status === 'requesting';
  const awaiting = status === 'awaiting';
  const verifying = status === 'verifying';
  const success = status === 'success';
  const declined = status === 'declined';
  const failed = status === 'error';
  const ended = declined || failed;
  const secs = awaiting ? secondsLeft(state, options.now) : null;
  const code = awaiting ? (session?.code ?? null) : null;
  const declineCode = declined ? (state.decline ?? 'UNKNOWN_DECLINE') : null;
  const declineMsg = declineCode && declineText(declineCode, m);
  const errorMsg = failed ? (state.error ? errorText(state.error, m) : m.errors.network) : null;
  const reconnecting = awaiting && (state.pollFailures > 0 || state.connection === 'offline');
  const claims = success ? state.claims : null;
  const expired = declineCode === 'REQUEST_EXPIRED';
  const sanctions = declineCode === 'HARD_DENY_SANCTIONS_MATCH';
  const spinnerText = requesting ? m.requesting : verifying ? m.verifying : null;
  const countdown = secs === null ? null : formatCountdown(secs);
  const title = success ? m.successTitle : declined ? m.declinedTitle : failed ? m.errorTitle : null;

  return {
    status,
    mode: state.mode,
    isIdle: idle,
    isRequesting: requesting,
    isAwaiting: awaiting,
    isVerifying: verifying,
    isSuccess: success,
    isDeclined: declined,
    isError: failed,
    isBusy: requesting || awaiting || verifying,
    showSpinner: spinnerText !== null,
    spinnerText,
    canStart: idle || ended,
    showStartButton: idle,
    showTokenForm: idle || awaiting,
    showQr: awaiting && session !== null,
    qrValue: awaiting ? (session?.qrValue ?? null) : null,
    code,
    secondsLeft: secs,
    countdown,
    countdownText: countdown && formatMessage(m.expiresIn, { time: countdown }),
    countdownSpoken:
      secs === null ? null : formatMessage(m.expiresInSpoken, { minutes: Math.floor(secs / 60), seconds: secs % 60 }),
    qrLabel: code && formatMessage(m.qrLabel, { code }),
    connection: awaiting ? state.connection : null,
    reconnecting,
    reconnectingText: reconnecting ? m.reconnecting : null,
    liveText: idle
      ? m.liveIdle
      : requesting
        ? m.liveRequesting
        : awaiting
          ? reconnecting
            ? m.reconnecting
            : formatMessage(m.liveAwaiting, { code: code ?? '' })
          : verifying
            ? m.liveVerifying
            : success
              ? m.liveSuccess
              : declined
                ? formatMessage(m.liveDeclined, { reason: declineMsg ?? '' })
                : formatMessage(m.liveError, { error: errorMsg ?? '' }),
    heading: options.institutionName ? formatMessage(m.titleWithInstitution, { institution: options.institutionName }) : m.title,
    title,
    endTitle: expired ? declineMsg : title,
    decline: declineCode,
    declineText: declineMsg,
    isExpired: expired,
    isSanctionsHit: sanctions,
    showRetry: ended,
    showNextCustomer: success && !!options.nextCustomer,
    retryLabel: ended ? (sanctions ? m.startOver : expired ? m.generateNewCode : m.tryAgain) : null,
    retryVariant: ended ? (sanctions ? 'secondary' : 'primary') : null,
    errorText: errorMsg,
    score: claims?.fsi_score ?? null,
    scoreText: claims?.fsi_score === undefined ? null : formatMessage(m.scoreBadge, { score: claims.fsi_score }),
    tier: claims?.tier ?? null,
    tierText: claims?.tier === undefined ? null : formatMessage(m.tierBadge, { tier: claims.tier }),
    tierTone: claims?.tier ? tierTone(claims.tier) : null,
    claims: claims ? claimRows(claims, m) : [],
    tokenInputErrorText: state.tokenInputError && m.tokenErrors[state.tokenInputError],
    focusTarget: idle ? (state.mode === 'token' ? 'token' : 'start') : success ? 'title' : ended ? 'retry' : 'panel',
    messages: m,
  };
}
