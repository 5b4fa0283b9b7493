/**
 * `createFlowController(provider, options)`: one verification widget, headless, for any
 * provider. Holds a zustand vanilla store (one per controller, no module-level state), runs
 * the provider's pure machine, and binds the side effects of `effects.ts` to states: entering
 * a state starts its effects, leaving it runs their cleanups. Each entry gets its own
 * `AbortController`, checked after every `await`.
 *
 * Work starts and stops with subscribers: the first subscriber activates the widget (starts a
 * session with `autoStart`, else checks the options); when the last one leaves — and none has
 * come back by the end of the current task, as React StrictMode's double mount does — the
 * running attempt is stopped and its session voided. A controller nobody subscribes to works
 * on explicit calls (`start`, `submitToken`…) until `dispose()`.
 *
 * The controller imports no provider: PASSID (`providers/passid`) and pasby plug in through
 * `FlowProvider` (their transport, option checks, input rules and texts).
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { warn } from '../env.js';
import { PassidError, isTransientError, toPassidError } from '../errors.js';
import type { FlowTransport } from '../transport/port.js';
import { browserNetwork } from '../transport/network.js';
import { defaultClock, withTimeout } from '../transport/retry.js';
import { retryTransient } from '../transport/watch.js';
import { EFFECTS } from './effects.js';
import type { Cleanup, EffectScope, Submission } from './effects.js';
import { initialFlowState } from './machine.js';
import type { FlowMachineEvent } from './machine.js';
import type { Clock, FlowEvent, FlowMode, FlowState, InputError, NetworkWatch, PassidError as PassidErrorType, Session } from './types.js';

declare const process: { env: Record<string, string | undefined> };

/** The options every provider's controller has. */
export interface FlowOptions<C, D> {
  /** Called once per session with the proven claims. @default undefined (not called) */
  onSuccess?: (claims: C) => void;
  /** Called with a friendly reason ("Request expired", …) and the machine-readable code. @default undefined (not called) */
  onDecline?: (reason: string, detail: { code: D }) => void;
  /** Called when the flow ends in `error`. @default undefined (not called) */
  onError?: (error: PassidErrorType) => void;
  /** Called on every state change. @default undefined (not called) */
  onEvent?: (event: FlowEvent<D>) => void;
  /**
   * Start a session as soon as the first subscriber (e.g. the mounted component) arrives.
   * @default false (the first subscriber only checks the options)
   */
  autoStart?: boolean;
  /**
   * A request without an answer after this many ms is aborted and counts as a transient
   * `network` failure ("The request timed out after …"): retried by the usual rule. The final
   * status check at expiry uses it too, and settles as expired when it times out.
   * @default 15000
   */
  requestTimeoutMs?: number;
  /** Injected clock and timers. @default Date.now / globalThis.setTimeout */
  clock?: Clock;
  /** The page's network and visibility (offline pauses requests, hidden slows polls). @default the browser's, read at call time */
  network?: NetworkWatch;
  /** Makes Idempotency-Keys. @default crypto.randomUUID, looked up at call time */
  createIdempotencyKey?: () => string;
}

/** A normalised input, or why it is refused. */
export type Normalized = { ok: true; value: string } | { ok: false; error: InputError };

/** What a provider plugs into the neutral controller. */
export interface FlowProvider<C, D, P, S extends Session, O extends FlowOptions<C, D>> {
  /** The provider's pure machine (`createTransition(rules)`). */
  transition(state: FlowState<C, D, S>, event: FlowMachineEvent<C, D, S>): FlowState<C, D, S>;
  /** The transport for the current options. */
  transport(options: O, clock: Clock): FlowTransport<C, D, P, S>;
  /** Why these options can never run (checked before each attempt), or null. */
  check(options: O): PassidErrorType | null;
  /** The parameters of a new session; `input` is what `start(input)` was given, normalised. */
  params(options: O, input: string | undefined): P;
  /** Input a session needs (a national id number), when the provider takes any: normalised, or refused. */
  sessionInput?(input: string | undefined, options: O): Normalized;
  /** A typed token for a direct check: normalised, or refused. Without it, `submitToken` does nothing. */
  normalizeToken?(input: string): Normalized;
  /** The text `onDecline` gets. */
  declineText(code: D, options: O): string;
  /** A failed attempt that is really a decline (e.g. "identity not on pasby"), or null. */
  declineOf?(error: PassidErrorType): D | null;
  /** Development-only warnings: `[key, condition, message]`, each shown once. */
  warnings?(options: O): ReadonlyArray<readonly [string, unknown, string]>;
}

/** What `createFlowController` returns. */
export interface FlowController<C, D, S extends Session, O> {
  /** The zustand vanilla store (for `useStore` / `useSyncExternalStore`). */
  store: StoreApi<FlowState<C, D, S>>;
  getState(): FlowState<C, D, S>;
  /**
   * Subscribe to state changes; returns the unsubscribe function. The first subscriber
   * activates the widget (`autoStart`, or `check()`); when the last leaves and none is back
   * by the end of the task, the running attempt is stopped and its session voided.
   */
  subscribe(listener: (state: FlowState<C, D, S>, previous: FlowState<C, D, S>) => void): () => void;
  /**
   * Start a session. A no-op while requesting, awaiting or verifying (one session per click
   * burst). `input` is what the session needs, if the provider takes any (pasby's national
   * id number): malformed input sets `tokenInputError` and sends nothing.
   */
  start(input?: string): void;
  /**
   * Check the options now, from `idle`: options that can never run (a live key in a browser
   * without `dangerouslyAllowBrowserKey`, no key and no endpoint, a bad `ttlSeconds`) go to
   * `error` at once, with `onError`, instead of waiting for a click. No request is made.
   * UIs call it when the widget mounts; `start()` and `submitToken()` check anyway.
   */
  check(): void;
  /** Verify a typed token. Malformed input sets `tokenInputError` and sends nothing. */
  submitToken(input: string): void;
  /** Clears `tokenInputError` (call it when the user edits the field). */
  clearTokenInputError(): void;
  /**
   * "Try again" / "Generate new code", from `declined` or `error`:
   * - last mode `qr` → a new session (after a final decline such as a sanctions hit: idle);
   * - last mode `token`, ended in `error` → the same token is sent again with the SAME
   *   Idempotency-Key;
   * - last mode `token`, ended in `declined` → back to `idle` (the token was refused; the
   *   customer needs a new one).
   */
  retry(): void;
  /** Back to `idle`, cancelling whatever runs (a provider that can void an open session does). */
  reset(): void;
  /** Replace the options (callbacks are always read from the latest options). */
  setOptions(options: O): void;
  /** Stop everything for good: no request (but a provider voiding an open session), no timer, no callback after this. */
  dispose(): void;
}

function randomKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  if (c?.getRandomValues) return Array.from(c.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1)).join('');
  throw new PassidError(
    'configuration',
    typeof process !== 'undefined' && process.env.NODE_ENV !== 'production' ? 'No crypto available to make an Idempotency-Key: pass createIdempotencyKey.' : 'No crypto.',
  );
}

/** Development only: each of the provider's warnings about the options, once per controller. */
function warnOnce<O>(provider: { warnings?(options: O): ReadonlyArray<readonly [string, unknown, string]> }, options: O, warned: string[]): void {
  for (const [key, when, message] of provider.warnings?.(options) ?? []) {
    if (when && !warned.includes(key)) {
      warned.push(key);
      warn(message);
    }
  }
}

export function createFlowController<C, D, P, S extends Session, O extends FlowOptions<C, D>>(
  provider: FlowProvider<C, D, P, S, O>,
  initialOptions: O,
): FlowController<C, D, S, O> {
  type State = FlowState<C, D, S>;
  let options = initialOptions;
  let disposed = false;
  /** The current state entry: its abort controller and its effects' cleanups. */
  let entry: { controller: AbortController; cleanups: Cleanup[] } | undefined;
  let submission: Submission | null = null;
  /** The normalised input of the current session (`start(input)`), reused by "Try again". */
  let sessionInput: string | undefined;
  /** Development warnings already shown by this controller (development builds only). */
  const warned: string[] = [];
  let subscribers = 0;
  let active = false;

  const clock = (): Clock => options.clock ?? defaultClock;
  const store = createStore<State>()(() => initialFlowState<C, D, S>(clock().now()));
  const getState = store.getState;

  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') warnOnce(provider, options, warned);

  /** Calls a user callback; a throw is reported, never propagated into the machine. */
  function safely<A extends unknown[]>(fn: ((...args: A) => void) | undefined, ...args: A): void {
    try {
      if (!disposed) fn?.(...args);
    } catch (error) {
      console.error('[passid] A callback threw; the flow goes on.', error);
    }
  }

  /** Leaves the current state entry: aborts its effects and runs their cleanups. */
  function exit(): void {
    const left = entry;
    entry = undefined;
    left?.controller.abort();
    left?.cleanups.forEach((cleanup) => cleanup());
  }

  /** Enters `status`: starts the effects of its row in `EFFECTS`. */
  function enter(status: State['status']): void {
    const effects = EFFECTS[status];
    if (!effects) return;
    const controller = new AbortController();
    const { signal } = controller;
    const watch = new AbortController();
    signal.addEventListener('abort', () => watch.abort());
    const cleanups: Cleanup[] = [];
    entry = { controller, cleanups };
    const c = clock();
    const transport = provider.transport(options, c);
    const timed = <T>(call: (s: AbortSignal) => Promise<T>, within = signal) =>
      withTimeout(call, options.requestTimeoutMs, c, within);
    const scope: EffectScope<C, D, P, S> = {
      signal,
      watch,
      getState,
      dispatch,
      transport,
      clock: c,
      network: options.network ?? browserNetwork,
      params: () => provider.params(options, sessionInput),
      submission,
      timed,
      fail: (error, within = signal) => {
        if (within.aborted) return;
        const failure = toPassidError(error, within);
        const decline = getState().status === 'requesting' ? provider.declineOf?.(failure) : null;
        dispatch(decline != null ? { type: 'SESSION_DECLINED', reason: decline } : { type: 'FAILED', error: failure });
      },
      async attempt(maxAttempts, call, isTransient = isTransientError) {
        try {
          const value = await retryTransient((s) => timed(call, s), { signal, clock: c, maxAttempts, isTransient });
          return signal.aborted ? undefined : value;
        } catch (error) {
          scope.fail(error);
          return undefined;
        }
      },
    };
    for (const effect of effects) {
      const cleanup = effect(scope);
      if (cleanup) cleanups.push(cleanup);
    }
  }

  function dispatch(event: FlowMachineEvent<C, D, S>): void {
    const prev = getState();
    const next = provider.transition(prev, event);
    if (disposed || next === prev) return;
    store.setState(next, true);
    // A listener may have dispatched already (e.g. submitToken on `awaiting`): `next` is
    // stale, and its effects and callbacks must not start over the newer state's.
    if (getState() !== next || (next.status === prev.status && event.type !== 'FAILED')) return;
    exit();
    enter(next.status);
    const { status, decline, error, claims } = next;
    safely(options.onEvent, {
      type: `state.${status}`,
      from: prev.status,
      to: status,
      mode: next.mode,
      ...(next.session && { sessionId: next.session.id }),
      ...(decline !== null && status === 'declined' && { decline }),
      ...(error && status === 'error' && { errorKind: error.kind }),
      at: clock().now(),
    } as FlowEvent<D>);
    if (status === 'success' && claims !== null) safely(options.onSuccess, claims);
    if (status === 'declined' && decline !== null) safely(options.onDecline, provider.declineText(decline, options), { code: decline });
    if (status === 'error' && error) safely(options.onError, error);
  }

  /** Refuses to start when the options cannot run; returns true when refused. */
  function refused(mode: FlowMode): boolean {
    const error = provider.check(options);
    if (error) dispatch({ type: 'FAILED', error, mode });
    return !!error;
  }

  const ended = (status = getState().status) => status === 'declined' || status === 'error';
  const canBegin = () => !disposed && (getState().status === 'idle' || ended());
  const busy = () => {
    const { status } = getState();
    return status === 'requesting' || status === 'awaiting' || status === 'verifying';
  };

  /** Back to idle without a word: the running attempt is stopped and its session voided. */
  function stop(): void {
    submission = null;
    sessionInput = undefined;
    if (!busy()) return;
    exit();
    store.setState(provider.transition(getState(), { type: 'RESET' }), true);
  }

  const controller: FlowController<C, D, S, O> = {
    store,
    getState,
    subscribe(listener) {
      const unsubscribe = store.subscribe(listener);
      if (++subscribers === 1 && !active && !disposed) {
        active = true;
        if (options.autoStart) controller.start();
        else controller.check();
      }
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        unsubscribe();
        if (--subscribers === 0) {
          // StrictMode unsubscribes and subscribes again in one task: only a real leave stops.
          queueMicrotask(() => {
            if (subscribers === 0 && active) {
              active = false;
              stop();
            }
          });
        }
      };
    },
    start(input) {
      if (!canBegin()) return;
      const normalized = provider.sessionInput?.(input, options);
      if (normalized && !normalized.ok) return dispatch({ type: 'TOKEN_INVALID', error: normalized.error });
      if (refused('qr')) return;
      sessionInput = normalized?.value;
      dispatch({ type: 'START' });
    },
    check() {
      if (!disposed && getState().status === 'idle') refused('qr');
    },
    submitToken(input) {
      // Also while awaiting: the token replaces the QR session (which is voided).
      if (!provider.normalizeToken || (!canBegin() && (disposed || getState().status !== 'awaiting'))) return;
      const normalized = provider.normalizeToken(input);
      if (!normalized.ok) return dispatch({ type: 'TOKEN_INVALID', error: normalized.error });
      if (refused('token')) return;
      const token = normalized.value;
      if (submission?.token !== token || submission.answered) {
        try {
          submission = { token, idempotencyKey: (options.createIdempotencyKey ?? randomKey)() };
        } catch (error) {
          return dispatch({ type: 'FAILED', error: toPassidError(error), mode: 'token' });
        }
      }
      dispatch({ type: 'SUBMIT_TOKEN' });
    },
    clearTokenInputError() {
      dispatch({ type: 'CLEAR_TOKEN_ERROR' });
    },
    retry() {
      const { status, mode } = getState();
      if (disposed || !ended(status)) return;
      if (mode === 'token' && status === 'error' && submission && !submission.answered) {
        if (!refused('token')) dispatch({ type: 'SUBMIT_TOKEN' });
      } else if (mode !== 'qr' || !refused('qr')) dispatch({ type: 'RETRY' });
    },
    reset() {
      submission = null;
      sessionInput = undefined;
      dispatch({ type: 'RESET' });
    },
    setOptions(next) {
      if (disposed) return;
      options = next;
      if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') warnOnce(provider, options, warned);
    },
    dispose() {
      if (disposed) return;
      exit();
      disposed = true;
    },
  };
  return controller;
}
