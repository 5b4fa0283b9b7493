/**
 * The pasby client of the browser: it talks only to the institution's `createPasbyProxy`
 * (`{endpoint}/session`, `/session/:handle`, `/session/:handle/events`,
 * `/session/:handle/cancel`), never to pasby. Every answer is checked against the specs
 * generated from `wire/schemas.ts` (no valibot in the browser).
 */
import { DEFAULT_REQUEST_TIMEOUT_MS, PassidError, defaultClock } from '@passid/core';
import type { Clock } from '@passid/core';
import { checked, createHttp, parseJson } from '../../transport/http.js';
import { PasbySessionCreatedSpec, PasbySessionViewSpec } from './wire/checks.gen.js';
import type { PasbyClaimKey, PasbyMode } from './wire/constants.js';
import type { PasbySessionCreated, PasbySessionView } from './wire/schemas.js';

export interface PasbyClientOptions {
  /** URL prefix of the institution's `createPasbyProxy` (may be relative, e.g. `/api/pasby`). */
  endpoint: string;
  /** @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /** Extra headers on every call (e.g. a CSRF token). @default {} */
  headers?: Record<string, string>;
  /** A call without an answer after this many ms is a transient `network` error. @default 15000 */
  requestTimeoutMs?: number;
  /** @default Date.now and the global timers */
  clock?: Clock;
}

export interface PasbyClient {
  /** `POST {endpoint}/session` → 201. */
  createSession(body: { mode: PasbyMode; nin?: string; claims?: readonly PasbyClaimKey[] }, options?: { signal?: AbortSignal }): Promise<PasbySessionCreated>;
  /** `GET {endpoint}/session/:handle` → 200. */
  getSession(handle: string, options?: { signal?: AbortSignal }): Promise<PasbySessionView>;
  /** `GET {endpoint}/session/:handle/events`: the open stream, once its headers arrived. */
  openEvents(handle: string, options?: { signal?: AbortSignal }): Promise<ReadableStream<Uint8Array>>;
  /** Checks and strips the `data` of one `status` event. */
  parseStatus(data: string): PasbySessionView;
  /**
   * `POST {endpoint}/session/:handle/cancel`, best effort: it never rejects, and it is sent
   * with `keepalive`, so it still goes out when the page is being closed.
   */
  cancel(handle: string): Promise<void>;
}

const at = (handle: string) => `/session/${encodeURIComponent(handle)}`;

export function createPasbyClient(options: PasbyClientOptions): PasbyClient {
  const clock = options.clock ?? defaultClock;
  const http = createHttp({ ...options, prefix: options.endpoint, clock });
  return {
    createSession: (body, { signal } = {}) => http.json('POST', '/session', PasbySessionCreatedSpec, signal, body),
    getSession: (handle, { signal } = {}) => http.json('GET', at(handle), PasbySessionViewSpec, signal),
    openEvents: (handle, { signal } = {}) => http.events(`${at(handle)}/events`, signal),
    parseStatus: (data) => checked(parseJson(data), PasbySessionViewSpec, 'status event'),
    async cancel(handle) {
      const stop = new AbortController();
      const timer = clock.setTimeout(() => stop.abort(), options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
      try {
        const response = await http.send('POST', `${at(handle)}/cancel`, stop.signal, {}, { keepalive: true });
        await response.body?.cancel();
      } catch {
        // Best effort: a session that cannot be cancelled expires by itself (360 s at pasby).
      } finally {
        clock.clearTimeout(timer);
      }
    },
  };
}

/** An `event: error` of the proxy's stream (`UPSTREAM_UNAVAILABLE`, `DECRYPTION_FAILED`) as a `PassidError`. */
export function streamError(data: string): PassidError {
  const error = (parseJson(data) as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'UPSTREAM_UNAVAILABLE';
  const message = typeof error?.message === 'string' ? error.message : 'The event stream reported an error.';
  // UPSTREAM_UNAVAILABLE: pasby is out of reach for now, worth another try (the stream or a poll);
  // anything else (DECRYPTION_FAILED) is what GET would answer with a 500: the same error.
  return code === 'UPSTREAM_UNAVAILABLE'
    ? new PassidError('network', message, { code })
    : new PassidError('http', message, { code, status: 500 });
}
