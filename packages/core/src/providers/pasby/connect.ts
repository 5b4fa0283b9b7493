/**
 * `connectPasby(state, options)`: a pure function from a pasby widget's state to everything a
 * UI shows. Components render this object and hold no rule of their own: which mode shows
 * what, when the QR goes away (a device picked the flow up), the way onward after
 * `NOT_ON_PASBY`, the texts, the focus target.
 */
import { formatMessage } from '@passid/core';
import type { Connection, FlowStatus, PassidError } from '@passid/core';
import { pasbyEn } from './messages.js';
import type { PasbyMessages } from './messages.js';
import type { PasbyDeclineCode, PasbyState } from './types.js';
import { PASBY_CLAIM_KEYS } from './wire/constants.js';
import type { PasbyClaimKey, PasbyMode } from './wire/constants.js';
import type { PasbyClaims } from './wire/schemas.js';

export interface PasbyConnectOptions {
  /** The texts to use. @default the English catalogue */
  messages?: PasbyMessages;
  /** The mode of a new session (the controller's `mode()`); an open session's own mode wins. @default 'wildcard' */
  mode?: PasbyMode;
  /** The mode offered after `NOT_ON_PASBY`, or `false` for none. @default 'wildcard' */
  fallbackMode?: PasbyMode | false;
  /** Local clock in ms, overriding `state.now` for the countdown. @default state.now */
  now?: number;
  /** Named in `heading`. @default undefined (the plain title) */
  institutionName?: string;
}

/** Where keyboard focus belongs in a state (when the user was in the widget). */
export type PasbyFocusTarget = 'start' | 'nin' | 'panel' | 'link' | 'title' | 'retry' | 'fallback';

/** One line of the claims summary. `value` is plain text: render it as text, never HTML. */
export interface PasbyClaimRow {
  key: PasbyClaimKey;
  label: string;
  value: string;
  tone: 'neutral';
}

/** Everything the UI shows for one state. */
export interface PasbyView {
  status: FlowStatus;
  /** The mode of the open session, else of the next one. */
  mode: PasbyMode;
  isIdle: boolean;
  isRequesting: boolean;
  isAwaiting: boolean;
  isSuccess: boolean;
  isDeclined: boolean;
  isError: boolean;
  /** requesting or awaiting: an attempt is running. */
  isBusy: boolean;
  /** A spinner should show (requesting). */
  showSpinner: boolean;
  spinnerText: string | null;
  /** Show the start button (idle, wildcard and same-device). */
  showStartButton: boolean;
  /** The start button's label, or the NIN form's submit label. */
  startLabel: string;
  /** Show the NIN form (idle, different-device). */
  showNinForm: boolean;
  /** The NIN field's error, if the last input was malformed. */
  ninErrorText: string | null;
  /** A device has picked the session up: no QR, no link; "Approve in your pasby app". */
  isPickedUp: boolean;
  /** What to do now, while awaiting (once picked up: approve in the pasby app). */
  instructions: string | null;
  /** Show the QR (awaiting, wildcard, not picked up). */
  showQr: boolean;
  /** The seed on the QR now (it rotates). */
  qrValue: string | null;
  qrLabel: string | null;
  /** Show the "Open pasby" link (same-device, requesting or awaiting, not picked up). */
  showLink: boolean;
  /** Its `href`; null while it does not exist yet (render the link disabled: no href, aria-disabled). */
  link: string | null;
  /** Whole seconds left on the server's clock, when awaiting (never negative). */
  secondsLeft: number | null;
  /** `m:ss`, "Expires in m:ss" and the spoken form, when awaiting. */
  countdown: string | null;
  countdownText: string | null;
  countdownSpoken: string | null;
  /** How the open session is watched (`live` push, `polling`, `offline`), when awaiting. */
  connection: Connection | null;
  /** Offline, or reads failing while the session is alive: show "Reconnecting…". */
  reconnecting: boolean;
  reconnectingText: string | null;
  /** Text for the polite live region (`role="status"`); stable while the QR rotates. */
  liveText: string;
  heading: string;
  /** Heading of the end states (and of a picked-up session). */
  title: string | null;
  decline: PasbyDeclineCode | null;
  declineText: string | null;
  /** The session expired (declined with EXPIRED). */
  isExpired: boolean;
  /** The NIN has no pasby ID. */
  isNotOnPasby: boolean;
  /** Show the retry button (declined, error). */
  showRetry: boolean;
  /** "Start again" after expiry, "Try another number" after NOT_ON_PASBY, else "Try again". */
  retryLabel: string | null;
  /** `secondary` when the way onward is the main action. */
  retryVariant: 'primary' | 'secondary' | null;
  /** The way onward after NOT_ON_PASBY (`switchMode(fallback)`), or null. */
  fallback: PasbyMode | null;
  fallbackLabel: string | null;
  errorText: string | null;
  /** Given, middle and family names, when success and asked for. */
  fullName: string | null;
  /** Claim rows in a fixed order, only the claims present. */
  claims: PasbyClaimRow[];
  /** Where focus goes when this view appears. */
  focusTarget: PasbyFocusTarget;
  /** The catalogue used, for the static labels. */
  messages: PasbyMessages;
}

/** The friendly text for an error. */
export function pasbyErrorText(error: PassidError, m: PasbyMessages = pasbyEn): string {
  const { status } = error;
  if (error.kind !== 'http') return m.errors[error.kind];
  if (status === 401 || status === 403) return m.errorUnauthorized;
  if (status === 429) return m.errorRateLimited;
  if (status === 404 || status === 410) return m.errorNotFound;
  return formatMessage(m.errors.http, { status: status ?? '?' });
}

/** The claim rows, in the order of `PASBY_CLAIM_KEYS`, only for claims present. */
export function pasbyClaimRows(claims: PasbyClaims, m: PasbyMessages = pasbyEn): PasbyClaimRow[] {
  const rows: PasbyClaimRow[] = [];
  for (const key of PASBY_CLAIM_KEYS) {
    const [group, leaf] = key.split('.') as [keyof PasbyClaims, string];
    const value = (claims[group] as Record<string, string | undefined> | undefined)?.[leaf];
    if (typeof value === 'string' && value !== '') rows.push({ key, label: m.claimLabels[key], value, tone: 'neutral' });
  }
  return rows;
}

/** Maps a state to the view the UI renders. Pure: same input, same output. */
export function connectPasby(state: PasbyState, options: PasbyConnectOptions = {}): PasbyView {
  const m = options.messages ?? pasbyEn;
  const { status, session } = state;
  const mode = session?.mode ?? options.mode ?? 'wildcard';
  const idle = status === 'idle';
  const requesting = status === 'requesting';
  const awaiting = status === 'awaiting';
  const success = status === 'success';
  const declined = status === 'declined';
  const failed = status === 'error';
  const ended = declined || failed;
  const pickedUp = awaiting && session?.pickedUp === true;
  const open = awaiting && !pickedUp;
  const now = options.now ?? state.now;
  const secs = awaiting && session ? Math.max(0, Math.ceil((session.expiresAt - now - state.clockOffsetMs) / 1000)) : null;
  const countdown = secs === null ? null : `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
  const reconnecting = awaiting && (state.pollFailures > 0 || state.connection === 'offline');
  const decline = declined ? (state.decline ?? 'UNKNOWN_DECLINE') : null;
  const declineText = decline && (m.decline[decline] ?? m.decline.UNKNOWN_DECLINE);
  const errorText = failed ? (state.error ? pasbyErrorText(state.error, m) : m.errors.network) : null;
  const expired = decline === 'EXPIRED';
  const notOnPasby = decline === 'NOT_ON_PASBY';
  const fallbackMode = options.fallbackMode ?? 'wildcard';
  const fallback = notOnPasby && fallbackMode !== false && fallbackMode !== mode ? fallbackMode : null;
  const showLink = mode === 'same-device' && (requesting || open);
  const link = open ? (session?.link ?? null) : null;
  const claims = success ? state.claims : null;
  const names = [claims?.naming?.given, claims?.naming?.middle, claims?.naming?.family].filter(Boolean);

  return {
    status,
    mode,
    isIdle: idle,
    isRequesting: requesting,
    isAwaiting: awaiting,
    isSuccess: success,
    isDeclined: declined,
    isError: failed,
    isBusy: requesting || awaiting,
    showSpinner: requesting,
    spinnerText: requesting ? m.requesting[mode] : null,
    showStartButton: idle && mode !== 'different-device',
    startLabel: m.start[mode],
    showNinForm: idle && mode === 'different-device',
    ninErrorText: state.tokenInputError && m.ninErrors[state.tokenInputError],
    isPickedUp: pickedUp,
    instructions: pickedUp ? m.pickedUpText : open ? m.instructions[mode] : null,
    showQr: open && mode === 'wildcard' && !!session?.qrValue,
    qrValue: open ? (session?.qrValue ?? null) : null,
    qrLabel: open && mode === 'wildcard' ? m.qrLabel : null,
    showLink,
    link,
    secondsLeft: secs,
    countdown,
    countdownText: countdown && formatMessage(m.expiresIn, { time: countdown }),
    countdownSpoken: secs === null ? null : formatMessage(m.expiresInSpoken, { minutes: Math.floor(secs / 60), seconds: secs % 60 }),
    connection: awaiting ? state.connection : null,
    reconnecting,
    reconnectingText: reconnecting ? m.reconnecting : null,
    liveText: idle
      ? m.liveIdle
      : requesting
        ? m.requesting[mode]
        : awaiting
          ? reconnecting
            ? m.reconnecting
            : pickedUp
              ? m.livePickedUp
              : m.liveAwaiting[mode]
          : success
            ? m.liveSuccess
            : declined
              ? formatMessage(m.liveDeclined, { reason: declineText ?? '' })
              : formatMessage(m.liveError, { error: errorText ?? '' }),
    heading: options.institutionName ? formatMessage(m.titleWithInstitution, { institution: options.institutionName }) : m.title,
    title: pickedUp
      ? m.pickedUpTitle
      : success
        ? m.successTitle
        : expired
          ? declineText
          : notOnPasby
            ? m.notOnPasbyTitle
            : declined
              ? m.declinedTitle
              : failed
                ? m.errorTitle
                : null,
    decline,
    declineText,
    isExpired: expired,
    isNotOnPasby: notOnPasby,
    showRetry: ended,
    retryLabel: ended ? (notOnPasby ? m.otherNin : expired ? m.startAgain : m.tryAgain) : null,
    retryVariant: ended ? (fallback ? 'secondary' : 'primary') : null,
    fallback,
    fallbackLabel: fallback && m.fallback[fallback],
    errorText,
    fullName: names.length > 0 ? names.join(' ') : null,
    claims: claims ? pasbyClaimRows(claims, m) : [],
    focusTarget: idle
      ? mode === 'different-device'
        ? 'nin'
        : 'start'
      : success
        ? 'title'
        : ended
          ? fallback
            ? 'fallback'
            : 'retry'
          : showLink && link
            ? 'link'
            : 'panel',
    messages: m,
  };
}
