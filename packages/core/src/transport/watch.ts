/**
 * Watching an open session, for any provider: push when it can, polling as the floor, and
 * the page's network in mind.
 *
 * - `auto` (the default when the provider can push): open the stream. If it cannot be opened
 *   or drops, poll at once and every `intervalMs`, and try the stream again after the retry
 *   rule's delay (`retryDelay`, Retry-After honoured). A poll never runs beside a healthy
 *   stream. A stream refused for good (a non-transient error, or 5 failures in a row) is not
 *   tried again for this session: polling carries on.
 * - `push`: the stream only; reconnects follow the retry rule and give up after 5 failures.
 * - `poll`: sequential polling only.
 * - Offline: no request at all (the connection reads `offline`); back online: the status is
 *   read at once (the stream's first event, or a poll). Hidden page: polls slow to
 *   `hiddenIntervalMs`; a stream stays open; visible again: a poll at once.
 * - Polls follow the retry rule too: transient failures back off, 5 in a row end the watch
 *   with the last error; anything else ends it at once.
 */
import { isTransientError, toPassidError } from '../errors.js';
import type { Clock, Connection, NetworkWatch, PassidError, Progress, WatchMode } from '../flow/types.js';
import { MAX_FAILURES, abortedError, defaultClock, retryDelay } from './retry.js';

/** Polls of a hidden page: every 10 s. */
export const HIDDEN_POLL_INTERVAL_MS = 10_000;

const everywhere: NetworkWatch = { online: () => true, visible: () => true, subscribe: () => () => undefined };

export interface WatchOptions<O> {
  signal: AbortSignal;
  /** @default defaultClock */
  clock?: Clock;
  /** @default always online and visible */
  network?: NetworkWatch;
  /** @default 'auto' when `stream` is given, else 'poll' */
  mode?: WatchMode;
  /** Wait between two good polls. @default 2500 */
  intervalMs?: number;
  /** Wait between two good polls while the page is hidden. @default 10000 */
  hiddenIntervalMs?: number;
  /** Consecutive failures that end the watch (polls), or the stream attempts (streams). @default 5 */
  maxFailures?: number;
  /** Cap of the backoff. @default 10000 */
  maxBackoffMs?: number;
  /** Which failures are worth another attempt. @default isTransientError */
  isTransient?: (error: PassidError) => boolean;
  /** One read of the status: the outcome, or `null` while the session is open. */
  read(signal: AbortSignal): Promise<O | null>;
  /**
   * Opens the push stream and follows it: calls `onLive` at each event, resolves with the
   * outcome at the end event; rejects when the stream cannot be opened, breaks, goes quiet or
   * ends early.
   */
  stream?(signal: AbortSignal, onLive: () => void): Promise<O>;
  /** The connection and the failure count, as they change. */
  onProgress(progress: Progress): void;
}

export async function watchSession<O>(options: WatchOptions<O>): Promise<O> {
  const { signal, clock = defaultClock, network = everywhere, read, stream, onProgress, isTransient = isTransientError } = options;
  const mode = stream ? (options.mode ?? 'auto') : 'poll';
  const intervalMs = options.intervalMs ?? 2500;
  const maxFailures = options.maxFailures ?? MAX_FAILURES;
  const backoff = { baseMs: intervalMs, maxMs: options.maxBackoffMs, random: () => (clock.random ?? Math.random)() };
  let failedReads = 0;
  let failedStreams = 0;
  let pushable = mode !== 'poll';
  /** When the stream may be tried again. */
  let pushAt = 0;
  let shown: Connection | undefined;
  /** Called on every network change; set by whatever is waiting. */
  let onNetwork: (() => void) | undefined;
  const unsubscribe = network.subscribe(() => onNetwork?.());

  const report = (connection: Connection, failures?: number) => {
    if (connection !== shown || failures !== undefined) onProgress(failures === undefined ? { connection } : { connection, failures });
    shown = connection;
  };

  /** Waits until `ready()` after a network change, or `ms` (null: no timer). */
  const wait = (ms: number | null, ready: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(abortedError());
      const end = (settle: () => void) => () => {
        clock.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        onNetwork = undefined;
        settle();
      };
      const onAbort = end(() => reject(abortedError()));
      const done = end(resolve);
      const timer = ms === null ? undefined : clock.setTimeout(done, Math.max(0, ms));
      onNetwork = () => ready() && done();
      signal.addEventListener('abort', onAbort, { once: true });
    });

  /** Runs one request under a signal that also aborts when the page goes offline. */
  const online = async <T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const own = new AbortController();
    const stop = () => own.abort();
    signal.addEventListener('abort', stop);
    onNetwork = () => network.online() || stop();
    try {
      return await call(own.signal);
    } finally {
      onNetwork = undefined;
      signal.removeEventListener('abort', stop);
    }
  };

  try {
    for (;;) {
      if (signal.aborted) throw abortedError();
      if (!network.online()) {
        report('offline');
        await wait(null, network.online);
        continue;
      }
      if (stream && pushable && clock.now() >= pushAt) {
        try {
          return await online((s) =>
            stream(s, () => {
              failedStreams = failedReads = 0;
              report('live', 0);
            }),
          );
        } catch (thrown) {
          if (signal.aborted) throw abortedError();
          if (!network.online()) continue;
          const error = toPassidError(thrown);
          const retryable = isTransient(error) && ++failedStreams < maxFailures;
          if (mode === 'push') {
            if (!retryable) throw error;
            onProgress({ failures: failedStreams });
            await wait(retryDelay(failedStreams, error, backoff), () => !network.online());
            continue;
          }
          // auto: poll at once; the stream again after the retry rule's delay, or never.
          if (retryable) pushAt = clock.now() + retryDelay(failedStreams, error, backoff);
          else pushable = false;
        }
      }

      report('polling');
      let delay: number;
      try {
        const outcome = await online(read);
        if (failedReads > 0) onProgress({ failures: (failedReads = 0) });
        if (outcome !== null) return outcome;
        delay = network.visible() ? intervalMs : (options.hiddenIntervalMs ?? HIDDEN_POLL_INTERVAL_MS);
      } catch (thrown) {
        if (signal.aborted) throw abortedError();
        if (!network.online()) continue;
        const error = toPassidError(thrown);
        if (error.kind === 'aborted' || !isTransient(error) || ++failedReads >= maxFailures) throw error;
        onProgress({ failures: failedReads });
        delay = retryDelay(failedReads, error, backoff);
      }
      if (pushable) delay = Math.min(delay, Math.max(0, pushAt - clock.now()));
      // Back online or visible again: read at once. Gone offline: stop waiting too.
      await wait(delay, () => !network.online() || network.visible());
    }
  } finally {
    unsubscribe();
  }
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
  /** After a failure: the number of consecutive failures so far; 0 once an answer comes again. */
  onAttempt?: (failures: number) => void;
}

/**
 * Polls until `poll` says done: `watchSession` without a stream. Rejects with the last
 * `PassidError` after `maxFailures` consecutive transient failures, at once on a
 * non-transient one, or with `aborted`.
 */
export function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const { poll, onAttempt } = options;
  return watchSession<{ value: T }>({
    ...options,
    mode: 'poll',
    read: async (signal) => {
      const step = await poll(signal);
      return step.done ? { value: step.value } : null;
    },
    onProgress: ({ failures }) => failures !== undefined && onAttempt?.(failures),
  }).then(({ value }) => value);
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
  /** After the n-th failed attempt, before waiting for the next. */
  onRetry?: (attempt: number) => void;
}

/**
 * Calls `fn` until it resolves, retrying transient failures by the retry rule (the same loop
 * as polling, with one call that ends it): after the n-th failure, wait `retryDelay(n)`; give
 * up after `maxAttempts` with the last error, at once on an error that is not transient, and
 * with `aborted` when `signal` aborts.
 */
export function retryTransient<T>(fn: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const { onRetry } = options;
  return watchSession<{ value: T }>({
    ...options,
    mode: 'poll',
    intervalMs: options.baseMs ?? 1000,
    maxFailures: options.maxAttempts ?? 3,
    read: async (signal) => ({ value: await fn(signal) }),
    onProgress: ({ failures }) => failures && onRetry?.(failures),
  }).then(({ value }) => value);
}
