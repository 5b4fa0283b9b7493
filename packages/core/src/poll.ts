/**
 * Sequential polling and retry with backoff, independent of PASSID: await the answer, then
 * wait, then ask again. Never `setInterval` an async call, never two calls in flight.
 *
 * Retry rule (also in the README): after the n-th consecutive failure, wait
 * `max(Retry-After, backoff)` where `backoff = min(base * 2^(n-1), 10 s) * (1 ± 20%)`
 * (`base` = the poll interval); give up after 5 consecutive failures. An error that is
 * not transient (`isTransientError`: anything but network, 408, 429, 5xx) fails at once.
 */
import { PassidError, isTransientError, toPassidError } from './errors.js';
import type { Clock } from './types.js';

/** `Date.now` and the global timers, looked up at call time (so fake timers apply). */
export const defaultClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

/** Resolves after `ms` on `clock`; rejects with an `aborted` PassidError when `signal` aborts. */
export function sleep(ms: number, clock: Clock, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new PassidError('aborted', 'Aborted.'));
      return;
    }
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(new PassidError('aborted', 'Aborted.'));
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

function retryDelay(failures: number, error: PassidError, backoff: BackoffOptions): number {
  return Math.max(error.retryAfterMs ?? 0, backoffDelay(failures, backoff));
}

/** One poll's verdict: done with a value, or keep going. */
export type PollStep<T> = { done: true; value: T } | { done: false };

export interface PollOptions<T> {
  /** One call. Resolve `{ done: true, value }` to finish, `{ done: false }` to poll again. */
  poll: (signal: AbortSignal) => Promise<PollStep<T>>;
  /** Wait between a good answer and the next call. @default 2500 */
  intervalMs?: number;
  /** Stops everything; the promise rejects with an `aborted` PassidError. */
  signal: AbortSignal;
  /** @default defaultClock */
  clock?: Clock;
  /** Consecutive failures that end the loop. @default 5 */
  maxFailures?: number;
  /** Cap of the backoff. @default 10000 */
  maxBackoffMs?: number;
  /** @default isTransientError */
  isTransient?: (error: PassidError) => boolean;
  /** After every call: the number of consecutive failures so far (0 after a good answer). */
  onAttempt?: (failures: number, error?: PassidError) => void;
}

/**
 * Polls until `poll` says done. Rejects with the last `PassidError` after `maxFailures`
 * consecutive transient failures, at once on a non-transient one, or with `aborted`.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const {
    poll,
    intervalMs = 2500,
    signal,
    clock = defaultClock,
    maxFailures = 5,
    maxBackoffMs = 10_000,
    isTransient = isTransientError,
    onAttempt,
  } = options;
  const backoff: BackoffOptions = {
    baseMs: intervalMs,
    maxMs: maxBackoffMs,
    random: () => (clock.random ?? Math.random)(),
  };
  let failures = 0;
  for (;;) {
    if (signal.aborted) throw new PassidError('aborted', 'Aborted.');
    let delay = intervalMs;
    try {
      const step = await poll(signal);
      if (signal.aborted) throw new PassidError('aborted', 'Aborted.');
      failures = 0;
      onAttempt?.(0);
      if (step.done) return step.value;
    } catch (thrown) {
      const error = toPassidError(thrown, signal);
      if (signal.aborted || error.kind === 'aborted') throw error;
      failures += 1;
      if (!isTransient(error) || failures >= maxFailures) throw error;
      onAttempt?.(failures, error);
      delay = retryDelay(failures, error, backoff);
    }
    await sleep(delay, clock, signal);
  }
}

export interface RetryOptions {
  signal: AbortSignal;
  /** @default defaultClock */
  clock?: Clock;
  /** Attempts in all, the first included. @default 3 */
  maxAttempts?: number;
  /** First backoff delay. @default 1000 */
  baseMs?: number;
  /** @default 10000 */
  maxBackoffMs?: number;
  /** @default isTransientError */
  isTransient?: (error: PassidError) => boolean;
  onRetry?: (attempt: number, error: PassidError) => void;
}

/** Calls `fn` until it resolves, retrying transient failures with the same backoff rule. */
export async function retryTransient<T>(fn: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const {
    signal,
    clock = defaultClock,
    maxAttempts = 3,
    baseMs = 1000,
    maxBackoffMs = 10_000,
    isTransient = isTransientError,
    onRetry,
  } = options;
  const backoff: BackoffOptions = { baseMs, maxMs: maxBackoffMs, random: () => (clock.random ?? Math.random)() };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const value = await fn(signal);
      if (signal.aborted) throw new PassidError('aborted', 'Aborted.');
      return value;
    } catch (thrown) {
      const error = toPassidError(thrown, signal);
      if (signal.aborted || error.kind === 'aborted') throw error;
      if (!isTransient(error) || attempt >= maxAttempts) throw error;
      onRetry?.(attempt, error);
      await sleep(retryDelay(attempt, error, backoff), clock, signal);
    }
  }
}
