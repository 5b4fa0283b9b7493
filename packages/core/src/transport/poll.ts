/**
 * Sequential polling and retry with backoff, independent of PASSID: await the answer, then
 * wait, then ask again. Never `setInterval` an async call, never two calls in flight.
 *
 * Retry rule (also in the README): after the n-th consecutive failure, wait
 * `max(Retry-After, backoff)` where `backoff = min(base * 2^(n-1), 10 s) * (1 ± 20%)`
 * (`base` = the poll interval), with Retry-After capped at 60 s; give up after 5 consecutive
 * failures. An error that is not transient (`isTransientError`: anything but network, 408,
 * 429, 5xx) fails at once. A request without an answer after `requestTimeoutMs` (15 s) is
 * aborted and counts as a `network` failure (`withTimeout`).
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

const aborted = () => new PassidError('aborted', 'Aborted.');

/** Resolves after `ms` on `clock`; rejects with an `aborted` PassidError when `signal` aborts. */
export function sleep(ms: number, clock: Clock, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(aborted());
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
export function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const { intervalMs = 2500, maxFailures = 5, maxBackoffMs = 10_000 } = options;
  return loop(options.poll, options, maxFailures, intervalMs, maxBackoffMs, intervalMs, options.onAttempt);
}

/**
 * The one loop behind `pollUntil` and `retryTransient`: call, then wait `intervalMs` (after
 * a good answer) or `max(Retry-After, backoff)` (after the n-th transient failure).
 */
async function loop<T>(
  call: (signal: AbortSignal) => Promise<PollStep<T>>,
  { signal, clock = defaultClock, isTransient = isTransientError }: Pick<PollOptions<T>, 'signal' | 'clock' | 'isTransient'>,
  maxFailures: number,
  baseMs: number,
  maxMs: number,
  intervalMs: number,
  onAttempt?: (failures: number, error?: PassidError) => void,
): Promise<T> {
  const backoff: BackoffOptions = { baseMs, maxMs, random: () => (clock.random ?? Math.random)() };
  for (let failures = 0; ; ) {
    if (signal.aborted) throw aborted();
    let delay = intervalMs;
    try {
      const step = await call(signal);
      if (signal.aborted) throw aborted();
      failures = 0;
      onAttempt?.(0);
      if (step.done) return step.value;
    } catch (thrown) {
      const error = toPassidError(thrown, signal);
      if (signal.aborted || error.kind === 'aborted' || !isTransient(error) || ++failures >= maxFailures) throw error;
      onAttempt?.(failures, error);
      delay = Math.max(Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS), backoffDelay(failures, backoff));
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
export function retryTransient<T>(fn: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const { maxAttempts = 3, baseMs = 1000, maxBackoffMs = 10_000, onRetry } = options;
  return loop(
    async (signal) => ({ done: true, value: await fn(signal) }),
    options,
    maxAttempts,
    baseMs,
    maxBackoffMs,
    0,
    onRetry && ((attempt, error) => error && onRetry(attempt, error)),
  );
}
