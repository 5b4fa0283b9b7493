import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_BASE_URL, isPassidError } from '@passid/core';
import { createPassidClient, type PassidClientOptions } from './client.js';
import { PassidApiError, PassidConfigError } from './errors.js';

const KEY = 'sk_live_supersecretvalue123';
const VERIFIED = {
  verified: true,
  token: 'KE8V-3TXY-Z72L',
  claims: { tier: 'A', fsi_score: 812 },
  proofType: 'share_token',
  verifiedAt: '2026-11-23T14:00:00.000Z',
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function setup(responses: Array<Response | Error>, options: Partial<PassidClientOptions> = {}) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchStub = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  });
  const sleeps: number[] = [];
  const client = createPassidClient({
    apiKey: KEY,
    baseUrl: 'https://bridge.test/',
    fetch: fetchStub as unknown as typeof fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5, // no jitter: the waits are exact
    ...options,
  });
  const header = (i: number, name: string) => new Headers(calls[i]?.init.headers).get(name);
  return { client, calls, sleeps, header };
}

async function caught(promise: Promise<unknown>): Promise<PassidApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PassidApiError) return error;
    throw error;
  }
  throw new Error('expected a PassidApiError');
}

describe('createPassidClient', () => {
  it('refuses a missing key or a bad maxRetries', () => {
    expect(() => createPassidClient({ apiKey: '' })).toThrow(PassidConfigError);
    expect(() => createPassidClient({ apiKey: KEY, maxRetries: -1 })).toThrow(PassidConfigError);
  });

  it('sends the key, a fresh Idempotency-Key per verify, and reports replays', async () => {
    const { client, calls, header } = setup([json(200, VERIFIED), json(200, VERIFIED, { 'Idempotent-Replayed': 'true' })]);
    const first = await client.verify(' KE8V-3TXY-Z72L ');
    const second = await client.verify('KE8V-3TXY-Z72L');
    expect(calls[0]?.url).toBe('https://bridge.test/api/bridge/verify');
    expect(header(0, 'X-Institution-Key')).toBe(KEY);
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ token: 'KE8V-3TXY-Z72L' });
    expect(header(0, 'Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(header(1, 'Idempotency-Key')).not.toBe(header(0, 'Idempotency-Key'));
    expect(first).toMatchObject({ verified: true, replayed: false, idempotencyKey: header(0, 'Idempotency-Key') });
    expect(second.replayed).toBe(true);
  });

  it("uses the caller's Idempotency-Key", async () => {
    const { client, header } = setup([json(200, VERIFIED)]);
    await client.verify('KE8V-3TXY-Z72L', { idempotencyKey: 'order-42' });
    expect(header(0, 'Idempotency-Key')).toBe('order-42');
  });

  it('retries a verify after a network failure and a 503 with the same Idempotency-Key', async () => {
    const { client, calls, header, sleeps } = setup([new TypeError('fetch failed'), json(503, {}), json(200, VERIFIED)]);
    const result = await client.verify('KE8V-3TXY-Z72L');
    expect(calls).toHaveLength(3);
    expect(new Set([0, 1, 2].map((i) => header(i, 'Idempotency-Key'))).size).toBe(1);
    expect(result.verified).toBe(true);
    expect(sleeps).toEqual([250, 500]);
  });

  it("waits by the kit's one retry rule: doubling from 250 ms, capped at 10 s, ± 20 % jitter", async () => {
    const failures = () => Array.from({ length: 7 }, () => json(503, {}));
    const exact = setup([...failures(), json(200, VERIFIED)], { maxRetries: 7 });
    await exact.client.verify('KE8V-3TXY-Z72L');
    expect(exact.sleeps).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000]);
    const low = setup([...failures(), json(200, VERIFIED)], { maxRetries: 7, random: () => 0 });
    await low.client.verify('KE8V-3TXY-Z72L');
    expect(low.sleeps).toEqual([200, 400, 800, 1600, 3200, 6400, 8000]);
  });

  it('retries a verify answered 409 CONFLICT (its own earlier attempt still in progress) with backoff and the same key', async () => {
    const inFlight = () => json(409, { error: { code: 'CONFLICT', message: 'A request with this Idempotency-Key is still being processed.' } });
    const { client, calls, header, sleeps } = setup([inFlight(), inFlight(), json(200, VERIFIED)], { maxRetries: 3 });
    const result = await client.verify('KE8V-3TXY-Z72L', { idempotencyKey: 'job-42' });
    expect(result).toMatchObject({ verified: true, idempotencyKey: 'job-42' });
    expect(calls.map((_, i) => header(i, 'Idempotency-Key'))).toEqual(['job-42', 'job-42', 'job-42']);
    expect(sleeps).toEqual([250, 500]);
    // Only verify does: other calls and other 409 codes are not retried.
    const other = setup([json(409, { error: { code: 'CONFLICT', message: 'An outcome was already reported.' } })]);
    expect((await caught(other.client.reportOutcome({ token: 'KE8V-3TXY-Z72L', outcome: 'repaid' }))).status).toBe(409);
    expect(other.calls).toHaveLength(1);
    const used = setup([json(409, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'different body' } })]);
    expect((await caught(used.client.verify('KE8V-3TXY-Z72L'))).status).toBe(409);
    expect(used.calls).toHaveLength(1);
  });

  it('honours Retry-After on 429 and gives up after maxRetries', async () => {
    const limited = () => json(429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }, { 'Retry-After': '3' });
    const { client, calls, sleeps } = setup([limited(), limited(), limited()]);
    const error = await caught(client.getCohorts());
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([3000, 3000]);
    expect(error).toMatchObject({ kind: 'http', status: 429, code: 'RATE_LIMITED', retryAfterMs: 3000, retryAfter: 3 });
    expect(isPassidError(error)).toBe(true);
  });

  it("reads Retry-After with the core's rule (fractional seconds too) and uses the core's base URL", async () => {
    const { client, sleeps, calls } = setup([json(429, {}, { 'Retry-After': '1.5' }), json(200, { cohorts: [] })], { baseUrl: undefined });
    await client.getCohorts().catch(() => undefined);
    expect(sleeps).toEqual([1500]);
    expect(calls[0]?.url).toBe(`${DEFAULT_BASE_URL}/api/bridge/cohorts`);
  });

  it('does not retry when Retry-After is longer than maxRetryDelayMs', async () => {
    const { client, calls } = setup([json(429, {}, { 'Retry-After': '120' })]);
    expect((await caught(client.getCohorts())).status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  it('does not retry a 4xx, nor a createRequest after a 5xx (it may have been created)', async () => {
    const { client, calls } = setup([json(404, { error: { code: 'NOT_FOUND', message: 'Unknown request.' } }), json(500, {})]);
    expect((await caught(client.getRequest('req_x'))).code).toBe('NOT_FOUND');
    expect((await caught(client.createRequest())).status).toBe(500);
    expect(calls).toHaveLength(2);
  });

  it('rejects a 2xx body that breaks the contract', async () => {
    const { client } = setup([json(200, { verified: 'yes' }), new Response('<html>', { status: 200 })]);
    expect((await caught(client.verify('KE8V-3TXY-Z72L', { idempotencyKey: 'k' }))).kind).toBe('invalid_response');
    expect((await caught(client.getCohorts())).kind).toBe('invalid_response');
  });

  it('refuses bad arguments before sending anything', async () => {
    const { client, calls } = setup([]);
    expect((await caught(client.verify(''))).code).toBe('INVALID_REQUEST');
    expect((await caught(client.reportOutcome({ token: 't', outcome: 'other' }))).code).toBe('INVALID_REQUEST');
    expect((await caught(client.reportOutcome({ token: 't', outcome: 'repaid', amount: Number.POSITIVE_INFINITY }))).code).toBe('INVALID_REQUEST');
    expect((await caught(client.createRequest({ ttlSeconds: 5 }))).kind).toBe('configuration');
    expect(calls).toHaveLength(0);
  });

  it('never puts the key in an error message or its JSON, even if the server echoes it', async () => {
    const echo = json(401, { error: { code: 'UNAUTHORIZED', message: `Unknown key ${KEY}` } });
    const { client } = setup([echo, new TypeError(`connect failed for ${KEY}`)], { maxRetries: 0 });
    for (const error of [await caught(client.getCohorts()), await caught(client.getCohorts())]) {
      expect(error.message).not.toContain(KEY);
      expect(JSON.stringify(error)).not.toContain(KEY);
      expect(String(error.stack)).not.toContain(KEY);
    }
  });

  it('stops waiting between retries when aborted', async () => {
    const controller = new AbortController();
    const { client } = setup([json(503, {}), json(200, VERIFIED)], {
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    expect((await caught(client.verify('KE8V-3TXY-Z72L', { signal: controller.signal }))).kind).toBe('aborted');
  });
});
