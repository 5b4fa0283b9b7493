/**
 * Test helper: a `fetch` stub at the network boundary that records every call and answers
 * through a handler. Delays use `setTimeout`, so fake timers drive them.
 */
import type { Claims } from '../wire/schemas.js';

export interface FakeCall {
  method: string;
  url: string;
  /** Path after the host or the proxy prefix, e.g. `/api/bridge/request/req_1`. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
  /** `fetch`'s `keepalive` (a request that may outlive the page). */
  keepalive: boolean;
  at: number;
}

export type Reply =
  | {
      status?: number;
      /** JSON body. */
      body?: unknown;
      /** Raw text body (wins over `body`). */
      text?: string;
      headers?: Record<string, string>;
      /** Answer after this many ms (fake timers). */
      delayMs?: number;
    }
  | { networkError: true; delayMs?: number }
  /** A `text/event-stream` answer whose body the test drives (`fakeEventStream`). */
  | { stream: FakeEventStream; status?: number; headers?: Record<string, string>; delayMs?: number };

export function fakeFetch(handler: (call: FakeCall) => Reply) {
  const calls: FakeCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const call: FakeCall = {
      method: init.method ?? 'GET',
      url,
      path: url.replace(/^https?:\/\/[^/]+/, ''),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
      keepalive: init.keepalive === true,
      at: Date.now(),
    };
    calls.push(call);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const reply = handler(call);
      if (reply.delayMs) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, reply.delayMs);
          call.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new DOMException('The operation was aborted.', 'AbortError'));
          });
        });
      }
      if (call.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      if ('networkError' in reply) throw new TypeError('fetch failed');
      if ('stream' in reply) {
        call.signal?.addEventListener('abort', () => reply.stream.abort());
        return new Response(reply.stream.body, {
          status: reply.status ?? 200,
          headers: { 'Content-Type': 'text/event-stream', ...reply.headers },
        });
      }
      const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      return new Response(text, {
        status: reply.status ?? 200,
        headers: { 'Content-Type': reply.text ? 'text/html' : 'application/json', ...reply.headers },
      });
    } finally {
      inFlight -= 1;
    }
  }) as typeof globalThis.fetch;
  return {
    fetch,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();

export const CLAIMS_A: Claims = {
  fsi_score: 812,
  fsi_low: 790,
  fsi_high: 834,
  tier: 'A',
  confidence: 0.91,
  p_stable: 0.88,
  income_verified: true,
  income_band: 'GBP 30k-45k',
  identity_verified: true,
  sanctions_clear: true,
  payment_reliability: 0.97,
  savings_consistency: 82,
  fraud_risk: 'low',
  corridor: 'KE→GB',
  decision: 'approved',
};

/** 201 of POST /request, on the given server clock. */
export function createdBody(serverNow: number, ttlMs = 600_000, id = 'req_test0000000000000001') {
  return {
    requestId: id,
    code: 'AB3X-7YQM',
    deepLink: `passid://verify-request?r=${id}&i=inst_demo`,
    expiresAt: iso(serverNow + ttlMs),
    status: 'pending',
    serverTime: iso(serverNow),
  };
}

/** 200 of GET /request/:id. */
export function statusBody(
  status: 'pending' | 'completed' | 'declined' | 'expired',
  serverNow: number,
  extra: Record<string, unknown> = {},
  expiresAt = serverNow + 600_000,
  id = 'req_test0000000000000001',
) {
  return {
    requestId: id,
    code: 'AB3X-7YQM',
    status,
    permissions: ['full_score'],
    createdAt: iso(serverNow - 1000),
    expiresAt: iso(expiresAt),
    serverTime: iso(serverNow),
    ...extra,
  };
}

/** A server-sent-events body the test writes to: events, comments, an end, a break. */
export interface FakeEventStream {
  body: ReadableStream<Uint8Array>;
  /** Sends `event: status` (by default) with `data` as JSON and an `id`. */
  send(data: unknown, options?: { id?: number; event?: string }): void;
  /** Sends raw text as it is (partial lines, comments…). */
  raw(text: string): void;
  /** The server ends the response. */
  end(): void;
  /** The connection breaks. */
  fail(): void;
  /** Called by the fake fetch when the request is aborted. */
  abort(): void;
  /** The reader cancelled the body or aborted the request. */
  readonly closed: boolean;
}

export function fakeEventStream(): FakeEventStream {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let nextId = 1;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      closed = true;
    },
  });
  const write = (text: string) => {
    if (!closed) controller.enqueue(encoder.encode(text));
  };
  return {
    body,
    send(data, { id = nextId++, event = 'status' } = {}) {
      write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    raw: write,
    end() {
      if (!closed) controller.close();
      closed = true;
    },
    fail() {
      if (!closed) controller.error(new TypeError('terminated'));
      closed = true;
    },
    abort() {
      if (!closed) controller.error(new DOMException('The operation was aborted.', 'AbortError'));
      closed = true;
    },
    get closed() {
      return closed;
    },
  };
}
