/**
 * Reading pasby's SSE stream (`GET /api/v2/flow/sse`) with `fetch` and eventsource-parser:
 * opens it (failures before the first byte are the usual `PasbyApiError`s), then yields the
 * flow of each event until a final state or an `expired` event. A stream quiet for longer
 * than `idleTimeoutMs` is a network error. `close()` (or leaving a `for await`) aborts the
 * request, so pasby sees the connection go.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import * as v from 'valibot';
import { parseJson } from '../http.js';
import { PasbyApiError } from './errors.js';
import { FlowSchema, type PasbyFlowEvent } from './types.js';

export interface FlowEventStream extends AsyncIterableIterator<PasbyFlowEvent> {
  /** Stops reading and closes the connection to pasby. */
  close(): void;
}

interface OpenOptions {
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  timeoutMs: number;
  idleTimeoutMs: number;
  signal: AbortSignal | undefined;
  failure: (response: Response, json: unknown) => PasbyApiError;
  networkError: (error: unknown) => PasbyApiError;
}

/** A flow is final once it is cancelled or signed: pasby ends the stream after it. */
export const isFinalFlow = (flow: { cancelled: boolean; signedAt?: number | undefined }): boolean => flow.cancelled || flow.signedAt !== undefined;

export async function openFlowEvents(options: OpenOptions): Promise<FlowEventStream> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const opening = setTimeout(() => controller.abort(new DOMException('pasby did not open the stream in time', 'TimeoutError')), options.timeoutMs);
  const close = () => {
    clearTimeout(opening);
    options.signal?.removeEventListener('abort', onAbort);
    controller.abort();
  };

  let response: Response;
  try {
    response = await options.fetch(options.url, { method: 'GET', headers: options.headers, signal: controller.signal });
  } catch (error) {
    close();
    throw options.networkError(controller.signal.reason instanceof DOMException ? controller.signal.reason : error);
  } finally {
    clearTimeout(opening);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    close();
    throw options.failure(response, parseJson(text));
  }
  if (!/^text\/event-stream/i.test(response.headers.get('content-type') ?? '')) {
    close();
    throw new PasbyApiError('invalid_response', 'pasby GET /api/v2/flow/sse answered without text/event-stream.', { status: response.status });
  }

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => queue.push(event) });
  let finished = false;

  /** The next raw chunk, or an error after `idleTimeoutMs` without one. */
  async function readChunk(): Promise<ReadableStreamReadResult<Uint8Array>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PasbyApiError('network', `pasby's event stream was quiet for ${options.idleTimeoutMs} ms.`)), options.idleTimeoutMs);
    });
    try {
      return await Promise.race([reader.read(), idle]);
    } catch (error) {
      if (error instanceof PasbyApiError) throw error;
      throw options.networkError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  function toEvent(message: EventSourceMessage): PasbyFlowEvent | null {
    if (message.event === 'expired') return { type: 'expired' };
    if (message.event !== undefined && message.event !== 'message') return null; // an event type this kit does not know
    const flow = v.safeParse(FlowSchema, parseJson(message.data));
    if (!flow.success) throw new PasbyApiError('invalid_response', 'pasby sent a stream event that is not a flow.');
    return { type: 'flow', flow: flow.output };
  }

  const stream: FlowEventStream = {
    async next(): Promise<IteratorResult<PasbyFlowEvent>> {
      try {
        while (!finished) {
          const message = queue.shift();
          if (message) {
            const event = toEvent(message);
            if (!event) continue;
            if (event.type === 'expired' || isFinalFlow(event.flow)) finished = true;
            return { value: event, done: false };
          }
          const { done, value } = await readChunk();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch (error) {
        stream.close();
        throw error;
      }
      stream.close();
      return { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<PasbyFlowEvent>> {
      stream.close();
      return { value: undefined, done: true };
    },
    close() {
      finished = true;
      close();
      reader.cancel().catch(() => undefined);
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
