/**
 * A typed pasby client for the institution's backend, speaking pasby's HTTP API itself (see the
 * README for why it does not wrap `@finsel-dgi/pasby`). v2: the three identification modes,
 * ping, SSE and cancel, with `x-api-key` + `x-access-secret`. v1 (legacy apps): authorize, then
 * ping, cancel and long polling with `x-access-token`, the token kept and renewed here.
 * Every answer is validated; failures are `PasbyApiError`s; retries follow the PASSID client's
 * rule: network failures, 5xx and 429 (honouring `Retry-After`), never a create after a 5xx.
 */
import * as v from 'valibot';
import { defaultClock, isTransientError, parseRetryAfter, sleep as clockSleep } from '@passid/core';
import { PassidConfigError } from '../errors.js';
import { joinUrl, parseJson, scrub } from '../http.js';
import { PasbyApiError, pasbyCode } from './errors.js';
import { openFlowEvents, type FlowEventStream } from './sse.js';
import {
  CancelDataSchema, DifferentDeviceDataSchema, FailedEnvelopeSchema, FlowDataSchema, PASBY_ACTIONS, PASBY_CLAIM_KEYS, PASBY_LIVE_URL,
  SameDeviceDataSchema, successful, TokenDataSchema, WildcardDataSchema,
  type PasbyFlow, type PasbyIdentificationBody, type PasbyIdentificationModel,
} from './types.js';

export interface PasbyClientOptions {
  /** The app's API key (`bk-test_…` / `bk-live_…`), from an environment variable. */
  apiKey: string;
  /** The app's secret (`snb_…`), from an environment variable. */
  secret: string;
  /** pasby's base URL. @default 'https://l.pasby.africa' (the local sandbox: 'http://localhost:8787/pasby') */
  baseUrl?: string;
  /** For v1 only: your consumer (organisation) id, `sub` of authorize. */
  consumer?: string;
  /** For v1 only: your app id, `app` of authorize. */
  app?: string;
  /** `fetch` to use. @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /** Retries after a network failure, a 5xx or a 429 (creates: 429 only). @default 2 */
  maxRetries?: number;
  /** Time limit of one attempt in ms (for SSE: until the stream opens). @default 10000 */
  timeoutMs?: number;
  /** Time limit of one v1 long poll in ms (pasby holds it up to 25 s). @default 35000 */
  pollTimeoutMs?: number;
  /** Longest wait between retries, in ms; a longer `Retry-After` ends the retries. @default 30000 */
  maxRetryDelayMs?: number;
  /** Waits between retries (tests inject a fake). @default setTimeout-based sleep */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface PasbyCallOptions {
  /** Aborts the call, including waits between retries. */
  signal?: AbortSignal;
}

export interface PasbyEventsOptions extends PasbyCallOptions {
  /** No event for this long (pasby sends one at least every 2 s) ends the stream with an error. @default 10000 */
  idleTimeoutMs?: number;
}

export interface PasbyClient {
  readonly identification: {
    /** `POST /api/v2/identification/same-device` → the link to open on this device. */
    sameDevice(body: PasbyIdentificationBody, options?: PasbyCallOptions): Promise<{ link: string; request: PasbyIdentificationModel }>;
    /** `POST /api/v2/identification/wildcard` → `seeds` (1–10) to show as QR codes. */
    wildcard(body: PasbyIdentificationBody & { seeds: number }, options?: PasbyCallOptions): Promise<{ request: PasbyIdentificationModel; seeds: string[] }>;
    /** `POST /api/v2/identification/different-device` to a NIN; `code: 'NOT_ON_PASBY'` when it has no pasby ID. */
    differentDevice(body: PasbyIdentificationBody & { user: string }, options?: PasbyCallOptions): Promise<{ request: PasbyIdentificationModel }>;
  };
  readonly flows: {
    /** `POST /api/v2/flow/ping`: the flow; `code: 'EXPIRED'` (410) after its `exp`. */
    ping(request: string, options?: PasbyCallOptions): Promise<PasbyFlow>;
    /** `POST /api/v2/flow/cancel`: voids the flow, even in session; answers its model. */
    cancel(request: string, options?: PasbyCallOptions): Promise<PasbyIdentificationModel>;
    /**
     * `GET /api/v2/flow/sse`: resolves once the stream is open (errors before that are
     * `PasbyApiError`s, like ping's), then yields each event until a final state. No retries
     * and no reconnect: on a drop, ping (the proxy does). `close()` ends it.
     */
    events(request: string, options?: PasbyEventsOptions): Promise<FlowEventStream>;
  };
  /** v1, for legacy apps: the access token is fetched on first use and renewed before it expires. */
  readonly v1: {
    /** `GET /api/v1/flow/authorize`: a fresh access token (valid 10 minutes). */
    authorize(options?: PasbyCallOptions): Promise<string>;
    ping(request: string, options?: PasbyCallOptions): Promise<PasbyFlow>;
    cancel(request: string, options?: PasbyCallOptions): Promise<PasbyIdentificationModel>;
    /** `POST /api/v1/flow/polling`: answers when the flow changes, or after pasby's hold (25 s). */
    polling(request: string, options?: PasbyCallOptions): Promise<PasbyFlow>;
  };
}

type RetryPolicy = 'all' | 'rate-limit-only';
type Auth = 'secret' | 'token';

interface Call<T> {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  data: v.GenericSchema<unknown, T>;
  retry: RetryPolicy;
  auth: Auth;
  timeoutMs?: number;
  signal: AbortSignal | undefined;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> => clockSleep(ms, defaultClock, signal);

function refuse(message: string): PasbyApiError {
  return new PasbyApiError('configuration', message, { code: 'INVALID_REQUEST' });
}

/** Checks what this client sends, so a mistake is a clear error and never reaches pasby. */
function checkIdentification(body: PasbyIdentificationBody & { seeds?: number; user?: string }, mode: string): void {
  if (!PASBY_ACTIONS.includes(body.action)) throw refuse(`${mode}: action must be one of ${PASBY_ACTIONS.join(', ')}.`);
  if (!Array.isArray(body.claims) || body.claims.length === 0 || body.claims.some((c) => !PASBY_CLAIM_KEYS.includes(c))) {
    throw refuse(`${mode}: claims must be a non-empty list of ${PASBY_CLAIM_KEYS.join(', ')}.`);
  }
  if (typeof body.payload !== 'string' || body.payload.trim() === '' || body.payload.length > 200) {
    throw refuse(`${mode}: payload must be 1–200 characters.`);
  }
  if (body.seeds !== undefined && !(Number.isInteger(body.seeds) && body.seeds >= 1 && body.seeds <= 10)) {
    throw refuse(`${mode}: seeds must be a whole number from 1 to 10.`);
  }
  if (body.user !== undefined && !/^\d{11}$/.test(body.user)) throw refuse(`${mode}: user must be a NIN of exactly 11 digits.`);
}

function checkRequestId(request: string): void {
  if (typeof request !== 'string' || request === '' || request.length > 128) throw refuse('A flow id (req_…) is required.');
}

/** Creates the server-side pasby client. */
export function createPasbyClient(options: PasbyClientOptions): PasbyClient {
  const { apiKey, secret } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new PassidConfigError('createPasbyClient needs an apiKey (e.g. from PASBY_API_KEY).');
  if (typeof secret !== 'string' || secret.trim() === '') throw new PassidConfigError('createPasbyClient needs a secret (e.g. from PASBY_SECRET).');
  const baseUrl = options.baseUrl ?? PASBY_LIVE_URL;
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new PassidConfigError(`maxRetries must be a whole number ≥ 0 (got ${String(maxRetries)}).`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pollTimeoutMs = options.pollTimeoutMs ?? 35_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const clean = (text: string) => scrub(scrub(text, apiKey), secret);
  let token: { value: string; renewAt: number } | undefined;

  /** Turns a non-2xx answer into a `PasbyApiError` with pasby's reason. */
  function failure(label: string, response: Response, json: unknown): PasbyApiError {
    const envelope = v.safeParse(FailedEnvelopeSchema, json);
    const reason = envelope.success ? clean(envelope.output.reason) : undefined;
    return new PasbyApiError('http', `pasby ${label} failed with ${response.status}: ${reason ?? `HTTP ${response.status}`}`, {
      status: response.status,
      code: pasbyCode(response.status, reason),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      ...(reason === undefined ? {} : { reason }),
    });
  }

  function networkError(label: string, error: unknown, signal: AbortSignal | undefined): PasbyApiError {
    if (signal?.aborted) return new PasbyApiError('aborted', 'The call was aborted.', { cause: error });
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const detail = timedOut ? 'no answer in time' : error instanceof Error ? clean(error.message) : 'unknown error';
    return new PasbyApiError('network', `Network error calling pasby ${label}: ${detail}`, timedOut ? { code: 'TIMEOUT' } : {});
  }

  async function headers(auth: Auth, signal: AbortSignal | undefined): Promise<Record<string, string>> {
    if (auth === 'secret') return { 'x-api-key': apiKey, 'x-access-secret': secret };
    return { 'x-api-key': apiKey, 'x-access-token': await currentToken(signal) };
  }

  async function attempt<T>(call: Call<T>): Promise<T> {
    const label = `${call.method} ${call.path.split('?')[0]}`;
    const doFetch = options.fetch ?? globalThis.fetch;
    const signals = [AbortSignal.timeout(call.timeoutMs ?? timeoutMs), ...(call.signal ? [call.signal] : [])];
    let response: Response;
    let text: string;
    try {
      response = await doFetch(joinUrl(baseUrl, call.path), {
        method: call.method,
        headers: {
          ...(await headers(call.auth, call.signal)),
          Accept: 'application/json',
          ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.any(signals),
      });
      text = await response.text();
    } catch (error) {
      if (error instanceof PasbyApiError) throw error;
      throw networkError(label, error, call.signal);
    }
    const json = parseJson(text);
    if (!response.ok) throw failure(label, response, json);
    const parsed = v.safeParse(successful(call.data), json);
    if (!parsed.success) {
      throw new PasbyApiError('invalid_response', `pasby ${label} answered ${response.status} with a body that does not match its API.`, { status: response.status });
    }
    return parsed.output.data;
  }

  async function request<T>(call: Call<T>): Promise<T> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await attempt(call);
      } catch (error) {
        if (!(error instanceof PasbyApiError) || retry >= maxRetries) throw error;
        // A v1 token pasby no longer takes: fetch a new one once.
        if (call.auth === 'token' && error.status === 401 && retry === 0) {
          token = undefined;
          continue;
        }
        const rateLimited = error.kind === 'http' && error.status === 429;
        if (!rateLimited && !(call.retry === 'all' && isTransientError(error))) throw error;
        const delay = Math.max(error.retryAfterMs ?? 0, Math.min(250 * 2 ** retry, 4000));
        if (delay > maxRetryDelayMs) throw error;
        try {
          await sleep(delay, call.signal);
        } catch (abortReason) {
          throw new PasbyApiError('aborted', 'The call was aborted.', { cause: abortReason });
        }
      }
    }
  }

  async function authorize(signal: AbortSignal | undefined): Promise<string> {
    const { consumer, app } = options;
    if (!consumer || !app) throw new PassidConfigError('pasby v1 needs the consumer and app options (your organisation and app ids).');
    const query = `sub=${encodeURIComponent(consumer)}&app=${encodeURIComponent(app)}`;
    const data = await request({ method: 'GET', path: `/api/v1/flow/authorize?${query}`, data: TokenDataSchema, retry: 'all', auth: 'secret', signal });
    // Tokens live 10 minutes; renew after 9 so a call never carries one about to lapse.
    token = { value: data.token, renewAt: Date.now() + 9 * 60_000 };
    return data.token;
  }

  async function currentToken(signal: AbortSignal | undefined): Promise<string> {
    if (token && Date.now() < token.renewAt) return token.value;
    return authorize(signal);
  }

  const flowCall = (version: 'v1' | 'v2', what: 'ping' | 'cancel' | 'polling', request: string, signal: AbortSignal | undefined) => {
    checkRequestId(request);
    const auth: Auth = version === 'v1' ? 'token' : 'secret';
    return { method: 'POST' as const, path: `/api/${version}/flow/${what}`, body: { request }, retry: 'all' as const, auth, signal };
  };

  async function create<T>(mode: string, body: PasbyIdentificationBody & { seeds?: number; user?: string }, data: v.GenericSchema<unknown, T>, signal?: AbortSignal) {
    checkIdentification(body, mode);
    return request({ method: 'POST', path: `/api/v2/identification/${mode}`, body, data, retry: 'rate-limit-only', auth: 'secret', signal });
  }

  return {
    identification: {
      sameDevice: (body, opts = {}) => create('same-device', { action: body.action, claims: body.claims, payload: body.payload }, SameDeviceDataSchema, opts.signal),
      wildcard: (body, opts = {}) =>
        create('wildcard', { action: body.action, claims: body.claims, payload: body.payload, seeds: body.seeds }, WildcardDataSchema, opts.signal),
      differentDevice: (body, opts = {}) =>
        create('different-device', { user: body.user, action: body.action, claims: body.claims, payload: body.payload }, DifferentDeviceDataSchema, opts.signal),
    },
    flows: {
      ping: async (id, opts = {}) => (await request({ ...flowCall('v2', 'ping', id, opts.signal), data: FlowDataSchema })).request,
      cancel: async (id, opts = {}) => (await request({ ...flowCall('v2', 'cancel', id, opts.signal), data: CancelDataSchema })).model,
      async events(id, opts = {}) {
        checkRequestId(id);
        return openFlowEvents({
          url: joinUrl(baseUrl, `/api/v2/flow/sse?request=${encodeURIComponent(id)}`),
          headers: { 'x-api-key': apiKey, 'x-access-secret': secret, Accept: 'text/event-stream' },
          fetch: options.fetch ?? globalThis.fetch,
          timeoutMs,
          idleTimeoutMs: opts.idleTimeoutMs ?? 10_000,
          signal: opts.signal,
          failure: (response, json) => failure('GET /api/v2/flow/sse', response, json),
          networkError: (error) => networkError('GET /api/v2/flow/sse', error, opts.signal),
        });
      },
    },
    v1: {
      authorize: (opts = {}) => authorize(opts.signal),
      ping: async (id, opts = {}) => (await request({ ...flowCall('v1', 'ping', id, opts.signal), data: FlowDataSchema })).request,
      cancel: async (id, opts = {}) => (await request({ ...flowCall('v1', 'cancel', id, opts.signal), data: CancelDataSchema })).model,
      polling: async (id, opts = {}) =>
        (await request({ ...flowCall('v1', 'polling', id, opts.signal), data: FlowDataSchema, timeoutMs: pollTimeoutMs })).request,
    },
  };
}
