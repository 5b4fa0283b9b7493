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
  | { networkError: true; delayMs?: number };

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
