/**
 * A typed PASSID bridge client for the institution's backend. Holds the key server-side,
 * validates every response with the wire schemas, and makes retries safe: `verify` sends an
 * `Idempotency-Key` and reuses it on its automatic retries.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import {
  CohortsResponseSchema,
  CreateRequestBodySchema,
  CreateRequestResponseSchema,
  ErrorEnvelopeSchema,
  OutcomeBodySchema,
  OutcomeResponseSchema,
  RequestStatusResponseSchema,
  VerifyBodySchema,
  VerifyResponseSchema,
  type CohortsResponse,
  type CreateRequestBody,
  type CreateRequestResponse,
  type OutcomeBody,
  type OutcomeResponse,
  type RequestStatusResponse,
  type VerifyResponse,
} from '@passid/core/wire';
import { backoffDelay, defaultClock, isTransientError, parseRetryAfter, sleep as clockSleep } from '@passid/core';
import { PassidApiError, PassidConfigError } from './errors.js';
import { DEFAULT_BASE_URL, INSTITUTION_KEY_HEADER, joinUrl, parseJson, scrub } from './http.js';

/** First wait of the retry rule on the server (a backend retries sooner than a poll). */
const RETRY_BASE_MS = 250;

export interface PassidClientOptions {
  /** Institution API key (`sk_live_…` or `sk_sandbox_…`), from an environment variable. */
  apiKey: string;
  /** PASSID backend base URL. @default 'https://api.passid.io' */
  baseUrl?: string;
  /** `fetch` to use. @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /**
   * Automatic retries after a network failure, a 5xx or a 429 (honouring `Retry-After`).
   * `verify` and `reportOutcome` retry with the same `Idempotency-Key`; `createRequest`
   * retries only 429 (nothing was created). @default 2
   */
  maxRetries?: number;
  /** Time limit of one attempt, in ms (a timeout counts as a network failure). @default 10000 */
  timeoutMs?: number;
  /** Longest wait between retries, in ms; a longer `Retry-After` ends the retries. @default 30000 */
  maxRetryDelayMs?: number;
  /** Makes Idempotency-Keys. @default crypto.randomUUID */
  createIdempotencyKey?: () => string;
  /** Waits between retries (tests inject a fake). @default setTimeout-based sleep */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1): the ±20 % jitter of the retry rule (tests pin it). @default Math.random */
  random?: () => number;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call, including waits between retries. */
  signal?: AbortSignal;
}

export interface VerifyOptions extends CallOptions {
  /**
   * Idempotency-Key for this verification. Pass the same key when you retry the same
   * submission yourself (e.g. a job retried by your queue). @default a fresh crypto.randomUUID()
   */
  idempotencyKey?: string;
}

export interface OutcomeOptions extends CallOptions {
  /**
   * Idempotency-Key for this report, reused on the automatic retries (so a retry after a lost
   * answer is replayed instead of answering 409). Pass your own to make your queue's retries
   * safe too. @default a fresh crypto.randomUUID()
   */
  idempotencyKey?: string;
}

/** `POST /api/bridge/verify`'s answer, plus the key that was sent and whether PASSID replayed it. */
export type VerifyResult = VerifyResponse & {
  /** The Idempotency-Key sent on every attempt of this call. */
  idempotencyKey: string;
  /** `true` when PASSID answered with `Idempotent-Replayed: true` (an earlier attempt counted). */
  replayed: boolean;
};

export interface PassidClient {
  /** `POST /api/bridge/request`: a QR session. */
  createRequest(body?: CreateRequestBody, options?: CallOptions): Promise<CreateRequestResponse>;
  /** `GET /api/bridge/request/:requestId`: status, and claims once completed. */
  getRequest(requestId: string, options?: CallOptions): Promise<RequestStatusResponse>;
  /** `POST /api/bridge/verify` with an Idempotency-Key. Denials resolve (`verified: false`). */
  verify(token: string, options?: VerifyOptions): Promise<VerifyResult>;
  /**
   * `POST /api/bridge/outcome` with an Idempotency-Key (one per call, reused on retries). A
   * second report for one token (another key) → `PassidApiError` 409 `CONFLICT`.
   */
  reportOutcome(body: OutcomeBody, options?: OutcomeOptions): Promise<OutcomeResponse>;
  /** `GET /api/bridge/cohorts`: calibration by tier. */
  getCohorts(options?: CallOptions): Promise<CohortsResponse>;
}

/**
 * `all`: network failures, 5xx and 429. `idempotent`: those, and 409 `CONFLICT` (an earlier
 * attempt with the same Idempotency-Key is still being processed). `rate-limit-only`: 429.
 */
type RetryPolicy = 'all' | 'idempotent' | 'rate-limit-only';

interface Call<T> {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  schema: v.GenericSchema<unknown, T>;
  retry: RetryPolicy;
  headers?: Record<string, string>;
  signal: AbortSignal | undefined;
}

/** The core's abortable sleep on the real clock. */
const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> => clockSleep(ms, defaultClock, signal);

function checkInput<T>(schema: v.GenericSchema<unknown, T>, input: unknown, what: string): void {
  const result = v.safeParse(schema, input);
  if (result.success) return;
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  const detail = `${path ? ` (field "${path}")` : ''}: ${issue?.message ?? 'invalid'}`;
  throw new PassidApiError('configuration', `Invalid ${what}${detail}`, { code: 'INVALID_REQUEST' });
}

/** Creates the server-side PASSID client. */
export function createPassidClient(options: PassidClientOptions): PassidClient {
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new PassidConfigError('createPassidClient needs an apiKey (read it from an environment variable, e.g. PASSID_API_KEY).');
  }
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new PassidConfigError(`maxRetries must be a whole number ≥ 0 (got ${String(maxRetries)}).`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  const createKey = options.createIdempotencyKey ?? randomUUID;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  function checkedKey(given: string | undefined): string {
    const key = given ?? createKey();
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw new PassidApiError('configuration', 'idempotencyKey must be 1–255 characters.', { code: 'INVALID_REQUEST' });
    }
    return key;
  }

  async function attempt<T>(call: Call<T>): Promise<{ value: T; response: Response }> {
    const doFetch = options.fetch ?? globalThis.fetch;
    const signals = [AbortSignal.timeout(timeoutMs), ...(call.signal ? [call.signal] : [])];
    let response: Response;
    try {
      response = await doFetch(joinUrl(baseUrl, call.path), {
        method: call.method,
        headers: {
          [INSTITUTION_KEY_HEADER]: apiKey,
          Accept: 'application/json',
          ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...call.headers,
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (call.signal?.aborted) throw new PassidApiError('aborted', 'The call was aborted.', { cause: error });
      const detail = error instanceof Error ? scrub(error.message, apiKey) : 'unknown error';
      throw new PassidApiError('network', `Network error calling ${call.method} ${call.path}: ${detail}`);
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) {
      const envelope = v.safeParse(ErrorEnvelopeSchema, json);
      const code = envelope.success ? envelope.output.error.code : undefined;
      const message = envelope.success ? scrub(envelope.output.error.message, apiKey) : `HTTP ${response.status}`;
      const label = `${call.method} ${call.path} failed with ${response.status}${code ? ` ${code}` : ''}`;
      throw new PassidApiError('http', `${label}: ${message}`, {
        status: response.status,
        code,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      });
    }
    const parsed = v.safeParse(call.schema, json);
    if (!parsed.success) {
      const label = `${call.method} ${call.path} answered ${response.status}`;
      throw new PassidApiError('invalid_response', `${label} with a body that does not match the API contract.`, {
        status: response.status,
      });
    }
    return { value: parsed.output, response };
  }

  function retryDelay(error: PassidApiError, retry: number, policy: RetryPolicy): number | null {
    const rateLimited = error.kind === 'http' && error.status === 429;
    const inFlight = policy === 'idempotent' && error.kind === 'http' && error.status === 409 && error.code === 'CONFLICT';
    if (!rateLimited && !inFlight && !(policy !== 'rate-limit-only' && isTransientError(error))) return null;
    // The kit's one retry rule (the browser's too): 250 ms doubling, capped at 10 s, ± 20 %.
    const backoff = backoffDelay(retry + 1, { baseMs: RETRY_BASE_MS, random });
    const delay = Math.max(error.retryAfterMs ?? 0, backoff);
    return delay > maxRetryDelayMs ? null : delay;
  }

  async function request<T>(call: Call<T>): Promise<{ value: T; response: Response }> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await attempt(call);
      } catch (error) {
        if (!(error instanceof PassidApiError) || retry >= maxRetries) throw error;
        const delay = retryDelay(error, retry, call.retry);
        if (delay === null) throw error;
        try {
          await sleep(delay, call.signal);
        } catch (abortReason) {
          throw new PassidApiError('aborted', 'The call was aborted.', { cause: abortReason });
        }
      }
    }
  }

  return {
    async createRequest(body = {}, opts = {}) {
      checkInput(CreateRequestBodySchema, body, 'createRequest body');
      const path = '/api/bridge/request';
      const schema = CreateRequestResponseSchema;
      return (await request({ method: 'POST', path, body, schema, retry: 'rate-limit-only', signal: opts.signal })).value;
    },
    async getRequest(requestId, opts = {}) {
      if (typeof requestId !== 'string' || requestId === '') {
        throw new PassidApiError('configuration', 'getRequest needs a requestId.', { code: 'INVALID_REQUEST' });
      }
      const path = `/api/bridge/request/${encodeURIComponent(requestId)}`;
      return (await request({ method: 'GET', path, schema: RequestStatusResponseSchema, retry: 'all', signal: opts.signal })).value;
    },
    async verify(token, opts = {}) {
      const body = { token: typeof token === 'string' ? token.trim() : token };
      checkInput(VerifyBodySchema, body, 'verify token');
      const idempotencyKey = checkedKey(opts.idempotencyKey);
      const { value, response } = await request({
        method: 'POST',
        path: '/api/bridge/verify',
        body,
        schema: VerifyResponseSchema,
        retry: 'idempotent',
        headers: { 'Idempotency-Key': idempotencyKey },
        signal: opts.signal,
      });
      const replayed = response.headers.get('idempotent-replayed') === 'true';
      return { ...value, idempotencyKey, replayed };
    },
    async reportOutcome(body, opts = {}) {
      checkInput(OutcomeBodySchema, body, 'outcome');
      const headers = { 'Idempotency-Key': checkedKey(opts.idempotencyKey) };
      const path = '/api/bridge/outcome';
      return (await request({ method: 'POST', path, body, schema: OutcomeResponseSchema, retry: 'all', headers, signal: opts.signal })).value;
    },
    async getCohorts(opts = {}) {
      const path = '/api/bridge/cohorts';
      return (await request({ method: 'GET', path, schema: CohortsResponseSchema, retry: 'all', signal: opts.signal })).value;
    },
  };
}
