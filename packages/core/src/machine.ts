/**
 * The verification state machine: ONE pure function `transition(state, event)`, a `switch`
 * over the status. No I/O, no timers: the controller attaches those to states.
 *
 * An event that is not legal in the current state returns the same state object, so the
 * caller can tell "nothing happened" with `===`.
 *
 * Sanctions rule: `success` is reached only with claims whose `sanctions_clear` is not
 * `false`. A completed session or an approved token whose claims carry
 * `sanctions_clear: false` goes to `declined` with `HARD_DENY_SANCTIONS_MATCH`, exactly as a
 * verify deny or a poll decline with that reason does. A sanctions hit is never a success.
 */
import type { Claims } from './wire/schemas.js';
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
  /** "Try again" / "Generate new code": a new QR session if the last mode was qr, else idle. */
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

/** The pure transition function. Illegal events return `state` itself. */
export function transition(state: VerifyState, event: VerifyMachineEvent): VerifyState {
  if (event.type === 'RESET') {
    const fresh = initialState(state.now);
    const same =
      state.status === 'idle' && state.mode === null && state.tokenInputError === null && state.session === null;
    return same ? state : { ...fresh, clockOffsetMs: state.clockOffsetMs };
  }
  if (event.type === 'FAILED') {
    // Legal everywhere except the end states reached by a real answer.
    if (state.status === 'success') return state;
    return {
      ...state,
      status: 'error',
      mode: event.mode ?? state.mode,
      error: event.error,
      decline: null,
      claims: null,
      pollFailures: 0,
      tokenInputError: null,
    };
  }

  switch (state.status) {
    case 'idle':
    case 'declined':
    case 'error':
      switch (event.type) {
        case 'START':
          return attempt(state, 'qr');
        case 'SUBMIT_TOKEN':
          return attempt(state, 'token');
        case 'TOKEN_INVALID':
          return state.tokenInputError === event.error ? state : { ...state, tokenInputError: event.error };
        case 'CLEAR_TOKEN_ERROR':
          return state.tokenInputError === null ? state : { ...state, tokenInputError: null };
        case 'RETRY':
          if (state.status === 'idle') return state;
          return state.mode === 'qr' ? attempt(state, 'qr') : { ...initialState(state.now), clockOffsetMs: state.clockOffsetMs };
        default:
          return state;
      }
    case 'requesting':
      if (event.type === 'SESSION_CREATED') {
        return {
          ...state,
          status: 'awaiting',
          session: event.session,
          clockOffsetMs: event.session.serverTime - event.now,
          now: event.now,
          pollFailures: 0,
        };
      }
      return state;
    case 'awaiting':
      switch (event.type) {
        // Manual entry stays open while the QR shows (a customer whose camera fails reads
        // out their token): a well-formed token abandons the QR session and verifies.
        case 'SUBMIT_TOKEN':
          return attempt(state, 'token');
        case 'TOKEN_INVALID':
          return state.tokenInputError === event.error ? state : { ...state, tokenInputError: event.error };
        case 'CLEAR_TOKEN_ERROR':
          return state.tokenInputError === null ? state : { ...state, tokenInputError: null };
        case 'TICK':
          return event.now === state.now ? state : { ...state, now: event.now };
        case 'SESSION_PROGRESS': {
          const { progress } = event;
          const session = state.session
            ? {
                ...state.session,
                ...(progress.expiresAt !== undefined ? { expiresAt: progress.expiresAt } : {}),
                ...(progress.qrValue !== undefined ? { qrValue: progress.qrValue } : {}),
                ...(progress.serverTime !== undefined ? { serverTime: progress.serverTime } : {}),
              }
            : null;
          return {
            ...state,
            session,
            now: event.now,
            clockOffsetMs:
              progress.serverTime !== undefined ? progress.serverTime - event.now : state.clockOffsetMs,
            pollFailures: progress.failures ?? state.pollFailures,
          };
        }
        case 'SESSION_COMPLETED':
          return succeeded(state, event.claims);
        case 'SESSION_DECLINED':
          return declined(state, event.reason);
        case 'SESSION_EXPIRED':
          return declined(state, 'REQUEST_EXPIRED');
        default:
          return state;
      }
    case 'verifying':
      switch (event.type) {
        case 'TOKEN_VERIFIED':
          return succeeded(state, event.claims);
        case 'TOKEN_DENIED':
          return declined(state, event.reason);
        default:
          return state;
      }
    case 'success':
      return state;
  }
}
