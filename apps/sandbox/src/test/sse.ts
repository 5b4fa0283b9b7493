/** Test helper: reads a server-sent event stream over HTTP with `eventsource-parser`. */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** An event, or a comment line (`: hb` → `{ comment: 'hb' }`). */
export type StreamItem = EventSourceMessage | { comment: string };

export interface OpenStream {
  response: Response;
  /** Everything received so far, in order. */
  items: StreamItem[];
  /** The events only. */
  events(): EventSourceMessage[];
  /** Resolves with the n-th item (0-based), failing after `timeoutMs`. */
  item(n: number, timeoutMs?: number): Promise<StreamItem>;
  /** Resolves when the server has ended the response. */
  ended: Promise<void>;
  /** Whether the server has ended the response. */
  isEnded(): boolean;
  /** Every byte received so far, as text (to look for what must never be there). */
  text(): string;
  /** Goes away, as a browser tab that closes. */
  close(): void;
}

export const isEvent = (item: StreamItem | undefined): item is EventSourceMessage => item !== undefined && 'data' in item;

/** Opens `url` and, when the answer is a 200 stream, reads it in the background. */
export async function openStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  return readStream(response, () => abort.abort());
}

/**
 * Reads `response` (when it is a 2xx with a body) in the background. `close` goes away: by
 * default it cancels the body, as a browser does when the page closes.
 */
export function readStream(response: Response, close?: () => void): OpenStream {
  const items: StreamItem[] = [];
  let wake = () => {};
  const parser = createParser({
    onEvent: (event) => {
      items.push(event);
      wake();
    },
    onComment: (comment) => {
      items.push({ comment: comment.trim() });
      wake();
    },
  });
  let ended = false;
  const raw: Uint8Array[] = [];
  const reader = response.ok ? response.body?.getReader() : undefined;
  const endedPromise = (async () => {
    if (!reader) return;
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        raw.push(value);
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      /* aborted by close() */
    }
  })().finally(() => {
    ended = true;
    wake();
  });
  return {
    response,
    items,
    events: () => items.filter(isEvent),
    async item(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (items.length <= n) {
        if (ended) throw new Error(`the stream ended after ${items.length} item(s), wanted item ${n}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for stream item ${n} (have ${items.length})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return items[n]!;
    },
    ended: endedPromise,
    isEnded: () => ended,
    text: () => Buffer.concat(raw).toString('utf8'),
    close: close ?? (() => void reader?.cancel().catch(() => undefined)),
  };
}
