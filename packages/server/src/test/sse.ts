/** A test reader for event streams: collects events (and comments) as they arrive. */
import { createParser } from 'eventsource-parser';

export interface ReadEvent {
  event: string;
  data: string;
}

export function readEvents(response: Response) {
  const events: ReadEvent[] = [];
  const comments: string[] = [];
  let text = '';
  let ended = false;
  const parser = createParser({
    onEvent: (e) => events.push({ event: e.event ?? 'message', data: e.data }),
    onComment: (c) => comments.push(c),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        text += chunk;
        parser.feed(chunk);
      }
    } catch {
      // cancelled
    } finally {
      ended = true;
    }
  })();
  const until = async (check: () => boolean, what: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (events: ${events.map((e) => e.data).join(' | ')})`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    events,
    comments,
    /** Everything received so far, raw. */
    text: () => text,
    get ended() {
      return ended;
    },
    waitFor: (count: number, timeoutMs?: number) => until(() => events.length >= count, `${count} events`, timeoutMs),
    waitEnd: async (timeoutMs = 10_000) => {
      await until(() => ended, 'the end of the stream', timeoutMs);
      await pump;
    },
    until,
    cancel: () => reader.cancel(),
  };
}
