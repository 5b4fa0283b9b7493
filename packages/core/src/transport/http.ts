/**
 * JSON over `fetch` for a provider's client, in neutral terms: one request with the error
 * envelope read into a `PassidError` (status, code, Retry-After), JSON answers checked against
 * a generated spec (`wire/conform.ts`) and stripped to what the contract knows, event streams
 * opened under the request timeout. The pasby client is built on it; PASSID's bridge client
 * predates it and keeps its own copy for now.
 */
// The shared pieces come through `@passid/core` (the package itself), never by a relative
// path: the main entry stays one module, so a PASSID-only bundle does not change with pasby.
import { PassidError, conform, defaultClock, isErrorEnvelope, parseRetryAfter, toPassidError, withTimeout } from '@passid/core';
import type { Clock, Spec } from '@passid/core';

export interface HttpOptions {
  /** URL prefix of every path (may be relative, e.g. `/api/pasby`). */
  prefix: string;
  /** @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /** Extra headers on every call. @default {} */
  headers?: Record<string, string>;
  /** A call without an answer after this many ms rejects with a transient `network` error. @default 15000 */
  requestTimeoutMs?: number;
  /** @default Date.now and the global timers */
  clock?: Clock;
}

export type Method = 'GET' | 'POST';

export interface Http {
  /** One request; resolves with the 2xx response, rejects with a `PassidError` (`http`, `network`, `aborted`…). */
  send(method: Method, path: string, signal: AbortSignal, body?: unknown, init?: { accept?: string; keepalive?: boolean }): Promise<Response>;
  /** One JSON call under the request timeout, its answer checked against `spec` and stripped to it. */
  json<T>(method: Method, path: string, spec: Spec, signal?: AbortSignal, body?: unknown): Promise<T>;
  /** The body of a `text/event-stream` answer, once its headers arrived (the timeout covers only those). */
  events(path: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>>;
}

/** `value` if it holds to `spec` (stripped to it), else an `invalid_response` error naming `label`. */
export function checked<T>(value: unknown, spec: Spec, label: string, status = 200): T {
  const kept = value === undefined ? undefined : conform<T>(value, spec);
  if (kept === undefined) {
    throw new PassidError('invalid_response', `${label}: the response ${value === undefined ? 'is not JSON' : 'does not match the contract'} (HTTP ${status}).`, { status });
  }
  return kept;
}

/** JSON text → value, or `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createHttp(options: HttpOptions): Http {
  const { clock = defaultClock } = options;
  const prefix = options.prefix.replace(/\/+$/, '');

  const send: Http['send'] = async (method, path, signal, body, init = {}) => {
    const label = `${method} ${path}`;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') throw new PassidError('configuration', 'No fetch available: pass the `fetch` option.');
    const headers: Record<string, string> = { Accept: init.accept ?? 'application/json', ...options.headers };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(`${prefix}${path}`, {
        method,
        headers,
        signal,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(init.keepalive && { keepalive: true }),
      });
    } catch (error) {
      const wrapped = toPassidError(error, signal);
      throw wrapped.kind === 'aborted' ? wrapped : new PassidError('network', `${label}: no answer from the server.`, { cause: error });
    }
    if (signal.aborted) throw new PassidError('aborted', `${label}: aborted.`);
    if (response.ok) return response;
    const envelope = parseJson(await response.text().catch(() => ''));
    const error = isErrorEnvelope(envelope) ? envelope.error : undefined;
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), clock.now());
    throw new PassidError('http', `${label} failed with HTTP ${response.status}${error ? ` ${error.code}: ${error.message}` : ''}`, {
      status: response.status,
      ...(error && { code: error.code }),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  };

  return {
    send,
    json: (method, path, spec, signal, body) =>
      withTimeout(
        async (s) => {
          const response = await send(method, path, s, body);
          const value = parseJson(await response.text());
          if (s.aborted) throw new PassidError('aborted', `${method} ${path}: aborted.`);
          return checked(value, spec, `${method} ${path}`, response.status);
        },
        options.requestTimeoutMs,
        clock,
        signal,
      ),
    events: (path, signal) =>
      withTimeout(
        async (s) => {
          const response = await send('GET', path, s, undefined, { accept: 'text/event-stream' });
          const type = response.headers.get('Content-Type') ?? '';
          if (/^text\/event-stream\b/i.test(type) && response.body) return response.body;
          response.body?.cancel().catch(() => undefined);
          throw new PassidError('invalid_response', `GET ${path}: the answer is not an event stream (${type || 'no Content-Type'}).`, {
            status: response.status,
          });
        },
        options.requestTimeoutMs,
        clock,
        signal,
      ),
  };
}
