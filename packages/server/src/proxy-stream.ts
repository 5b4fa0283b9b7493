/**
 * The proxy's pass-through of PASSID's status stream (`GET /api/bridge/request/:id/events`):
 * each upstream event is parsed with `eventsource-parser`, its `data` rewritten as the proxied
 * status is (handle for the request id, no share token, claims filtered, key scrubbed), and
 * written to the browser as soon as it arrives. Nothing is buffered beyond one event.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';
import { upstreamFailure } from './proxy-errors.js';

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

export interface OpenStatusStreamOptions {
  fetch: typeof fetch;
  /** PASSID's stream URL. */
  url: string;
  /** Method and headers (the key, `Accept`, `Last-Event-ID`). */
  init: RequestInit;
  /** Time limit for the stream to open (its headers), not for its life. */
  timeoutMs: number;
  /** The browser's request signal: when it aborts, the upstream request is closed. */
  signal: AbortSignal;
  /** The institution key, never passed on in a header. */
  apiKey: string;
  rewrite: (data: string) => string | null;
  /** Answers anything but a 200 event stream (an error envelope) as the status route would. */
  otherwise: (upstream: Response, text: string) => Promise<Response>;
}

/**
 * Opens PASSID's status stream for the browser: a 200 event stream is relayed as it comes
 * (`relayStatusStream`); anything else is read and answered by `otherwise`. The upstream
 * request is closed when the relay ends, the browser goes away, or the answer was not a stream.
 */
export async function openStatusStream(options: OpenStatusStreamOptions): Promise<Response> {
  const { signal, apiKey } = options;
  const upstreamAbort = new AbortController();
  const onBrowserGone = () => upstreamAbort.abort();
  signal.addEventListener('abort', onBrowserGone, { once: true });
  const opening = setTimeout(() => upstreamAbort.abort(new DOMException('timed out', 'TimeoutError')), options.timeoutMs);
  const release = () => {
    clearTimeout(opening);
    signal.removeEventListener('abort', onBrowserGone);
    upstreamAbort.abort();
  };
  let upstream: Response;
  try {
    upstream = await options.fetch(options.url, { ...options.init, signal: upstreamAbort.signal });
  } catch {
    const reason: unknown = upstreamAbort.signal.reason;
    release();
    return upstreamFailure(reason instanceof DOMException && reason.name === 'TimeoutError');
  }
  clearTimeout(opening);
  const isStream = (upstream.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream');
  if (!upstream.ok || !isStream || !upstream.body || signal.aborted) {
    try {
      return await options.otherwise(upstream, await upstream.text());
    } catch {
      return upstreamFailure(false);
    } finally {
      release();
    }
  }
  const headers = new Headers({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  const version = upstream.headers.get('x-passid-api-version');
  if (version !== null && !version.includes(apiKey)) headers.set('X-PASSID-API-Version', version);
  return new Response(relayStatusStream({ upstream, rewrite: options.rewrite, onClose: release }), { status: 200, headers });
}
