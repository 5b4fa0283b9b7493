/**
 * The bridge API client: three calls, every answer validated against the wire schemas (by
 * the checks compiled from them at build time, `wire/checks.gen.ts`: no valibot in the browser).
 *
 * Direct mode: `{baseUrl}/api/bridge/…` with `X-Institution-Key`.
 * Proxy mode (`endpoint`, e.g. `/api/passid`): `{endpoint}/request`, `{endpoint}/request/:id`,
 * `{endpoint}/verify`, no key (the institution's backend adds it).
 */
import { PassidError, parseRetryAfter, toPassidError } from '../../errors.js';
import type { PassidErrorInit } from '../../errors.js';
import { defaultClock, withTimeout } from '../../transport/poll.js';
import type { Clock, PassidErrorKind } from '../../flow/types.js';
import {
  CreateRequestResponseShape,
  isCreateRequestResponse,
  isErrorEnvelope,
  isRequestStatusResponse,
  isVerifyResponse,
  RequestStatusResponseShape,
  VerifyResponseShape,
} from '../../wire/checks.gen.js';
import { strip } from '../../wire/strip.js';
import type { Shape } from '../../wire/strip.js';
import type { CreateRequestBody } from '../../wire/server.js';
import type {
  CreateRequestResponse,
  RequestStatusResponse,
  VerifyResponse,
} from '../../wire/schemas.js';

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

  /** One call, under the request timeout (`signal` inside is the call's own). */
  const call = <T>(
    method: 'GET' | 'POST',
    path: string,
    valid: (json: unknown) => json is T,
    shape: Shape,
    outer: AbortSignal | undefined,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> =>
    withTimeout(
      async (signal) => {
        const fetchImpl = options.fetch ?? globalThis.fetch;
        const label = `${method} ${path}`;
        const fail = (kind: PassidErrorKind, text: string, init?: PassidErrorInit) =>
          new PassidError(kind, `${label}${text}`, init);
        const checkAbort = () => {
          if (signal.aborted) throw fail('aborted', ': aborted.');
        };
        if (typeof fetchImpl !== 'function') {
          throw new PassidError('configuration', 'No fetch available: pass the `fetch` option.');
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
          throw wrapped.kind === 'aborted' ? wrapped : fail('network', ': no answer from the server.', { cause: error });
        }
        checkAbort();
        const status = response?.status;
        if (typeof status !== 'number') throw fail('invalid_response', ': fetch returned no response.');

        const json = await readJson(response);
        checkAbort();
        if (!response.ok) {
          const error = isErrorEnvelope(json) ? json.error : undefined;
          const code = error?.code;
          const retryAfterMs = parseRetryAfter(response.headers?.get?.('Retry-After'), clock.now());
          throw fail('http', ` failed with HTTP ${status}${code ? ` ${code}` : ''}${error ? `: ${error.message}` : ''}`, {
            status,
            ...(code !== undefined && { code }),
            ...(retryAfterMs !== undefined && { retryAfterMs }),
          });
        }
        if (json === undefined) throw fail('invalid_response', `: the response is not JSON (HTTP ${status}).`, { status });
        if (!valid(json)) throw fail('invalid_response', ': the response does not match the contract.', { status });
        // Only what the contract knows, as valibot's output would hold it: a newer server's
        // extra fields and claims are never passed on.
        return strip(json, shape);
      },
      options.requestTimeoutMs,
      clock,
      outer,
    );

  return {
    createRequest: (body, { signal } = {}) => call('POST', '/request', isCreateRequestResponse, CreateRequestResponseShape, signal, body),
    getRequest: (requestId, { signal } = {}) =>
      call('GET', `/request/${encodeURIComponent(requestId)}`, isRequestStatusResponse, RequestStatusResponseShape, signal),
    verifyToken: ({ token, idempotencyKey }, { signal } = {}) =>
      call('POST', '/verify', isVerifyResponse, VerifyResponseShape, signal, { token }, { 'Idempotency-Key': idempotencyKey }),
  };
}
