/**
 * The verification state machine: ONE pure function `transition(state, event)`, a `switch`
 * over the event, each case guarded by the statuses where it is legal. No I/O, no timers:
 * the controller binds those to states (`effects.ts`).
 *
 * An event that is not legal in the current state returns the same state object, so the
 * caller can tell "nothing happened" with `===`.
 *
 * The machine is provider-neutral: a provider gives its rules (`FlowRules`): the decline code
 * of an expired session, the claims that must never succeed (PASSID: a sanctions hit), and
 * the declines after which "Try again" goes back to the start instead of a new session.
 */
import type { FlowMode, FlowState, InputError, PassidError, Progress, Session } from './types.js';

export type FlowMachineEvent<C, D, S extends Session = Session> =
  /** The QR button: create a session. */
  | { type: 'START' }
  | { type: 'SESSION_CREATED'; session: S; now: number }
  | { type: 'SESSION_PROGRESS'; progress: Progress; now: number }
  | { type: 'SESSION_COMPLETED'; claims: C }
  /** The session was declined; also legal while `requesting` (a provider that refuses to create it). */
  | { type: 'SESSION_DECLINED'; reason: D }
  | { type: 'SESSION_EXPIRED' }
  /** Well-formed typed input was submitted for a direct check. */
  | { type: 'SUBMIT_TOKEN' }
  /** Malformed typed input: stays where it is, with `tokenInputError`. */
  | { type: 'TOKEN_INVALID'; error: InputError }
  | { type: 'CLEAR_TOKEN_ERROR' }
  | { type: 'TOKEN_VERIFIED'; claims: C }
  | { type: 'TOKEN_DENIED'; reason: D }
  /** An attempt failed for good, or it could not start (configuration, live key). */
  | { type: 'FAILED'; error: PassidError; mode?: FlowMode }
  | { type: 'TICK'; now: number }
  /**
   * "Try again" / "Generate new code": a new session if the last mode was qr, else idle.
   * After a final decline ("Start over"): always idle.
   */
  | { type: 'RETRY' }
  | { type: 'RESET' };

/** What a provider decides; the machine applies it. */
export interface FlowRules<C, D> {
  /** The decline code of a session that expired. */
  expired: D;
  /** A decline code when these claims must never count as a success, else null. @default never */
  refuse?(claims: C): D | null;
  /** Declines after which there is nothing to try again: "Try again" goes back to idle. @default none */
  final?(decline: D): boolean;
}

/** The state of a fresh widget. */
export function initialFlowState<C, D, S extends Session = Session>(now = 0): FlowState<C, D, S> {
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
    connection: null,
    tokenInputError: null,
  };
}

/** Builds the pure transition function of a provider's rules. Illegal events return `state` itself. */
export function createTransition<C, D, S extends Session = Session>(rules: FlowRules<C, D>) {
  type State = FlowState<C, D, S>;

  /** Back to `idle`, keeping the measured clock offset. */
  const fresh = (state: State): State => ({ ...initialFlowState<C, D, S>(state.now), clockOffsetMs: state.clockOffsetMs });
  const attempt = (state: State, mode: FlowMode): State => ({
    ...fresh(state),
    status: mode === 'qr' ? 'requesting' : 'verifying',
    mode,
  });
  const declined = (state: State, reason: D): State => ({
    ...state,
    status: 'declined',
    decline: reason,
    claims: null,
    pollFailures: 0,
    connection: null,
  });
  const succeeded = (state: State, claims: C): State => {
    const refused = rules.refuse?.(claims);
    return refused != null
      ? declined(state, refused)
      : { ...state, status: 'success', claims, pollFailures: 0, connection: null };
  };
  const withTokenError = (state: State, tokenInputError: InputError | null): State =>
    state.tokenInputError === tokenInputError ? state : { ...state, tokenInputError };

  return function transition(state: State, event: FlowMachineEvent<C, D, S>): State {
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
          : { ...fresh(state), status: 'error', mode: event.mode ?? state.mode, session: state.session, error: event.error };
      case 'START':
        return open ? attempt(state, 'qr') : state;
      // Typed input stays open while the QR shows (a customer whose camera fails reads out
      // their token): a well-formed token abandons the QR session and verifies.
      case 'SUBMIT_TOKEN':
        return open || awaiting ? attempt(state, 'token') : state;
      case 'TOKEN_INVALID':
        return open || awaiting ? withTokenError(state, event.error) : state;
      case 'CLEAR_TOKEN_ERROR':
        return open || awaiting ? withTokenError(state, null) : state;
      case 'RETRY':
        // After a final decline there is nothing to try again for this customer: back to idle,
        // never straight into a new session. Back to idle from a token attempt keeps
        // `mode: 'token'`, so focus returns to the field.
        return !ended
          ? state
          : state.decline !== null && rules.final?.(state.decline)
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
        if (!awaiting || !state.session) return state;
        const { progress, now } = event;
        const { expiresAt, qrValue, serverTime, failures, pickedUp, connection } = progress;
        return {
          ...state,
          session: {
            ...state.session,
            ...(expiresAt !== undefined && { expiresAt }),
            ...(qrValue !== undefined && { qrValue }),
            ...(serverTime !== undefined && { serverTime }),
            ...(pickedUp !== undefined && { pickedUp }),
          },
          now,
          clockOffsetMs: serverTime !== undefined ? serverTime - now : state.clockOffsetMs,
          pollFailures: failures ?? state.pollFailures,
          connection: connection ?? state.connection,
        };
      }
      case 'SESSION_COMPLETED':
        return awaiting ? succeeded(state, event.claims) : state;
      case 'SESSION_DECLINED':
        return awaiting || status === 'requesting' ? declined(state, event.reason) : state;
      case 'SESSION_EXPIRED':
        return awaiting ? declined(state, rules.expired) : state;
      case 'TOKEN_VERIFIED':
        return verifying ? succeeded(state, event.claims) : state;
      case 'TOKEN_DENIED':
        return verifying ? declined(state, event.reason) : state;
    }
  };
}
