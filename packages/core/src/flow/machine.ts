/**
 * The verification state machine: ONE pure function `transition(state, event)`, a `switch`
 * over the event, each case guarded by the statuses where it is legal. No I/O, no timers:
 * the controller attaches those to states.
 *
 * An event that is not legal in the current state returns the same state object, so the
 * caller can tell "nothing happened" with `===`.
 *
 * Sanctions rule: `success` is reached only with claims whose `sanctions_clear` is not
 * `false`. A completed session or an approved token whose claims carry
 * `sanctions_clear: false` goes to `declined` with `HARD_DENY_SANCTIONS_MATCH`, exactly as a
 * verify deny or a poll decline with that reason does. A sanctions hit is never a success.
 */
import type { Claims } from '../wire/schemas.js';
import type {
  DeclineCode,
  PassidError,
  SessionInfo,
  SessionProgress,
  TokenInputError,
  VerifyMode,
  VerifyState,
} from './types.js';

export type VerifyMachineEvent =
  /** The QR button: create a session. */
  | { type: 'START' }
  | { type: 'SESSION_CREATED'; session: SessionInfo; now: number }
  | { type: 'SESSION_PROGRESS'; progress: SessionProgress; now: number }
  | { type: 'SESSION_COMPLETED'; claims: Claims }
  | { type: 'SESSION_DECLINED'; reason: DeclineCode }
  | { type: 'SESSION_EXPIRED' }
  /** A well-formed manual token was submitted. */
  | { type: 'SUBMIT_TOKEN' }
  /** A malformed manual token: stays where it is, with `tokenInputError`. */
  | { type: 'TOKEN_INVALID'; error: TokenInputError }
  | { type: 'CLEAR_TOKEN_ERROR' }
  | { type: 'TOKEN_VERIFIED'; claims: Claims }
  | { type: 'TOKEN_DENIED'; reason: DeclineCode }
  /** An attempt failed for good, or it could not start (configuration, live key). */
  | { type: 'FAILED'; error: PassidError; mode?: VerifyMode }
  | { type: 'TICK'; now: number }
  /**
   * "Try again" / "Generate new code": a new QR session if the last mode was qr, else idle.
   * After a sanctions hit ("Start over"): always idle.
   */
  | { type: 'RETRY' }
  | { type: 'RESET' };

export type VerifyEventType = VerifyMachineEvent['type'];

/** The state of a fresh widget. */
export function initialState(now = 0): VerifyState {
  return {
    status: 'idle',
    mode: null,
    session: null,
    clockOffsetMs: 0,
    now,
    claims: null,
    decline: null,
    error: null,
    pollFailures: 0,
    tokenInputError: null,
  };
}

/** True when these claims carry a sanctions hit. */
export function isSanctionsHit(claims: Claims | null | undefined): boolean {
  return claims?.sanctions_clear === false;
}

function attempt(state: VerifyState, mode: VerifyMode): VerifyState {
  return {
    ...initialState(state.now),
    status: mode === 'qr' ? 'requesting' : 'verifying',
    mode,
    clockOffsetMs: state.clockOffsetMs,
  };
}

function declined(state: VerifyState, reason: DeclineCode): VerifyState {
  return { ...state, status: 'declined', decline: reason, claims: null, pollFailures: 0 };
}

function succeeded(state: VerifyState, claims: Claims): VerifyState {
  if (isSanctionsHit(claims)) return declined(state, 'HARD_DENY_SANCTIONS_MATCH');
  return { ...state, status: 'success', claims, pollFailures: 0 };
}

const withTokenError = (state: VerifyState, tokenInputError: TokenInputError | null): VerifyState =>
  state.tokenInputError === tokenInputError ? state : { ...state, tokenInputError };

/** Back to `idle`, keeping the measured clock offset. */
const fresh = (state: VerifyState): VerifyState => ({ ...initialState(state.now), clockOffsetMs: state.clockOffsetMs });

/** The pure transition function. Illegal events return `state` itself. */
export function transition(state: VerifyState, event: VerifyMachineEvent): VerifyState {
  const { status } = state;
  const ended = status === 'declined' || status === 'error';
  const open = status === 'idle' || ended;
  const awaiting = status === 'awaiting';
  const verifying = status === 'verifying';
  switch (event.type) {
    case 'RESET':
      return status === 'idle' && state.mode === null && state.tokenInputError === null && state.session === null
        ? state
        : fresh(state);
    case 'FAILED':
      // Legal everywhere except the end state reached by a real answer.
      return status === 'success'
        ? state
        : {
            ...state,
            status: 'error',
            mode: event.mode ?? state.mode,
            error: event.error,
            decline: null,
            claims: null,
            pollFailures: 0,
            tokenInputError: null,
          };
    case 'START':
      return open ? attempt(state, 'qr') : state;
    // Manual entry stays open while the QR shows (a customer whose camera fails reads out
    // their token): a well-formed token abandons the QR session and verifies.
    case 'SUBMIT_TOKEN':
      return open || awaiting ? attempt(state, 'token') : state;
    case 'TOKEN_INVALID':
      return open || awaiting ? withTokenError(state, event.error) : state;
    case 'CLEAR_TOKEN_ERROR':
      return open || awaiting ? withTokenError(state, null) : state;
    case 'RETRY':
      // After a sanctions hit there is nothing to try again for this customer: back to idle,
      // never straight into a new QR session.
      // Back to idle from a token attempt keeps `mode: 'token'`, so focus returns to the field.
      return !ended
        ? state
        : state.decline === 'HARD_DENY_SANCTIONS_MATCH'
          ? fresh(state)
          : state.mode === 'qr'
            ? attempt(state, 'qr')
            : { ...fresh(state), mode: state.mode };
    case 'SESSION_CREATED':
      return status !== 'requesting'
        ? state
        : {
            ...state,
            status: 'awaiting',
            session: event.session,
            clockOffsetMs: event.session.serverTime - event.now,
            now: event.now,
            pollFailures: 0,
          };
    case 'TICK':
      return awaiting && event.now !== state.now ? { ...state, now: event.now } : state;
    case 'SESSION_PROGRESS': {
      if (!awaiting) return state;
      const { progress, now } = event;
      const { expiresAt, qrValue, serverTime, failures } = progress;
      return {
        ...state,
        session: state.session && {
          ...state.session,
          ...(expiresAt !== undefined && { expiresAt }),
          ...(qrValue !== undefined && { qrValue }),
          ...(serverTime !== undefined && { serverTime }),
        },
        now,
        clockOffsetMs: serverTime !== undefined ? serverTime - now : state.clockOffsetMs,
        pollFailures: failures ?? state.pollFailures,
      };
    }
    case 'SESSION_COMPLETED':
      return awaiting ? succeeded(state, event.claims) : state;
    case 'SESSION_DECLINED':
      return awaiting ? declined(state, event.reason) : state;
    case 'SESSION_EXPIRED':
      return awaiting ? declined(state, 'REQUEST_EXPIRED') : state;
    case 'TOKEN_VERIFIED':
      return verifying ? succeeded(state, event.claims) : state;
    case 'TOKEN_DENIED':
      return verifying ? declined(state, event.reason) : state;
  }
}
