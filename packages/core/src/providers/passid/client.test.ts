import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridgeClient } from './client.js';
import { PassidError } from '../../errors.js';
import { CLAIMS_A, createdBody, fakeFetch, statusBody } from '../../test/bridge.js';

const NOW = Date.parse('2026-11-23T14:00:00Z');

afterEach(() => {
  vi.unstubAllGlobals();
});

async function rejection(promise: Promise<unknown>): Promise<PassidError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PassidError);
    return error as PassidError;
  }
  throw new Error('expected a rejection');
}

describe('createBridgeClient, direct mode', () => {
  it('calls the default base URL with the institution key', async () => {
    const server = fakeFetch(() => ({ status: 201, body: createdBody(NOW) }));
    const client = createBridgeClient({ apiKey: 'sk_sandbox_demo', fetch: server.fetch });
    const created = await client.createRequest({ permissions: ['full_score'], ttlSeconds: 120 });
    expect(created.requestId).toBe('req_test0000000000000001');
    const [call] = server.calls;
    expect(call?.url).toBe('https://api.passid.io/api/bridge/request');
    expect(call?.method).toBe('POST');
    expect(call?.headers['x-institution-key']).toBe('sk_sandbox_demo');
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.body).toEqual({ permissions: ['full_score'], ttlSeconds: 120 });
  });

  it('uses baseUrl (trailing slash ignored) and encodes path segments', async () => {
    const server = fakeFetch(() => ({ body: statusBody('pending', NOW) }));
    const client = createBridgeClient({ baseUrl: 'http://localhost:4000/', apiKey: 'k', fetch: server.fetch });
    await client.getRequest('req/../x?y');
    expect(server.calls[0]?.url).toBe('http://localhost:4000/api/bridge/request/req%2F..%2Fx%3Fy');
  });

  it('sends the Idempotency-Key on verify', async () => {
    const server = fakeFetch(() => ({
      body: { verified: true, token: 'KE8V-3TXY-Z72L', claims: CLAIMS_A, proofType: 'share_token', verifiedAt: new Date(NOW).toISOString() },
    }));
    const client = createBridgeClient({ apiKey: 'k', fetch: server.fetch });
    const result = await client.verifyToken({ token: 'KE8V-3TXY-Z72L', idempotencyKey: 'key-1' });
    expect(result.verified).toBe(true);
    expect(server.calls[0]?.path).toBe('/api/bridge/verify');
    expect(server.calls[0]?.headers['idempotency-key']).toBe('key-1');
    expect(server.calls[0]?.body).toEqual({ token: 'KE8V-3TXY-Z72L' });
  });

  it('looks the global fetch up at call time, not at import or creation', async () => {
    const client = createBridgeClient({ apiKey: 'k' });
    const server = fakeFetch(() => ({ body: statusBody('pending', NOW) }));
    vi.stubGlobal('fetch', server.fetch);
    await client.getRequest('req_1');
    expect(server.calls).toHaveLength(1);
  });
});

describe('createBridgeClient, request timeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    [undefined, 15_000],
    [5000, 5000],
  ])('requestTimeoutMs %s: a request that hangs is aborted after %i ms with a transient network error', async (requestTimeoutMs, ms) => {
    vi.useFakeTimers();
    const server = fakeFetch(() => ({ body: statusBody('pending', NOW), delayMs: 3_600_000 }));
    const client = createBridgeClient({ apiKey: 'k', fetch: server.fetch, ...(requestTimeoutMs && { requestTimeoutMs }) });
    const result = client.getRequest('r').then(
      () => 'resolved',
      (error: PassidError) => error,
    );
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(server.calls[0]?.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = (await result) as PassidError;
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toMatch(/^\[passid\] The request timed out after/);
    expect(server.calls[0]?.signal?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an answer in time clears the timer', async () => {
    vi.useFakeTimers();
    const server = fakeFetch(() => ({ body: statusBody('pending', NOW), delayMs: 100 }));
    const client = createBridgeClient({ apiKey: 'k', fetch: server.fetch });
    const answer = client.getRequest('r');
    await vi.advanceTimersByTimeAsync(100);
    expect((await answer).status).toBe('pending');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('createBridgeClient, proxy mode', () => {
  it('uses {endpoint}/… (relative) and never sends a key', async () => {
    const server = fakeFetch((call) =>
      call.path.endsWith('/verify')
        ? { body: { verified: false, token: 'X', denyReason: 'TOKEN_NOT_FOUND' } }
        : call.method === 'POST'
          ? { status: 201, body: createdBody(NOW) }
          : { body: statusBody('pending', NOW) },
    );
    const client = createBridgeClient({ endpoint: '/api/passid/', apiKey: 'sk_live_secret', fetch: server.fetch });
    await client.createRequest({});
    await client.getRequest('req_1');
    await client.verifyToken({ token: 'KE8V-3TXY-Z72L', idempotencyKey: 'k1' });
    expect(server.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/passid/request',
      'GET /api/passid/request/req_1',
      'POST /api/passid/verify',
    ]);
    for (const call of server.calls) expect(call.headers['x-institution-key']).toBeUndefined();
  });
});

describe('createBridgeClient, errors', () => {
  it('turns an error envelope into an http PassidError with status, code and Retry-After (seconds)', async () => {
    const server = fakeFetch(() => ({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: 'Slow down' } },
      headers: { 'Retry-After': '7' },
    }));
    const client = createBridgeClient({ apiKey: 'sk_sandbox_demo', fetch: server.fetch });
    const error = await rejection(client.getRequest('req_1'));
    expect(error).toMatchObject({ kind: 'http', status: 429, code: 'RATE_LIMITED', retryAfterMs: 7000 });
    expect(error.message).toMatch(/^\[passid\] GET \/request\/req_1 failed with HTTP 429 RATE_LIMITED/);
  });

  it('reads an HTTP-date Retry-After', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    try {
      const server = fakeFetch(() => ({
        status: 503,
        text: 'down',
        headers: { 'Retry-After': new Date(NOW + 4000).toUTCString() },
      }));
      const client = createBridgeClient({ apiKey: 'k', fetch: server.fetch });
      const error = await rejection(client.getRequest('req_1'));
      expect(error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 4000 });
      expect(error.code).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('never puts the key in a message', async () => {
    const server = fakeFetch(() => ({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Unknown key sk_sandbox_nope123' } } }));
    const client = createBridgeClient({ apiKey: 'sk_sandbox_nope123', fetch: server.fetch });
    const error = await rejection(client.createRequest({}));
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('nope123');
  });

  it('maps a failed fetch to network and an abort to aborted', async () => {
    const down = fakeFetch(() => ({ networkError: true }));
    const client = createBridgeClient({ apiKey: 'k', fetch: down.fetch });
    expect((await rejection(client.getRequest('r'))).kind).toBe('network');

    const controller = new AbortController();
    controller.abort();
    const up = fakeFetch(() => ({ body: statusBody('pending', NOW) }));
    const client2 = createBridgeClient({ apiKey: 'k', fetch: up.fetch });
    expect((await rejection(client2.getRequest('r', { signal: controller.signal }))).kind).toBe('aborted');
  });

  it.each([
    ['an HTML page', { text: '<!doctype html><title>Oops</title>' }],
    ['empty body', { text: '' }],
    ['missing fields', { body: { requestId: 'req_1' } }],
    ['wrong types', { body: { ...statusBody('pending', NOW), expiresAt: 12345 } }],
    ['unknown status', { body: statusBody('pending', NOW, { status: 'weird' }) }],
    ['a JSON array', { body: [1, 2, 3] }],
    // Matches the ISO pattern but Date.parse gives NaN: never let it reach a countdown.
    ['a timestamp Date.parse cannot read', { body: { ...statusBody('pending', NOW), expiresAt: '2026-11-23T14:00:00 +00:00' } }],
    ['null', { body: null }],
  ])('a 200 with %s is invalid_response', async (_name, reply) => {
    const server = fakeFetch(() => reply);
    const client = createBridgeClient({ apiKey: 'k', fetch: server.fetch });
    const error = await rejection(client.getRequest('req_1'));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toMatch(/^\[passid\]/);
  });

  it('passes on only what the contract knows: extra fields, extra claims and unchecked claims are dropped', async () => {
    const claims = { ...CLAIMS_A, photo_url: 'https://evil.example/x.png', note: '<img src=x onerror=alert(1)>' };
    const junk = { claims: { fsi_score: '<img src=x>' }, extra: 'top' };
    const at = '2026-11-23T14:00:00.000Z';
    const answers: Record<string, unknown> = {
      'GET /request/req_1': { ...statusBody('completed', NOW, { claims, verifiedAt: at }), extra: 'top' },
      'POST /request': { ...createdBody(NOW), ...junk },
      'POST /verify': { verified: false, token: 'T', denyReason: 'TOKEN_EXPIRED', ...junk },
    };
    const server = fakeFetch((call) => {
      const route = `${call.method} ${call.path.replace('/api/bridge', '')}`;
      return { status: route === 'POST /request' ? 201 : 200, body: answers[route] };
    });
    const client = createBridgeClient({ apiKey: 'k', fetch: server.fetch });
    const status = await client.getRequest('req_1');
    expect(status.claims).toStrictEqual(CLAIMS_A);
    expect(status).not.toHaveProperty('extra');
    expect(await client.createRequest({})).toStrictEqual(createdBody(NOW));
    expect(await client.verifyToken({ token: 'T', idempotencyKey: 'k' })).toStrictEqual({
      verified: false,
      token: 'T',
      denyReason: 'TOKEN_EXPIRED',
    });
  });

  it('a verify answer with an unknown deny reason is invalid_response', async () => {
    const server = fakeFetch(() => ({ body: { verified: false, token: 'X', denyReason: 'NOPE' } }));
    const client = createBridgeClient({ apiKey: 'k', fetch: server.fetch });
    expect((await rejection(client.verifyToken({ token: 'X', idempotencyKey: 'k' }))).kind).toBe('invalid_response');
  });

  it('an HTML 502 page is an http error with its status', async () => {
    const server = fakeFetch(() => ({ status: 502, text: '<html>Bad gateway</html>' }));
    const client = createBridgeClient({ apiKey: 'k', fetch: server.fetch });
    expect(await rejection(client.getRequest('r'))).toMatchObject({ kind: 'http', status: 502 });
  });

  it('a fetch that returns garbage is invalid_response, not a crash', async () => {
    const client = createBridgeClient({ apiKey: 'k', fetch: (async () => undefined) as unknown as typeof fetch });
    expect((await rejection(client.getRequest('r'))).kind).toBe('invalid_response');
  });
});
