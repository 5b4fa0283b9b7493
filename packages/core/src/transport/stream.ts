/**
 * Reads a `text/event-stream` body with `eventsource-parser` (never a hand-written parser):
 * `EventSource` cannot send headers such as `X-Institution-Key`, so push is read with `fetch`
 * and a streaming body. A stream that breaks, or sends nothing (not even a heartbeat) for
 * `idleMs`, rejects with a transient `network` error, so the retry rule applies to it; one
 * that sends more than `STREAM_MAX_BYTES` is refused (`invalid_response`).
 */
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage } from 'eventsource-parser';
import { PassidError, isPassidError } from '../errors.js';
import type { Clock } from '../flow/types.js';
import { abortedError } from './retry.js';

export type { EventSourceMessage };

/** Longest silence of a stream before it counts as dropped: three missed 15 s heartbeats. */
export const STREAM_IDLE_MS = 45_000;
/**
 * Most bytes one stream may carry: a status stream carries a few kilobytes in an hour, so a
 * stream past this is broken or hostile (and an event that never ends would grow the
 * parser's buffer without bound).
 */
export const STREAM_MAX_BYTES = 1 << 20;

export interface ReadEventsOptions {
  signal: AbortSignal;
  clock: Clock;
  /** No byte for this long (heartbeats included): the stream is dropped. @default 45000 */
  idleMs?: number;
  /** Every event, in order. Return `true` to stop reading (the body is cancelled). May throw a `PassidError`. */
  onEvent(event: EventSourceMessage): boolean;
}

/**
 * Reads `body` until `onEvent` returns `true` (resolves `true`) or the server ends it
 * (resolves `false`). Rejects with `aborted`, with what `onEvent` threw, or with a `network`
 * error when the stream breaks or goes quiet.
 */
export async function readEvents(body: ReadableStream<Uint8Array>, options: ReadEventsOptions): Promise<boolean> {
  const { signal, clock, idleMs = STREAM_IDLE_MS } = options;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let stopped = false;
  let quiet = false;
  let received = 0;
  let timer: unknown;
  // What `onEvent` throws leaves `feed` and ends the read below.
  const parser = createParser({ onEvent: (event) => void (stopped ||= options.onEvent(event)) });
  const cancel = () => reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel);
  const arm = () => {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      quiet = true;
      cancel();
    }, idleMs);
  };
  try {
    if (signal.aborted) throw abortedError();
    arm();
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw abortedError();
      if (quiet) throw new PassidError('network', 'The event stream went quiet.');
      if (done) return false;
      if ((received += value.byteLength) > STREAM_MAX_BYTES) throw new PassidError('invalid_response', 'The event stream is too long.');
      arm();
      parser.feed(decoder.decode(value, { stream: true }));
      if (stopped) {
        cancel();
        return true;
      }
    }
  } catch (error) {
    cancel();
    if (isPassidError(error)) throw error;
    if (signal.aborted) throw abortedError();
    throw new PassidError('network', 'The event stream broke.', { cause: error });
  } finally {
    clock.clearTimeout(timer);
    signal.removeEventListener('abort', cancel);
  }
}
