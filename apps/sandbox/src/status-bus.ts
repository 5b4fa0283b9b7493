/**
 * The in-process bus behind the status streams: the code that changes a request's status
 * (fulfil, decline) publishes after its transaction commits, and every open stream of that
 * request hears it at once (fan-out on the write, never a timer-driven scan). Expiry has no
 * write, so the bus keeps one timer per watched pending request, set for its `expiresAt`, and
 * publishes when it passes.
 */

/** What a listener hears: the status may have changed, or the sandbox is shutting down. */
export type StatusSignal = 'change' | 'close';

export interface StatusBus {
  /** Tells every listener of `requestId` that its status may have changed. Synchronous. */
  publish(requestId: string): void;
  /**
   * Listens to one request. `expiresAt` (epoch ms) arms the expiry timer while the request
   * has listeners. Returns the unsubscribe function. After `close()`, the listener is told
   * `'close'` at once.
   */
  subscribe(requestId: string, listener: (signal: StatusSignal) => void, expiresAt?: number): () => void;
  /** Tells every listener `'close'` and drops them all (on sandbox shutdown). */
  close(): void;
}

interface Topic {
  listeners: Set<(signal: StatusSignal) => void>;
  expiry?: ReturnType<typeof setTimeout>;
}

/** Node's timers overflow past 2^31 - 1 ms (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createStatusBus(now: () => number): StatusBus {
  const topics = new Map<string, Topic>();
  let closed = false;

  function armExpiry(requestId: string, topic: Topic, expiresAt: number): void {
    const wait = Math.min(Math.max(expiresAt - now(), 0), MAX_TIMER_MS);
    topic.expiry = setTimeout(() => {
      topic.expiry = undefined;
      // Timers may fire a little early against the clock: wait for the rest.
      if (now() < expiresAt) armExpiry(requestId, topic, expiresAt);
      else publish(requestId);
    }, wait);
    topic.expiry.unref?.();
  }

  function drop(requestId: string, topic: Topic): void {
    if (topic.listeners.size > 0 || topics.get(requestId) !== topic) return;
    clearTimeout(topic.expiry);
    topics.delete(requestId);
  }

  function publish(requestId: string): void {
    const topic = topics.get(requestId);
    if (!topic) return;
    // A copy: listeners unsubscribe while they are told (a stream ends after its end status).
    for (const listener of [...topic.listeners]) listener('change');
  }

  return {
    publish,
    subscribe(requestId, listener, expiresAt) {
      if (closed) {
        listener('close');
        return () => undefined;
      }
      let topic = topics.get(requestId);
      if (!topic) {
        topic = { listeners: new Set() };
        topics.set(requestId, topic);
      }
      topic.listeners.add(listener);
      if (expiresAt !== undefined && topic.expiry === undefined) armExpiry(requestId, topic, expiresAt);
      const mine = topic;
      return () => {
        mine.listeners.delete(listener);
        drop(requestId, mine);
      };
    },
    close() {
      closed = true;
      const all = [...topics.values()];
      topics.clear();
      for (const topic of all) {
        clearTimeout(topic.expiry);
        for (const listener of [...topic.listeners]) listener('close');
        topic.listeners.clear();
      }
    },
  };
}
