/**
 * The bridge API client: three calls, every answer validated against the wire schemas.
 *
 * Direct mode: `{baseUrl}/api/bridge/…` with `X-Institution-Key`.
 * Proxy mode (`endpoint`, e.g. `/api/passid`): `{endpoint}/request`, `{endpoint}/request/:id`,
 * `{endpoint}/verify`, no key (the institution's backend adds it).
 */
import * as v from 'valibot';
import { PassidError, parseRetryAfter, toPassidError } from './errors.js';
import {
  CreateRequestResponseSchema,
  ErrorEnvelopeSchema,
  RequestStatusResponseSchema,
  VerifyResponseSchema,
} from './wire/schemas.js';
import type { CreateRequestBody } from './wire/server.js';
import type {
  CreateRequestResponse,
  RequestStatusResponse,
  VerifyResponse,
} from './wire/schemas.js';

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
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createBridgeClient(options: BridgeClientOptions = {}): BridgeClient {
  const proxy = options.endpoint !== undefined && options.endpoint !== '';
  const prefix = proxy
    ? trimSlash(options.endpoint as string)
    : `${trimSlash(options.baseUrl ?? DEFAULT_BASE_URL)}/api/bridge`;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: v.GenericSchema<unknown, T>,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<T> {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const label = `${method} ${path}`;
    if (typeof fetchImpl !== 'function') {
      throw new PassidError('configuration', 'No fetch available: pass the `fetch` option.');
    }
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers, ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (!proxy && options.apiKey) headers['X-Institution-Key'] = options.apiKey;

    let response: Response;
    try {
      response = await fetchImpl(`${prefix}${path}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (error) {
      const wrapped = toPassidError(error, init.signal);
      throw wrapped.kind === 'aborted'
        ? wrapped
        : new PassidError('network', `${label}: no answer from the server.`, { cause: error });
    }
    if (init.signal?.aborted) throw new PassidError('aborted', `${label}: aborted.`);
    if (!response || typeof response.status !== 'number') {
      throw new PassidError('invalid_response', `${label}: fetch returned no response.`);
    }

    const body = await readJson(response);
    if (init.signal?.aborted) throw new PassidError('aborted', `${label}: aborted.`);
    if (!response.ok) {
      const envelope = v.safeParse(ErrorEnvelopeSchema, body);
      const code = envelope.success ? envelope.output.error.code : undefined;
      const detail = envelope.success ? `: ${envelope.output.error.message}` : '';
      const headerValue = typeof response.headers?.get === 'function' ? response.headers.get('Retry-After') : null;
      const retryAfterMs = parseRetryAfter(headerValue, Date.now());
      throw new PassidError(
        'http',
        `${label} failed with HTTP ${response.status}${code ? ` ${code}` : ''}${detail}`,
        {
          status: response.status,
          ...(code !== undefined ? { code } : {}),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        },
      );
    }
    if (body === undefined) {
      throw new PassidError('invalid_response', `${label}: the response is not JSON (HTTP ${response.status}).`, {
        status: response.status,
      });
    }
    const parsed = v.safeParse(schema, body);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = issue ? v.getDotPath(issue) : null;
      throw new PassidError(
        'invalid_response',
        `${label}: the response does not match the contract${where ? ` (at "${where}")` : ''}.`,
        { status: response.status },
      );
    }
    return parsed.output;
  }

  return {
    createRequest(body, callOptions = {}) {
      return call('POST', '/request', CreateRequestResponseSchema, { body, signal: callOptions.signal });
    },
    getRequest(requestId, callOptions = {}) {
      return call('GET', `/request/${encodeURIComponent(requestId)}`, RequestStatusResponseSchema, {
        signal: callOptions.signal,
      });
    },
    verifyToken({ token, idempotencyKey }, callOptions = {}) {
      return call('POST', '/verify', VerifyResponseSchema, {
        body: { token },
        headers: { 'Idempotency-Key': idempotencyKey },
        signal: callOptions.signal,
      });
    },
  };
}
