/**
 * The bridge API client: three calls and the push stream, every answer validated against the
 * wire schemas (by `conform` and the specs generated from them at build time,
 * `wire/checks.gen.ts`: no valibot in the browser).
 *
 * Direct mode: `{baseUrl}/api/bridge/…` with `X-Institution-Key`.
 * Proxy mode (`endpoint`, e.g. `/api/passid`): `{endpoint}/request`, `{endpoint}/request/:id`,
 * `{endpoint}/verify`, no key (the institution's backend adds it).
 */
import { PassidError, parseRetryAfter, toPassidError } from '../../errors.js';
import type { PassidErrorInit } from '../../errors.js';
import { defaultClock, withTimeout } from '../../transport/retry.js';
import type { Clock, PassidErrorKind } from '../../flow/types.js';
import {
  CreateRequestResponseSpec,
  ErrorEnvelopeSpec,
  RequestStatusResponseSpec,
  VerifyResponseSpec,
} from '../../wire/checks.gen.js';
import { conform } from '../../wire/conform.js';
import type { Spec } from '../../wire/conform.js';
import type { CreateRequestBody } from '../../wire/server.js';
import type {
  CreateRequestResponse,
  ErrorEnvelope,
  RequestStatusResponse,
  VerifyResponse,
} from '../../wire/schemas.js';

declare const process: { env: Record<string, string | undefined> };

export const DEFAULT_BASE_URL = 'https://api.passid.io';

export interface BridgeClientOptions {
  /** PASSID backend base URL (direct mode). @default 'https://api.passid.io' */
  baseUrl?: string;
  /** Institution key, sent as `X-Institution-Key` in direct mode. Never sent in proxy mode. */
  apiKey?: string;
  /** Proxy mode: URL prefix of the institution's backend (may be relative). Overrides `baseUrl`. */
  endpoint?: string;
  /** @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /** Extra headers on every call. @default {} */
  headers?: Record<string, string>;
  /**
   * A call without a full answer after this many ms is aborted and rejects with a
   * `network` error ("The request timed out after …"), which the retry rule treats as transient.
   * @default 15000
   */
  requestTimeoutMs?: number;
  /** Time and timers (the timeout, `Retry-After` dates). @default Date.now and the global timers */
  clock?: Clock;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface BridgeClient {
  /** `POST /api/bridge/request` → 201 body. */
  createRequest(body: CreateRequestBody, options?: CallOptions): Promise<CreateRequestResponse>;
  /** `GET /api/bridge/request/:id` → 200 body. */
  getRequest(requestId: string, options?: CallOptions): Promise<RequestStatusResponse>;
  /** `POST /api/bridge/verify` with `Idempotency-Key` → 200 body (approved or denied). */
  verifyToken(
    params: { token: string; idempotencyKey: string },
    options?: CallOptions,
  ): Promise<VerifyResponse>;
  /**
   * `GET /api/bridge/request/:id/events` (`{endpoint}/request/:handle/events` in proxy mode):
   * the open push stream, once its headers arrived (the request timeout covers only that).
   * An error status, or an answer that is not `text/event-stream`, rejects like the other calls.
   */
  openEvents(requestId: string, options?: CallOptions): Promise<ReadableStream<Uint8Array>>;
  /** Checks and strips one status event's `data` (the JSON of a status answer). */
  parseStatus(data: string): RequestStatusResponse;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Reads a body as JSON, or `undefined` if it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text()) as unknown;
  } catch {
    return undefined;
  }
}

export function createBridgeClient(options: BridgeClientOptions = {}): BridgeClient {
  const { endpoint, apiKey, clock = defaultClock } = options;
  const prefix = endpoint ? trimSlash(endpoint) : `${trimSlash(options.baseUrl ?? DEFAULT_BASE_URL)}/api/bridge`;

  /**
   * Sends one request and returns the 2xx response; an error status becomes an `http`
   * PassidError (with the envelope's code and Retry-After), no answer a `network` one.
   */
  async function send(
    method: 'GET' | 'POST',
    path: string,
    signal: AbortSignal,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response> {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new PassidError(
        'configuration',
        typeof process !== 'undefined' && process.env.NODE_ENV !== 'production' ? 'No fetch available: pass the `fetch` option.' : 'No fetch.',
      );
    }
    const sent: Record<string, string> = { Accept: 'application/json', ...options.headers, ...headers };
    if (body !== undefined) sent['Content-Type'] = 'application/json';
    if (!endpoint && apiKey) sent['X-Institution-Key'] = apiKey;
    let response: Response;
    try {
      response = await fetchImpl(`${prefix}${path}`, {
        method,
        headers: sent,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal,
      });
    } catch (error) {
      const wrapped = toPassidError(error, signal);
      throw wrapped.kind === 'aborted' ? wrapped : failure(method, path, 'network', ': no answer.', { cause: error });
    }
    checkAbort(method, path, signal);
    const status = response?.status;
    if (typeof status !== 'number') throw failure(method, path, 'invalid_response', ': no response from fetch.');
    if (response.ok) return response;
    const json = await readJson(response);
    checkAbort(method, path, signal);
    const error = conform<ErrorEnvelope>(json, ErrorEnvelopeSpec)?.error;
    const code = error?.code;
    const retryAfterMs = parseRetryAfter(response.headers?.get?.('Retry-After'), clock.now());
    throw failure(method, path, 'http', ` failed with HTTP ${status}${code ? ` ${code}` : ''}${error ? `: ${error.message}` : ''}`, {
      status,
      ...(code !== undefined && { code }),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }

  /** One JSON call under the request timeout, its answer checked and stripped to the contract. */
  const call = <T>(
    method: 'GET' | 'POST',
    path: string,
    spec: Spec,
    outer: AbortSignal | undefined,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> =>
    withTimeout(
      async (signal) => {
        const response = await send(method, path, signal, body, headers);
        const json = await readJson(response);
        checkAbort(method, path, signal);
        return checked<T>(json, spec, `${method} ${path}`, response.status);
      },
      options.requestTimeoutMs,
      clock,
      outer,
    );

  return {
    createRequest: (body, { signal } = {}) => call('POST', '/request', CreateRequestResponseSpec, signal, body),
    getRequest: (requestId, { signal } = {}) => call('GET', `/request/${encodeURIComponent(requestId)}`, RequestStatusResponseSpec, signal),
    verifyToken: ({ token, idempotencyKey }, { signal } = {}) =>
      call('POST', '/verify', VerifyResponseSpec, signal, { token }, { 'Idempotency-Key': idempotencyKey }),

    openEvents: (requestId, { signal } = {}) =>
      // The timeout covers the headers; the body is read (and cancelled) by `readEvents`.
      withTimeout(
        async (s) => {
          const path = `/request/${encodeURIComponent(requestId)}/events`;
          const response = await send('GET', path, s, undefined, { Accept: 'text/event-stream' });
          const type = response.headers?.get?.('Content-Type') ?? '';
          if (/^text\/event-stream\b/i.test(type) && response.body) return response.body;
          response.body?.cancel().catch(() => undefined);
          throw failure('GET', path, 'invalid_response', `: not an event stream (${type || 'no Content-Type'}).`, {
            status: response.status,
          });
        },
        options.requestTimeoutMs,
        clock,
        signal,
      ),

    parseStatus(data) {
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        json = undefined;
      }
      return checked(json, RequestStatusResponseSpec, 'status event', 200);
    },
  };
}

const failure = (method: string, path: string, kind: PassidErrorKind, text: string, init?: PassidErrorInit) =>
  new PassidError(kind, `${method} ${path}${text}`, init);

function checkAbort(method: string, path: string, signal: AbortSignal): void {
  if (signal.aborted) throw failure(method, path, 'aborted', ': aborted.');
}

/**
 * The answer if it holds to the contract, with only what the contract knows (as valibot's
 * output would hold it: a newer server's extra fields and claims are never passed on); else
 * `invalid_response`.
 */
function checked<T>(json: unknown, spec: Spec, label: string, status: number): T {
  if (json === undefined) throw new PassidError('invalid_response', `${label}: not JSON (HTTP ${status}).`, { status });
  const kept = conform<T>(json, spec);
  if (kept === undefined) throw new PassidError('invalid_response', `${label}: breaks the contract.`, { status });
  return kept;
}
