/**
 * The browser's event stream of a pasby session (`GET {prefix}/session/:handle/events`): pasby's
 * SSE upstream, mapped to the session view and sent on every change (`event: status`), with a
 * `: hb` comment every `heartbeatMs`. When pasby's stream fails or drops before a final state,
 * the proxy pings every `pingIntervalMs` instead. The stream ends after a final status; when
 * the browser goes away, the upstream request (stream or ping) is aborted.
 */
import { defaultClock, sleep } from '@passid/core';
import type { PasbyClient } from './client.js';
import type { PasbyPrivateKey } from './decrypt.js';
import { PasbyApiError, PasbyDecryptionError } from './errors.js';
import type { SessionBinding } from './handles.js';
import type { FlowEventStream } from './sse.js';
import type { PasbyFlow } from './types.js';
import { isFinalView, sessionView } from './view.js';

export interface WatchOptions {
  client: PasbyClient;
  key: PasbyPrivateKey;
  now: () => number;
  handle: string;
  binding: SessionBinding;
  /** pasby's open stream, or the flow a first ping returned (then the proxy pings from the start). */
  start: { stream: FlowEventStream } | { first: PasbyFlow | 'expired' };
  /** Aborts everything upstream; aborted when the browser goes or the stream ends. */
  upstream: AbortController;
  pingIntervalMs: number;
  heartbeatMs: number;
  /** Consecutive failed pings before the stream gives up with an `error` event. */
  maxPingFailures: number;
  warn: (what: string, error: unknown) => void;
}

const encoder = new TextEncoder();

export function watchSession(o: WatchOptions): ReadableStream<Uint8Array> {
  let done = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    done = true;
    clearInterval(heartbeat);
    o.upstream.abort();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let last = '';
      const write = (text: string) => {
        if (!done) controller.enqueue(encoder.encode(text));
      };
      const finish = () => {
        if (done) return;
        stop();
        controller.close();
      };
      const fail = (code: string, message: string) => {
        write(`event: error\ndata: ${JSON.stringify({ error: { code, message: `[passid] ${message}` } })}\n\n`);
        finish();
      };
      /** Sends the view when it changed (the server time aside); ends after a final status. */
      const emit = (flow: PasbyFlow | 'expired') => {
        const view = sessionView(o.handle, o.binding, flow, o.key, o.now());
        const same = JSON.stringify({ ...view, serverTime: '' });
        if (same !== last) {
          last = same;
          write(`event: status\ndata: ${JSON.stringify(view)}\n\n`);
        }
        if (isFinalView(view)) finish();
      };

      async function fromStream(stream: FlowEventStream): Promise<void> {
        try {
          for await (const event of stream) {
            if (done) break;
            emit(event.type === 'expired' ? 'expired' : event.flow);
          }
        } catch (error) {
          if (error instanceof PasbyDecryptionError) throw error;
          // pasby's stream failed: the ping below takes over.
        } finally {
          stream.close();
        }
      }

      async function byPing(pingFirst: boolean): Promise<void> {
        let failures = 0;
        for (let first = pingFirst; !done; first = false) {
          if (!first) await sleep(o.pingIntervalMs, defaultClock, o.upstream.signal);
          try {
            emit(await o.client.flows.ping(o.binding.request, { signal: o.upstream.signal }));
            failures = 0;
          } catch (error) {
            if (done || error instanceof PasbyDecryptionError) throw error;
            if (error instanceof PasbyApiError && error.code === 'EXPIRED') emit('expired');
            else if (error instanceof PasbyApiError && error.code === 'NOT_FOUND') fail('NOT_FOUND', 'pasby no longer knows this flow.');
            else if (++failures >= o.maxPingFailures) fail('UPSTREAM_UNAVAILABLE', 'pasby could not be reached. Try again.');
          }
        }
      }

      async function run(): Promise<void> {
        if ('first' in o.start) emit(o.start.first);
        else await fromStream(o.start.stream);
        if (!done) await byPing(!('first' in o.start));
      }

      heartbeat = setInterval(() => write(': hb\n\n'), o.heartbeatMs);
      run().catch((error: unknown) => {
        if (done) return; // the browser went away mid-call
        if (error instanceof PasbyDecryptionError) {
          o.warn('the pasby claims could not be decrypted', error);
          fail('DECRYPTION_FAILED', 'The claims could not be decrypted with the configured private key.');
        } else {
          o.warn('the pasby event stream failed', error);
          fail('INTERNAL', 'The pasby proxy failed.');
        }
      });
    },
    cancel() {
      stop();
    },
  });
}
