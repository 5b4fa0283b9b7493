/**
 * The proxy's pass-through of PASSID's status stream (`GET /api/bridge/request/:id/events`):
 * each upstream event is parsed with `eventsource-parser`, its `data` rewritten as the proxied
 * status is (handle for the request id, no share token, claims filtered, key scrubbed), and
 * written to the browser as soon as it arrives. Nothing is buffered beyond one event.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';

const encoder = new TextEncoder();

export interface RelayOptions {
  /** The upstream answer (a 200 `text/event-stream` with a body). */
  upstream: Response;
  /** Rewrites one event's JSON `data`; `null` drops the event (not JSON, not a status). */
  rewrite: (data: string) => string | null;
  /** Called once when the relay stops, for whatever reason: close the upstream request. */
  onClose: () => void;
}

/** Only the contract's fields go out: `id` (digits), `event: status`, one `data` line. */
const EVENT_ID = /^\d{1,15}$/;

/** A `ReadableStream` for the browser that relays `upstream`'s status events as they come. */
export function relayStatusStream({ upstream, rewrite, onClose }: RelayOptions): ReadableStream<Uint8Array> {
  const reader = upstream.body!.getReader();
  const decoder = new TextDecoder();
  let closed = false;
  /** Items written since the current pull began. */
  let written = 0;
  let parser: EventSourceParser;
  const stop = () => {
    if (closed) return;
    closed = true;
    reader.cancel().catch(() => undefined);
    onClose();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (closed) return;
        controller.enqueue(encoder.encode(text));
        written += 1;
      };
      parser = createParser({
        onEvent(event) {
          if (event.event !== 'status') return;
          const data = rewrite(event.data);
          if (data === null) return;
          const id = event.id !== undefined && EVENT_ID.test(event.id) ? `id: ${event.id}\n` : '';
          write(`${id}event: status\ndata: ${data}\n\n`);
        },
        // Heartbeats keep the browser's connection (and every proxy on the way) from idling
        // out; the upstream's comment text itself is not relayed.
        onComment: () => write(': hb\n\n'),
      });
    },
    async pull(controller) {
      // Read until something went out (or the upstream ended), then let the browser's side
      // ask again: each event leaves as soon as it is parsed.
      written = 0;
      while (written === 0 && !closed) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          chunk = { done: true, value: undefined }; // the upstream broke off: end like it ended
        }
        if (chunk.done || closed) {
          if (!closed) controller.close();
          stop();
          return;
        }
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
    },
    cancel() {
      stop(); // the browser went away
    },
  });
}
