/**
 * The one retry rule of the kit (the browser core and `@passid/server` both use it), and the
 * timers it runs on. Independent of any provider.
 *
 * Retry rule (also in the README): after the n-th consecutive failure, wait
 * `max(Retry-After, backoff)` where `backoff = min(base * 2^(n-1), 10 s) * (1 ± 20%)`, with
 * Retry-After capped at 60 s; give up after 5 consecutive failures (`pollUntil`) or after the
 * caller's number of attempts (`retryTransient`, in `watch.ts`). An error that is not transient
 * (`isTransientError`: anything but network, 408, 429, 5xx) fails at once. A request without
 * an answer after `requestTimeoutMs` (15 s) is aborted and counts as a `network` failure
 * (`withTimeout`).
 *
 * Polling is sequential: await the answer, then wait, then ask again. Never `setInterval` an
 * async call, never two calls in flight.
 */
import { PassidError, isTransientError, toPassidError } from '../errors.js';
import type { Clock } from '../flow/types.js';

/** `Date.now` and the global timers, looked up at call time (so fake timers apply). */
export const defaultClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

export const abortedError = () => new PassidError('aborted', 'Aborted.');

/** Resolves after `ms` on `clock`; rejects with an `aborted` PassidError when `signal` aborts. */
export function sleep(ms: number, clock: Clock, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(abortedError());
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface BackoffOptions {
  /** First delay. @default 2500 */
  baseMs?: number;
  /** Cap of the delay before jitter. @default 10000 */
  maxMs?: number;
  /** Relative jitter, ± this fraction. @default 0.2 */
  jitter?: number;
  /** In [0, 1). @default Math.random */
  random?: () => number;
}

/** The delay after the `failures`-th consecutive failure (1-based), before `Retry-After`. */
export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  const { baseMs = 2500, maxMs = 10_000, jitter = 0.2, random = Math.random } = options;
  const raw = Math.min(baseMs * 2 ** Math.max(0, failures - 1), maxMs);
  const factor = 1 + (random() * 2 - 1) * jitter;
  return Math.max(0, Math.round(raw * factor));
}

/** The longest `Retry-After` honoured: a longer one waits this long. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Default of `requestTimeoutMs`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** Consecutive failures after which watching gives up. */
export const MAX_FAILURES = 5;

/** The wait before the next attempt after the `failures`-th failure: `max(Retry-After ≤ 60 s, backoff)`. */
export const retryDelay = (failures: number, error: { retryAfterMs?: number }, backoff?: BackoffOptions): number =>
  Math.max(Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS), backoffDelay(failures, backoff));

/**
 * Runs `call` with its own signal, aborted when `signal` aborts or after `ms` on `clock`.
 * A timeout rejects with a transient `network` error, so the retry rule applies to it.
 */
export function withTimeout<T>(
  call: (signal: AbortSignal) => Promise<T>,
  ms = DEFAULT_REQUEST_TIMEOUT_MS,
  clock: Clock = defaultClock,
  signal?: AbortSignal,
): Promise<T> {
  const own = new AbortController();
  const stop = () => own.abort();
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop);
  let timer: unknown;
  return Promise.race([
    call(own.signal),
    new Promise<never>((_, reject) => {
      timer = clock.setTimeout(() => {
        reject(new PassidError('network', `The request timed out after ${ms / 1000} s.`));
        stop();
      }, ms);
    }),
  ]).finally(() => {
    clock.clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  });
}
