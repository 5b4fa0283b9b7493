/**
 * `createPassidController(options)`: one verification widget, headless. Holds a zustand
 * vanilla store (one per controller, no module-level state), runs the pure machine of
 * `machine.ts`, and attaches the side effects to states:
 * - entering `requesting` creates the session;
 * - entering `awaiting` starts watching (polling) and the countdown tick; leaving stops them;
 * - entering `verifying` verifies the token (transient failures retried with the same key).
 * Each entry gets its own `AbortController`, checked after every `await`.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { declineText } from '../providers/passid/connect.js';
import { isBrowser, warn } from '../env.js';
import { PassidError, isTransientError, toPassidError } from '../errors.js';
import { initialState, transition } from './machine.js';
import type { VerifyMachineEvent } from './machine.js';
import { resolveMessages } from '../i18n/messages.js';
import { defaultClock, retryTransient, withTimeout } from '../transport/poll.js';
import { normalizeToken } from '../providers/passid/tokens.js';
import { createPassidTransport } from '../providers/passid/transport.js';
import type {
  Clock,
  PassidControllerOptions,
  SessionInfo,
  SessionOutcome,
  VerificationTransport,
  VerifyEvent,
  VerifyMode,
  VerifyState,
} from './types.js';

declare const process: { env: Record<string, string | undefined> };

/** What `createPassidController` returns. */
export interface PassidController {
  /** The zustand vanilla store (for `useStore` / `useSyncExternalStore`). */
  store: StoreApi<VerifyState>;
  getState(): VerifyState;
  /** Subscribe to state changes; returns the unsubscribe function. */
  subscribe(listener: (state: VerifyState, previous: VerifyState) => void): () => void;
  /** Start the QR flow. A no-op while requesting, awaiting or verifying (one session per click burst). */
  start(): void;
  /**
   * Check the options now, from `idle`: options that can never run (a live key in a browser
   * without `dangerouslyAllowBrowserKey`, no key and no endpoint, a bad `ttlSeconds`) go to
   * `error` at once, with `onError`, instead of waiting for a click. No request is made.
   * UIs call it when the widget mounts; `start()` and `submitToken()` check anyway.
   */
  check(): void;
  /** Verify a manual token. Malformed input sets `tokenInputError` and sends nothing. */
  submitToken(input: string): void;
  /** Clears `tokenInputError` (call it when the user edits the field). */
  clearTokenInputError(): void;
  /**
   * "Try again" / "Generate new code", from `declined` or `error`:
   * - last mode `qr` → a new QR session;
   * - last mode `token`, ended in `error` → the same token is sent again with the SAME
   *   Idempotency-Key;
   * - last mode `token`, ended in `declined` → back to `idle` (the token was refused; the
   *   customer needs a new one).
   */
  retry(): void;
  /** Back to `idle`, cancelling whatever runs. */
  reset(): void;
  /** Replace the options (callbacks are always read from the latest options). */
  setOptions(options: PassidControllerOptions): void;
  /** Stop everything for good: no request, no timer, no callback after this. */
  dispose(): void;
}

/** Attempts of a manual verify (the first included) on network errors, 408, 429, 5xx. */
const VERIFY_ATTEMPTS = 3;
/** Attempts of creating a session on network errors, 408, 429, 5xx. */
const CREATE_ATTEMPTS = 2;

interface Submission {
  token: string;
  idempotencyKey: string;
  /** The server answered (approved or denied): a new submission needs a new key. */
  answered?: boolean;
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

/** Why the current options cannot run, or null. Checked on every start / submit. */
export function configurationError(options: PassidControllerOptions): PassidError | null {
  const { ttlSeconds: ttl, pollIntervalMs: poll, requestTimeoutMs: timeout, apiKey } = options;
  const bad = (what: string, value: unknown) =>
    new PassidError('configuration', `${what} (got ${String(value)}).`);
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 60 && ttl <= 3600)) {
    return bad('ttlSeconds must be an integer from 60 to 3600', ttl);
  }
  if (poll !== undefined && !(Number.isFinite(poll) && poll > 0)) {
    return bad('pollIntervalMs must be a positive number', poll);
  }
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    return bad('requestTimeoutMs must be a positive number', timeout);
  }
  if (apiKey?.startsWith('sk_live_') && isBrowser() && !options.dangerouslyAllowBrowserKey) {
    return new PassidError(
      'live_key_in_browser',
      // Long explanations are development-only; production builds keep a short message.
      typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'
        ? 'A live key (sk_live_…) must not be used in the browser. Remove apiKey and set `endpoint` to your backend ' +
            'proxy (proxy mode, createPassidProxy from @passid/server), or use a sandbox key while testing.'
        : 'Live key in the browser.',
    );
  }
  return options.transport || apiKey || options.endpoint
    ? null
    : new PassidError(
        'configuration',
        typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'
          ? 'Give an `apiKey` (sandbox) or an `endpoint` (proxy mode) or a `transport`.'
          : 'No apiKey, endpoint or transport.',
      );
}

export function createPassidController(initialOptions: PassidControllerOptions): PassidController {
  let options = initialOptions;
  let disposed = false;
  /** The effect of the current state entry. */
  let effect: AbortController | undefined;
  let submission: Submission | null = null;
  let warned = new Set<string>();

  const clock = (): Clock => options.clock ?? defaultClock;
  const now = () => clock().now();
  /** Runs one transport call under the request timeout (custom transports included). */
  const timed = <T>(call: (signal: AbortSignal) => Promise<T>, signal: AbortSignal) =>
    withTimeout(call, options.requestTimeoutMs, clock(), signal);
  const store = createStore<VerifyState>()(() => initialState(now()));
  const getState = store.getState;

  function devChecks(): void {
    if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
      const once = (key: string, when: unknown, message: string) => {
        if (when && !warned.has(key)) {
          warned.add(key);
          warn(message);
        }
      };
      once('both', options.apiKey && options.endpoint && !options.transport,
        'Both apiKey and endpoint are set: proxy mode is used and the key is not sent. Remove apiKey.');
      once('live', options.apiKey?.startsWith('sk_live_') && isBrowser() && options.dangerouslyAllowBrowserKey,
        'dangerouslyAllowBrowserKey lets a live key run in the browser, where anyone can read it.');
    }
  }
  devChecks();

  const transport = (): VerificationTransport =>
    options.transport ?? createPassidTransport({ ...options, clock: clock() });

  /** Calls a user callback; a throw is reported, never propagated into the machine. */
  function safely<A extends unknown[]>(fn: ((...args: A) => void) | undefined, ...args: A): void {
    try {
      if (!disposed) fn?.(...args);
    } catch (error) {
      console.error('[passid] A callback threw; the flow goes on.', error);
    }
  }

  function dispatch(event: VerifyMachineEvent): void {
    const prev = getState();
    const next = transition(prev, event);
    if (disposed || next === prev) return;
    store.setState(next, true);
    // A listener may have dispatched already (e.g. submitToken on `awaiting`): `next` is
    // stale, and its effects and callbacks must not start over the newer state's.
    if (getState() !== next || (next.status === prev.status && event.type !== 'FAILED')) return;
    // Entering a state: stop the previous state's effects, start this one's, then notify.
    effect?.abort();
    const { signal } = (effect = new AbortController());
    if (next.status === 'requesting') void runCreate(signal);
    if (next.status === 'awaiting') runAwait(signal);
    if (next.status === 'verifying') runVerify(signal);
    const { status, decline, error, claims } = next;
    safely(options.onEvent, {
      type: `state.${status}`,
      from: prev.status,
      to: status,
      mode: next.mode,
      ...(next.session && { sessionId: next.session.id }),
      ...(decline && status === 'declined' && { decline }),
      ...(error && status === 'error' && { errorKind: error.kind }),
      at: now(),
    } as VerifyEvent);
    if (status === 'success' && claims) safely(options.onSuccess, claims);
    if (status === 'declined' && decline) {
      safely(options.onDecline, declineText(decline, resolveMessages(options.locale, options.messages)), { code: decline });
    }
    if (status === 'error' && error) safely(options.onError, error);
  }

  const fail = (error: unknown, signal: AbortSignal) => {
    if (!signal.aborted) dispatch({ type: 'FAILED', error: toPassidError(error, signal) });
  };

  const settle = (outcome: SessionOutcome): void =>
    dispatch(
      outcome.status === 'completed'
        ? { type: 'SESSION_COMPLETED', claims: outcome.claims }
        : outcome.status === 'declined'
          ? { type: 'SESSION_DECLINED', reason: outcome.reason }
          : { type: 'SESSION_EXPIRED' },
    );

  /** Runs one call of the transport with retries; `then` gets the answer unless aborted. */
  async function run<T>(
    signal: AbortSignal,
    maxAttempts: number,
    call: (t: VerificationTransport, signal: AbortSignal) => Promise<T>,
    then: (value: T) => void,
    isTransient: (error: PassidError) => boolean = isTransientError,
  ): Promise<void> {
    try {
      const t = transport();
      const value = await retryTransient((s) => timed((s2) => call(t, s2), s), { signal, clock: clock(), maxAttempts, isTransient });
      if (!signal.aborted) then(value);
    } catch (error) {
      fail(error, signal);
    }
  }

  const runCreate = (signal: AbortSignal) =>
    run(
      signal,
      CREATE_ATTEMPTS,
      (t, s) =>
        t.createSession(
          { institutionName: options.institutionName, permissions: options.permissions, ttlSeconds: options.ttlSeconds },
          { signal: s },
        ),
      (session) => dispatch({ type: 'SESSION_CREATED', session, now: now() }),
    );

  function runVerify(signal: AbortSignal): void {
    const current = submission;
    if (!current) return;
    void run(
      signal,
      VERIFY_ATTEMPTS,
      (t, s) => t.verifyToken({ token: current.token, idempotencyKey: current.idempotencyKey }, { signal: s }),
      (response) => {
        current.answered = true;
        dispatch(
          response.verified
            ? { type: 'TOKEN_VERIFIED', claims: response.claims }
            : { type: 'TOKEN_DENIED', reason: response.denyReason },
        );
      },
      // 409 (CONFLICT, the only 409 of verify): the first call with this Idempotency-Key is
      // still running (e.g. after a network error): wait and ask again with the same key.
      (error) => isTransientError(error) || error.status === 409,
    );
  }

  function runAwait(signal: AbortSignal): void {
    const session = getState().session;
    if (!session) return;
    const t = transport();
    const c = clock();
    const watching = new AbortController();
    let handle: unknown;
    signal.addEventListener('abort', () => {
      watching.abort();
      c.clearTimeout(handle);
    });

    t.watchSession(session, {
      signal: watching.signal,
      onProgress: (progress) => {
        if (!watching.signal.aborted) dispatch({ type: 'SESSION_PROGRESS', progress, now: c.now() });
      },
    }).then(
      (outcome) => watching.signal.aborted || settle(outcome),
      (error: unknown) => fail(error, watching.signal),
    );

    /** Local expiry: stop polling, check once more, then expired. */
    async function expire(): Promise<void> {
      watching.abort();
      let outcome: SessionOutcome | null | undefined;
      try {
        const check = t.checkSession?.bind(t, session as SessionInfo);
        outcome = check && (await timed((s) => check({ signal: s }), signal));
      } catch {
        // The final check is best effort: without an answer in time, the session expired.
      }
      if (!signal.aborted) settle(outcome && outcome.status !== 'expired' ? outcome : { status: 'expired' });
    }

    // The countdown tick: wakes when the displayed second changes (every 1 s), refreshes
    // `now`, and expires the session at 0. Seconds left are always derived from expiresAt.
    const schedule = (): void => {
      const state = getState();
      const msLeft = (state.session ?? session).expiresAt - c.now() - state.clockOffsetMs;
      // A transport's NaN expiry or clock would make a NaN timer that never expires.
      if (!Number.isFinite(msLeft)) {
        watching.abort();
        return fail(new PassidError('invalid_response', 'The session has no valid expiry time (expiresAt or serverTime is not a date).'), signal);
      }
      if (msLeft <= 0) {
        void expire();
        return;
      }
      handle = c.setTimeout(() => {
        if (signal.aborted) return;
        dispatch({ type: 'TICK', now: c.now() });
        if (!signal.aborted) schedule();
      }, ((Math.ceil(msLeft) - 1) % 1000) + 1);
    };
    schedule();
  }

  /** Refuses to start when the options cannot run; returns true when refused. */
  function refused(mode: VerifyMode): boolean {
    const error = configurationError(options);
    if (error) dispatch({ type: 'FAILED', error, mode });
    return !!error;
  }

  const ended = (status = getState().status) => status === 'declined' || status === 'error';
  const canBegin = () => !disposed && (getState().status === 'idle' || ended());

  return {
    store,
    getState,
    subscribe: store.subscribe,
    start() {
      if (canBegin() && !refused('qr')) dispatch({ type: 'START' });
    },
    check() {
      if (!disposed && getState().status === 'idle') refused('qr');
    },
    submitToken(input) {
      // Also while awaiting: the token replaces the QR session (its polling stops).
      if (!canBegin() && (disposed || getState().status !== 'awaiting')) return;
      const normalized = normalizeToken(input);
      if (!normalized.ok) return dispatch({ type: 'TOKEN_INVALID', error: normalized.error });
      if (refused('token')) return;
      const { token } = normalized;
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
      dispatch({ type: 'RESET' });
    },
    setOptions(next) {
      if (disposed) return;
      options = next;
      devChecks();
    },
    dispose() {
      disposed = true;
      effect?.abort();
      warned = new Set();
    },
  };
}
