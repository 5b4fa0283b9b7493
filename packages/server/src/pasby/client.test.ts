/**
 * createPasbyClient: every call against a real sandbox over HTTP, and the retry, timeout and
 * error habits with `fetch` stubbed at the boundary.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';
import { createPasbyClient } from './client.js';
import { decryptPasbyClaims } from './decrypt.js';
import { PasbyApiError } from './errors.js';
import type { PasbyFlowEvent } from './types.js';

const KEY = 'bk-test_sandbox';
const SECRET = 'snb_sandbox';
const body = { action: 'login', claims: ['naming.given', 'naming.family'], payload: 'Sign in to Sandbox Bank' } as const;

let sandbox: RunningSandbox;
let base: string;
let now = Date.now();
let privateKey: string;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:', rateLimit: '0', now: () => now, pasby: { longPollMs: 300, sseIntervalMs: 200 } });
  base = `${sandbox.url}/pasby`;
  const keys = await fetch(`${base}/sandbox/communication-keys`, { headers: { 'x-api-key': KEY, 'x-access-secret': SECRET } });
  privateKey = ((await keys.json()) as { data: { privateKey: string } }).data.privateKey;
});
afterAll(() => sandbox.close());

const client = (extra = {}) => createPasbyClient({ apiKey: KEY, secret: SECRET, baseUrl: base, consumer: 'bcn_sandbox', app: 'app_sandbox', ...extra });
const wallet = (action: string, payload: Record<string, unknown>) =>
  fetch(`${base}/sandbox/wallet/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });

async function rejection(promise: Promise<unknown>): Promise<PasbyApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PasbyApiError);
  return error as PasbyApiError;
}

describe('against the sandbox', () => {
  it('wildcard → scan → ping in session → approve → ping with claims that decrypt', async () => {
    const pasby = client();
    const { request, seeds } = await pasby.identification.wildcard({ ...body, seeds: 3 });
    expect(seeds).toHaveLength(3);
    expect(request.exp! - request.iat!).toBe(360);
    await wallet('scan', { persona: 'amina', seed: seeds[0] });
    expect(await pasby.flows.ping(request.id)).toMatchObject({ reference: request.id, onsession: true, cancelled: false });
    await wallet('approve', { persona: 'amina', request: request.id });
    const flow = await pasby.flows.ping(request.id);
    expect(decryptPasbyClaims(flow.claims!, privateKey)).toEqual({ naming: { given: 'Amina', family: 'Wanjiru' } });
  });

  it('same-device gives the link; different-device takes a NIN; an unknown NIN is NOT_ON_PASBY', async () => {
    const pasby = client();
    const same = await pasby.identification.sameDevice(body);
    expect(same.link).toContain(same.request.id);
    const diff = await pasby.identification.differentDevice({ ...body, user: '23456789012' });
    expect(diff.request.user).toBe('23456789012');
    const error = await rejection(pasby.identification.differentDevice({ ...body, user: '99999999999' }));
    expect(error).toMatchObject({ kind: 'http', status: 404, code: 'NOT_ON_PASBY', reason: 'National does not have a pasby™ digital ID' });
  });

  it('cancel voids a flow; ping of an unknown flow is NOT_FOUND, of an expired one EXPIRED', async () => {
    const pasby = client();
    const { request } = await pasby.identification.sameDevice(body);
    expect((await pasby.flows.cancel(request.id)).id).toBe(request.id);
    expect((await pasby.flows.ping(request.id)).cancelled).toBe(true);
    expect((await rejection(pasby.flows.ping('req_1-ABCD'))).code).toBe('NOT_FOUND');
    const old = await pasby.identification.sameDevice(body);
    now += 360_000;
    const expired = await rejection(pasby.flows.ping(old.request.id));
    expect(expired).toMatchObject({ status: 410, code: 'EXPIRED', reason: 'Request expired' });
  });

  it('events: the flow at once, each change, and the end after approval', async () => {
    const pasby = client();
    const { request, seeds } = await pasby.identification.wildcard({ ...body, seeds: 1 });
    const stream = await pasby.flows.events(request.id);
    const seen: PasbyFlowEvent[] = [];
    for await (const event of stream) {
      seen.push(event);
      if (seen.length === 1) await wallet('scan', { persona: 'chidi', seed: seeds[0] });
      if (event.type === 'flow' && event.flow.onsession) await wallet('approve', { persona: 'chidi', request: request.id });
    }
    const flows = seen.flatMap((e) => (e.type === 'flow' ? [e.flow] : []));
    expect(flows[0]).toMatchObject({ onsession: false });
    expect(flows.some((f) => f.onsession)).toBe(true);
    expect(flows.at(-1)!.signedAt).toEqual(expect.any(Number));
  });

  it('events: an "expired" event ends the stream; opening on an unknown flow is NOT_FOUND', async () => {
    const pasby = client();
    const { request } = await pasby.identification.sameDevice(body);
    const stream = await pasby.flows.events(request.id);
    const first = await stream.next();
    expect(first.value).toMatchObject({ type: 'flow' });
    now += 360_000;
    expect((await stream.next()).value).toEqual({ type: 'expired' });
    expect((await stream.next()).done).toBe(true);
    expect((await rejection(pasby.flows.events('req_1-ABCD'))).code).toBe('NOT_FOUND');
  });

  it('v1: authorizes once, then pings, polls and cancels with the token', async () => {
    const seen: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      seen.push(`${new URL(String(input)).pathname} ${headers.has('x-access-token') ? 'token' : ''}${headers.has('x-access-secret') ? 'secret' : ''}`);
      return fetch(input, init);
    };
    const pasby = client({ fetch: spy });
    const { request } = await pasby.identification.sameDevice(body);
    expect((await pasby.v1.ping(request.id)).reference).toBe(request.id);
    expect((await pasby.v1.polling(request.id)).onsession).toBe(false); // held 300 ms, then answered
    expect((await pasby.v1.cancel(request.id)).id).toBe(request.id);
    expect(seen).toEqual([
      '/pasby/api/v2/identification/same-device secret',
      '/pasby/api/v1/flow/authorize secret',
      '/pasby/api/v1/flow/ping token',
      '/pasby/api/v1/flow/polling token',
      '/pasby/api/v1/flow/cancel token',
    ]);
  });

  it('v1 without consumer and app is a configuration error', async () => {
    const pasby = createPasbyClient({ apiKey: KEY, secret: SECRET, baseUrl: base });
    await expect(pasby.v1.ping('req_1-ABCD')).rejects.toThrow(/needs the consumer and app options/);
  });

  it('a wrong secret is UNAUTHORIZED and the message never holds the key or secret', async () => {
    const error = await rejection(createPasbyClient({ apiKey: KEY, secret: 'snb_wrong', baseUrl: base }).flows.ping('req_1-ABCD'));
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', reason: 'Invalid x-access-secret.' });
    expect(JSON.stringify(error) + error.message).not.toMatch(/bk-test_sandbox|snb_wrong/);
  });
});

describe('arguments are checked before anything is sent', () => {
  const pasby = createPasbyClient({ apiKey: KEY, secret: SECRET, fetch: () => Promise.reject(new Error('must not be called')) });
  it.each([
    ['an unknown action', () => pasby.identification.sameDevice({ ...body, action: 'sign' as never })],
    ['no claims', () => pasby.identification.sameDevice({ ...body, claims: [] })],
    ['an unknown claim', () => pasby.identification.sameDevice({ ...body, claims: ['address.city' as never] })],
    ['a long payload', () => pasby.identification.sameDevice({ ...body, payload: 'x'.repeat(201) })],
    ['11 seeds', () => pasby.identification.wildcard({ ...body, seeds: 11 })],
    ['a short NIN', () => pasby.identification.differentDevice({ ...body, user: '1234' })],
    ['an empty flow id', () => pasby.flows.ping('')],
  ])('refuses %s', async (_what, call) => {
    const error = await rejection(call());
    expect(error).toMatchObject({ kind: 'configuration', code: 'INVALID_REQUEST' });
  });

  it('refuses a missing key or secret at creation', () => {
    expect(() => createPasbyClient({ apiKey: '', secret: SECRET })).toThrow(/needs an apiKey/);
    expect(() => createPasbyClient({ apiKey: KEY, secret: ' ' })).toThrow(/needs a secret/);
  });
});

describe('retries and timeouts (fetch stubbed)', () => {
  const flow = { reference: 'req_1-ABCD', requester: 'bcn', requestee: '', iat: 1, mode: 'identification', cancelled: false, onsession: false };
  const ok = (data: unknown, status = 200) => new Response(JSON.stringify({ status: 'successful', reason: 'ok', data }), { status, headers: { 'content-type': 'application/json' } });
  const failed = (status: number, reason: string, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify({ status: 'failed', reason }), { status, headers: { 'content-type': 'application/json', ...headers } });

  it('retries ping after a 503 and a network failure, with backoff', async () => {
    const answers = [() => failed(503, 'busy'), () => { throw new TypeError('fetch failed'); }, () => ok({ request: flow })];
    const sleep = vi.fn(async (_ms: number, _signal?: AbortSignal) => undefined);
    const pasby = createPasbyClient({ apiKey: KEY, secret: SECRET, fetch: async () => answers.shift()!(), sleep });
    expect((await pasby.flows.ping('req_1-ABCD')).reference).toBe('req_1-ABCD');
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([250, 500]);
  });

  it('never retries a create after a 5xx (it may have been made), but does after a 429, honouring Retry-After', async () => {
    const calls = vi.fn(async () => failed(500, 'oops'));
    const pasby = createPasbyClient({ apiKey: KEY, secret: SECRET, fetch: calls, sleep: async () => undefined });
    expect((await rejection(pasby.identification.sameDevice(body))).status).toBe(500);
    expect(calls).toHaveBeenCalledTimes(1);

    const model = { id: 'req_1-ABCD', iat: 1, exp: 361 };
    const answers = [failed(429, 'slow down', { 'retry-after': '3' }), ok({ link: 'https://open.pasby.africa/app/?id=req_1-ABCD', request: model }, 201)];
    const sleep = vi.fn(async (_ms: number, _signal?: AbortSignal) => undefined);
    const again = createPasbyClient({ apiKey: KEY, secret: SECRET, fetch: async () => answers.shift()!, sleep });
    expect((await again.identification.sameDevice(body)).request.id).toBe('req_1-ABCD');
    expect(sleep).toHaveBeenCalledWith(3000, undefined);
  });

  it('a 429 whose Retry-After is past maxRetryDelayMs ends the retries, carrying it', async () => {
    const pasby = createPasbyClient({ apiKey: KEY, secret: SECRET, maxRetryDelayMs: 1000, fetch: async () => failed(429, 'later', { 'retry-after': '60' }) });
    expect(await rejection(pasby.flows.ping('req_1-ABCD'))).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 60 });
  });

  it('a call without an answer in time is a network error with code TIMEOUT', async () => {
    const hang: typeof fetch = (_input, init) => new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    const pasby = createPasbyClient({ apiKey: KEY, secret: SECRET, timeoutMs: 50, maxRetries: 0, fetch: hang });
    expect(await rejection(pasby.flows.ping('req_1-ABCD'))).toMatchObject({ kind: 'network', code: 'TIMEOUT' });
  });

  it('a 2xx that breaks the contract is invalid_response; an abort is aborted', async () => {
    const pasby = createPasbyClient({ apiKey: KEY, secret: SECRET, fetch: async () => ok({ request: { reference: 'x' } }) });
    expect((await rejection(pasby.flows.ping('req_1-ABCD'))).kind).toBe('invalid_response');
    const controller = new AbortController();
    controller.abort();
    const aborted = createPasbyClient({ apiKey: KEY, secret: SECRET, fetch: (_i, init) => Promise.reject(init!.signal!.reason) });
    expect((await rejection(aborted.flows.ping('req_1-ABCD', { signal: controller.signal }))).kind).toBe('aborted');
  });

  it('sends the key and secret as pasby wants them, and scrubs both from an echoed reason', async () => {
    let sent: Headers | undefined;
    const pasby = createPasbyClient({
      apiKey: KEY, secret: SECRET, maxRetries: 0,
      fetch: async (_input, init) => {
        sent = new Headers(init?.headers);
        return failed(400, `bad key ${KEY} and secret ${SECRET}`);
      },
    });
    const error = await rejection(pasby.flows.ping('req_1-ABCD'));
    expect(sent!.get('x-api-key')).toBe(KEY);
    expect(sent!.get('x-access-secret')).toBe(SECRET);
    expect(error.message + JSON.stringify(error)).not.toMatch(/bk-test_sandbox|snb_sandbox/);
  });
});
