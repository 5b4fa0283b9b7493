/**
 * A provider's `stream` for `watchSession` (`transport/watch.ts`): reads `status` events with
 * `readEvents` until one means an outcome. Used by pasby; neutral. It imports the shared
 * pieces through `@passid/core` (the package itself), so they stay in the main entry's
 * module and a PASSID-only bundle is the same with or without pasby's entry.
 */
import { PassidError, readEvents } from '@passid/core';
import type { EventSourceMessage, ReadEventsOptions } from '@passid/core';

export interface FollowStatusOptions<V, O> extends Omit<ReadEventsOptions, 'onEvent'> {
  /** Checks one `status` event's `data` (throws `invalid_response`). */
  parse(data: string): V;
  /** The outcome a status means, or `null` while the session is open. */
  judge(view: V): O | null;
  /** A good `status` event arrived: the stream is live. */
  onLive(): void;
  /** Sees every event first (ids, `error` events); may throw a `PassidError` to end the read. */
  onEvent?(event: EventSourceMessage): void;
}

/**
 * A provider's `stream` for `watchSession`: reads `status` events until one means an outcome.
 * A stream that ends before that is a transient `network` error, so the watcher polls.
 */
export async function followStatus<V, O>(body: ReadableStream<Uint8Array>, options: FollowStatusOptions<V, O>): Promise<O> {
  let outcome: O | null = null;
  await readEvents(body, {
    ...options,
    onEvent(event) {
      options.onEvent?.(event);
      if (event.event !== 'status') return false;
      const view = options.parse(event.data);
      options.onLive();
      outcome = options.judge(view);
      return outcome !== null;
    },
  });
  if (outcome !== null) return outcome;
  throw new PassidError('network', 'The event stream ended before the session did.');
}
