/**
 * Side effects, bound to states (Zag's habit): entering a state starts the effects of its row
 * in `EFFECTS`; leaving it aborts their signal and runs their cleanups, which are told the
 * state that comes next. A new state with work to do is one new row here.
 *
 *   requesting → createSession         (the transport's createSession, with retries)
 *   awaiting   → watchSession           (push or polls until the session ends; left early, the watch is aborted)
 *              → keepTicking            (the countdown; at zero: one last check, then expired)
 *   verifying  → verifyToken            (the direct check of a typed token, same Idempotency-Key on retries)
 *
 * Effects run with the state they were started for; after every `await` they check their
 * signal (the scope's helpers do), so an answer for a state already left is dropped.
 */
import { PassidError, isTransientError } from '../errors.js';

declare const process: { env: Record<string, string | undefined> };
import type { FlowTransport } from '../transport/port.js';
import type { FlowMachineEvent } from './machine.js';
import type { Clock, FlowOutcome, FlowState, FlowStatus, NetworkWatch, PassidError as PassidErrorType, Session } from './types.js';

/** A typed token being verified; the key is reused on retries of the same submission. */
export interface Submission {
  token: string;
  idempotencyKey: string;
  /** The server answered (approved or denied): a new submission needs a new key. */
  answered?: boolean;
}

/** What an effect can use: the controller's internals, for the state entry it was started in. */
export interface EffectScope<C, D, P, S extends Session> {
  /** Aborted when the state is left. */
  signal: AbortSignal;
  /** Aborted when the state is left, or earlier by `keepTicking` at expiry: the watch of this entry. */
  watch: AbortController;
  getState(): FlowState<C, D, S>;
  dispatch(event: FlowMachineEvent<C, D, S>): void;
  transport: FlowTransport<C, D, P, S>;
  clock: Clock;
  network: NetworkWatch;
  /** The parameters of a new session, from the current options (and the typed input, if any). */
  params(): P;
  submission: Submission | null;
  /** One call under the request timeout, aborted with `signal`. */
  timed<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * One call with the retry rule, each attempt under the request timeout. Resolves with the
   * answer, or with `undefined` once the state was left or the failure was dispatched.
   */
  attempt<T>(
    maxAttempts: number,
    call: (signal: AbortSignal) => Promise<T>,
    isTransient?: (error: PassidErrorType) => boolean,
  ): Promise<T | undefined>;
  /** Dispatches FAILED unless `signal` (the scope's by default) was aborted. */
  fail(error: unknown, signal?: AbortSignal): void;
}

/** Runs when its state is left. */
export type Cleanup = () => void;
export type Effect = <C, D, P, S extends Session>(scope: EffectScope<C, D, P, S>) => Cleanup | void;

/** Attempts of creating a session on network errors, 408, 429, 5xx. */
export const CREATE_ATTEMPTS = 2;
/** Attempts of a direct verify (the first included) on network errors, 408, 429, 5xx and 409. */
export const VERIFY_ATTEMPTS = 3;

const settle = <C, D, P, S extends Session>(scope: EffectScope<C, D, P, S>, outcome: FlowOutcome<C, D>) =>
  scope.dispatch(
    outcome.status === 'completed'
      ? { type: 'SESSION_COMPLETED', claims: outcome.claims }
      : outcome.status === 'declined'
        ? { type: 'SESSION_DECLINED', reason: outcome.reason }
        : { type: 'SESSION_EXPIRED' },
  );

function createSession<C, D, P, S extends Session>(scope: EffectScope<C, D, P, S>): void {
  void scope
    .attempt(CREATE_ATTEMPTS, (signal) => scope.transport.createSession(scope.params(), { signal }))
    .then((session) => session && scope.dispatch({ type: 'SESSION_CREATED', session, now: scope.clock.now() }));
}

function watchSession<C, D, P, S extends Session>(scope: EffectScope<C, D, P, S>): void {
  const { transport, clock, watch } = scope;
  const session = scope.getState().session;
  if (!session) return;
  transport
    .watchSession(session, {
      signal: watch.signal,
      network: scope.network,
      onProgress: (progress) => {
        if (!watch.signal.aborted) scope.dispatch({ type: 'SESSION_PROGRESS', progress, now: clock.now() });
      },
    })
    .then(
      (outcome) => watch.signal.aborted || settle(scope, outcome),
      (error: unknown) => scope.fail(error, watch.signal),
    );
}

function keepTicking<C, D, P, S extends Session>(scope: EffectScope<C, D, P, S>): Cleanup {
  const { clock, transport, signal } = scope;
  const session = scope.getState().session as S;
  let handle: unknown;

  /** Local expiry: stop watching, check once more (unless offline), then expired. */
  async function expire(): Promise<void> {
    scope.watch.abort();
    let outcome: FlowOutcome<C, D> | null | undefined;
    try {
      const check = transport.checkSession;
      if (check && scope.network.online()) outcome = await scope.timed((s) => check.call(transport, session, { signal: s }));
    } catch {
      // The final check is best effort: without an answer in time, the session expired.
    }
    if (!signal.aborted) settle(scope, outcome && outcome.status !== 'expired' ? outcome : { status: 'expired' });
  }

  // Wakes when the displayed second changes (every 1 s), refreshes `now`, and expires the
  // session at 0. Seconds left are always derived from expiresAt, never counted down.
  const schedule = (): void => {
    const state = scope.getState();
    const msLeft = (state.session ?? session).expiresAt - clock.now() - state.clockOffsetMs;
    if (!Number.isFinite(msLeft)) {
      // A transport's NaN expiry or clock would make a NaN timer that never expires.
      return scope.fail(
        new PassidError(
          'invalid_response',
          typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'
            ? 'The session has no valid expiry time (expiresAt or serverTime is not a date).'
            : 'No valid expiry time.',
        ),
      );
    }
    if (msLeft <= 0) return void expire();
    handle = clock.setTimeout(() => {
      if (signal.aborted) return;
      scope.dispatch({ type: 'TICK', now: clock.now() });
      if (!signal.aborted) schedule();
    }, ((Math.ceil(msLeft) - 1) % 1000) + 1);
  };
  schedule();
  return () => clock.clearTimeout(handle);
}

function verifyToken<C, D, P, S extends Session>(scope: EffectScope<C, D, P, S>): void {
  const current = scope.submission;
  const { transport } = scope;
  if (!current || !transport.verifyToken) return;
  void scope
    .attempt(
      VERIFY_ATTEMPTS,
      (signal) => transport.verifyToken!({ token: current.token, idempotencyKey: current.idempotencyKey }, { signal }),
      // 409 (CONFLICT, the only 409 of verify): the first call with this Idempotency-Key is
      // still running (e.g. after a network error): wait and ask again with the same key.
      (error) => isTransientError(error) || error.status === 409,
    )
    .then((result) => {
      if (!result) return;
      current.answered = true;
      scope.dispatch(
        result.verified ? { type: 'TOKEN_VERIFIED', claims: result.claims } : { type: 'TOKEN_DENIED', reason: result.denyReason },
      );
    });
}

/** The effects of each state, started on entry, cleaned up on exit. */
export const EFFECTS: Partial<Record<FlowStatus, readonly Effect[]>> = {
  requesting: [createSession],
  awaiting: [watchSession, keepTicking],
  verifying: [verifyToken],
};
