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
import { declineText } from './connect.js';
import { isBrowser, warn } from './env.js';
import { PassidError, toPassidError } from './errors.js';
import { initialState, transition } from './machine.js';
import type { VerifyMachineEvent } from './machine.js';
import { resolveMessages } from './messages.js';
import { defaultClock, retryTransient } from './poll.js';
import { normalizeToken } from './tokens.js';
import { createPassidTransport } from './transports/passid.js';
import type {
  Clock,
  PassidControllerOptions,
  SessionOutcome,
  VerificationTransport,
  VerifyEvent,
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
  answered: boolean;
}

function randomKey(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  if (c && typeof c.getRandomValues === 'function') {
    const bytes = c.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  throw new PassidError('configuration', 'No crypto available to make an Idempotency-Key: pass createIdempotencyKey.');
}

/** Why the current options cannot run, or null. Checked on every start / submit. */
export function configurationError(options: PassidControllerOptions): PassidError | null {
  const { ttlSeconds, pollIntervalMs, apiKey, endpoint, transport } = options;
  if (ttlSeconds !== undefined && (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > 3600)) {
    return new PassidError('configuration', `ttlSeconds must be an integer from 60 to 3600 (got ${String(ttlSeconds)}).`);
  }
  if (pollIntervalMs !== undefined && !(Number.isFinite(pollIntervalMs) && pollIntervalMs > 0)) {
    return new PassidError('configuration', `pollIntervalMs must be a positive number (got ${String(pollIntervalMs)}).`);
  }
  if (apiKey?.startsWith('sk_live_') && isBrowser() && !options.dangerouslyAllowBrowserKey) {
    return new PassidError(
      'live_key_in_browser',
      'A live key (sk_live_…) must not be used in the browser. Remove apiKey and set `endpoint` to your backend ' +
        'proxy (proxy mode, createPassidProxy from @passid/server), or use a sandbox key while testing.',
    );
  }
  if (!transport && !apiKey && !endpoint) {
    return new PassidError('configuration', 'Give an `apiKey` (sandbox) or an `endpoint` (proxy mode) or a `transport`.');
  }
  return null;
}

export function createPassidController(initialOptions: PassidControllerOptions): PassidController {
  let options = initialOptions;
  let disposed = false;
  /** The effect of the current state entry. */
  let effect: AbortController | null = null;
  let submission: Submission | null = null;
  let warned = new Set<string>();

  const clock = (): Clock => options.clock ?? defaultClock;
  const store = createStore<VerifyState>()(() => initialState(clock().now()));

  function devChecks(): void {
    if (typeof process === 'undefined' || process.env.NODE_ENV === 'production') return;
    const once = (key: string, message: string) => {
      if (warned.has(key)) return;
      warned.add(key);
      warn(message);
    };
    if (options.apiKey && options.endpoint && !options.transport) {
      once('both', 'Both apiKey and endpoint are set: proxy mode is used and the key is not sent. Remove apiKey.');
    }
    if (options.apiKey?.startsWith('sk_live_') && isBrowser() && options.dangerouslyAllowBrowserKey) {
      once('live', 'dangerouslyAllowBrowserKey lets a live key run in the browser, where anyone can read it.');
    }
  }
  devChecks();

  function transport(): VerificationTransport {
    if (options.transport) return options.transport;
    return createPassidTransport({
      ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      clock: clock(),
    });
  }

  /** Calls a user callback; a throw is reported, never propagated into the machine. */
  function safely<A extends unknown[]>(fn: ((...args: A) => void) | undefined, ...args: A): void {
    if (!fn || disposed) return;
    try {
      fn(...args);
    } catch (error) {
      if (typeof console !== 'undefined') console.error('[passid] A callback threw; the flow goes on.', error);
    }
  }

  function stopEffects(): void {
    effect?.abort();
    effect = null;
  }

  function dispatch(event: VerifyMachineEvent): void {
    if (disposed) return;
    const prev = store.getState();
    const next = transition(prev, event);
    if (next === prev) return;
    store.setState(next, true);
    if (next.status !== prev.status || event.type === 'FAILED') enter(prev, next);
  }

  function enter(prev: VerifyState, next: VerifyState): void {
    stopEffects();
    const controller = new AbortController();
    effect = controller;
    const { signal } = controller;
    if (next.status === 'requesting') void runCreate(signal);
    if (next.status === 'awaiting') runAwait(signal);
    if (next.status === 'verifying') void runVerify(signal);
    notify(prev, next);
  }

  function notify(prev: VerifyState, next: VerifyState): void {
    const event: VerifyEvent = {
      type: `state.${next.status}`,
      from: prev.status,
      to: next.status,
      mode: next.mode,
      ...(next.session ? { sessionId: next.session.id } : {}),
      ...(next.decline && next.status === 'declined' ? { decline: next.decline } : {}),
      ...(next.error && next.status === 'error' ? { errorKind: next.error.kind } : {}),
      at: clock().now(),
    };
    safely(options.onEvent, event);
    if (next.status === 'success' && next.claims) safely(options.onSuccess, next.claims);
    if (next.status === 'declined' && next.decline) {
      const messages = resolveMessages(options.locale, options.messages);
      safely(options.onDecline, declineText(next.decline, messages), { code: next.decline });
    }
    if (next.status === 'error' && next.error) safely(options.onError, next.error);
  }

  function fail(error: unknown, signal: AbortSignal): void {
    if (signal.aborted) return;
    dispatch({ type: 'FAILED', error: toPassidError(error, signal) });
  }

  function settle(outcome: SessionOutcome): void {
    switch (outcome.status) {
      case 'completed':
        dispatch({ type: 'SESSION_COMPLETED', claims: outcome.claims });
        return;
      case 'declined':
        dispatch({ type: 'SESSION_DECLINED', reason: outcome.reason });
        return;
      case 'expired':
        dispatch({ type: 'SESSION_EXPIRED' });
    }
  }

  async function runCreate(signal: AbortSignal): Promise<void> {
    try {
      const t = transport();
      const params = {
        ...(options.institutionName !== undefined ? { institutionName: options.institutionName } : {}),
        ...(options.permissions !== undefined ? { permissions: options.permissions } : {}),
        ...(options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
      };
      const session = await retryTransient((s) => t.createSession(params, { signal: s }), {
        signal,
        clock: clock(),
        maxAttempts: CREATE_ATTEMPTS,
      });
      if (signal.aborted) return;
      dispatch({ type: 'SESSION_CREATED', session, now: clock().now() });
    } catch (error) {
      fail(error, signal);
    }
  }

  function runAwait(signal: AbortSignal): void {
    const session = store.getState().session;
    if (!session) return;
    const t = transport();
    const watching = new AbortController();
    signal.addEventListener('abort', () => watching.abort(), { once: true });
    let expiring = false;

    t.watchSession(session, {
      signal: watching.signal,
      onProgress: (progress) => {
        if (watching.signal.aborted) return;
        dispatch({ type: 'SESSION_PROGRESS', progress, now: clock().now() });
      },
    }).then(
      (outcome) => {
        if (!watching.signal.aborted) settle(outcome);
      },
      (error: unknown) => fail(error, watching.signal),
    );

    /** Local expiry: stop polling, check once more, then expired. */
    async function expire(): Promise<void> {
      if (expiring || signal.aborted) return;
      expiring = true;
      watching.abort();
      let outcome: SessionOutcome | null = null;
      if (t.checkSession) {
        try {
          outcome = await t.checkSession(session as NonNullable<typeof session>, { signal });
        } catch {
          outcome = null;
        }
      }
      if (signal.aborted) return;
      settle(outcome && outcome.status !== 'expired' ? outcome : { status: 'expired' });
    }

    // The countdown tick: wakes when the displayed second changes (every 1 s), refreshes
    // `now`, and expires the session at 0. Seconds left are always derived from expiresAt.
    let handle: unknown = null;
    const c = clock();
    signal.addEventListener('abort', () => c.clearTimeout(handle), { once: true });
    const schedule = () => {
      const state = store.getState();
      const expiresAt = state.session?.expiresAt ?? session.expiresAt;
      const msLeft = expiresAt - (c.now() + state.clockOffsetMs);
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

  async function runVerify(signal: AbortSignal): Promise<void> {
    const current = submission;
    if (!current) return;
    try {
      const t = transport();
      const response = await retryTransient(
        (s) => t.verifyToken({ token: current.token, idempotencyKey: current.idempotencyKey }, { signal: s }),
        { signal, clock: clock(), maxAttempts: VERIFY_ATTEMPTS },
      );
      if (signal.aborted) return;
      current.answered = true;
      if (response.verified) dispatch({ type: 'TOKEN_VERIFIED', claims: response.claims });
      else dispatch({ type: 'TOKEN_DENIED', reason: response.denyReason });
    } catch (error) {
      fail(error, signal);
    }
  }

  /** Refuses to start when the options cannot run; returns true when refused. */
  function refused(mode: 'qr' | 'token'): boolean {
    const error = configurationError(options);
    if (!error) return false;
    dispatch({ type: 'FAILED', error, mode });
    return true;
  }

  const canBegin = () => {
    const { status } = store.getState();
    return !disposed && (status === 'idle' || status === 'declined' || status === 'error');
  };

  function newKey(): string {
    return (options.createIdempotencyKey ?? randomKey)();
  }

  return {
    store,
    getState: () => store.getState(),
    subscribe: (listener) => store.subscribe(listener),
    start() {
      if (!canBegin() || refused('qr')) return;
      dispatch({ type: 'START' });
    },
    submitToken(input) {
      // Also while awaiting: the token replaces the QR session (its polling stops).
      if (disposed || (!canBegin() && store.getState().status !== 'awaiting')) return;
      const normalized = normalizeToken(input);
      if (!normalized.ok) {
        dispatch({ type: 'TOKEN_INVALID', error: normalized.error });
        return;
      }
      if (refused('token')) return;
      const reuse = submission && submission.token === normalized.token && !submission.answered;
      if (!reuse) {
        try {
          submission = { token: normalized.token, idempotencyKey: newKey(), answered: false };
        } catch (error) {
          dispatch({ type: 'FAILED', error: toPassidError(error), mode: 'token' });
          return;
        }
      }
      dispatch({ type: 'SUBMIT_TOKEN' });
    },
    clearTokenInputError() {
      dispatch({ type: 'CLEAR_TOKEN_ERROR' });
    },
    retry() {
      const state = store.getState();
      if (disposed || (state.status !== 'declined' && state.status !== 'error')) return;
      if (state.mode === 'token' && state.status === 'error' && submission && !submission.answered) {
        if (!refused('token')) dispatch({ type: 'SUBMIT_TOKEN' });
        return;
      }
      if (state.mode === 'qr' && refused('qr')) return;
      dispatch({ type: 'RETRY' });
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
      if (disposed) return;
      disposed = true;
      stopEffects();
      warned = new Set();
    },
  };
}
