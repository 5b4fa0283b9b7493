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
  /** Goes away, as a browser tab that closes. */
  close(): void;
}

export const isEvent = (item: StreamItem | undefined): item is EventSourceMessage => item !== undefined && 'data' in item;

/** Opens `url` and, when the answer is a 200 stream, reads it in the background. */
export async function openStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
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
  const endedPromise = (async () => {
    if (!response.body || !response.ok) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
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
    close: () => abort.abort(),
  };
}
