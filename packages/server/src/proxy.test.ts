import { describe, expect, it, vi } from 'vitest';
import { createPassidProxy, type PassidProxyOptions } from './proxy.js';
import { PassidConfigError } from './errors.js';
import { CREATED, stubbedProxy } from './test/fixtures.js';

const KEY = 'sk_live_proxysecret456';
const HANDLE = /^req_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22,}$/;

function setup(options: Partial<PassidProxyOptions> = {}, upstream?: () => Response) {
  const calls: Request[] = [];
  const fetchStub = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push(new Request(url, init));
    return upstream
      ? upstream()
      : new Response(JSON.stringify(CREATED), {
          status: 201,
          headers: {
            'Content-Type': 'application/json',
            'X-PASSID-API-Version': '1',
            'Set-Cookie': 'upstream=1',
            Connection: 'keep-alive',
            'Keep-Alive': 'timeout=5',
            'X-Powered-By': 'bridge',
          },
        });
  });
  const proxy = createPassidProxy({
    apiKey: KEY,
    baseUrl: 'https://bridge.test',
    fetch: fetchStub as unknown as typeof fetch,
    ...options,
  });
  return { proxy, calls };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`https://bank.test${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A JSON POST to /verify whose body is `body`, streamed (no Content-Length). */
const streamedVerify = (body: ReadableStream<Uint8Array>) =>
  new Request('https://bank.test/api/passid/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });

async function envelope(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('createPassidProxy', () => {
  it('refuses bad options', () => {
    expect(() => createPassidProxy({ apiKey: '' })).toThrow(PassidConfigError);
    expect(() => createPassidProxy({ apiKey: KEY, permissions: [] })).toThrow(PassidConfigError);
    expect(() => createPassidProxy({ apiKey: KEY, permissions: ['nope' as 'fraud_risk'] })).toThrow(PassidConfigError);
    expect(() => createPassidProxy({ apiKey: KEY, ttlSeconds: 10 })).toThrow(PassidConfigError);
    expect(() => createPassidProxy({ apiKey: KEY, prefix: 'api' })).toThrow(PassidConfigError);
  });

  it('refuses a handleSecret under 32 bytes (an empty one too) when it is created', () => {
    for (const handleSecret of ['', 'a', 'x'.repeat(31), 'é'.repeat(15)]) {
      expect(() => createPassidProxy({ apiKey: KEY, handleSecret }), JSON.stringify(handleSecret)).toThrow(PassidConfigError);
    }
    expect(() => createPassidProxy({ apiKey: KEY, handleSecret: 'x'.repeat(32) })).not.toThrow();
    expect(() => createPassidProxy({ apiKey: KEY, handleSecret: 'é'.repeat(16) })).not.toThrow(); // 32 bytes of UTF-8
  });

  it('answers every failure inside the handler as a 500 envelope, never a rejected promise', async () => {
    let broken = false;
    const clientIp = () => {
      if (broken) throw new Error('the address lookup is broken');
      return '203.0.113.1';
    };
    const { proxy } = setup({ rateLimit: { clientIp } });
    const { requestId: handle } = (await (await proxy(post('/api/passid/request', {}))).json()) as { requestId: string };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    broken = true;
    try {
      for (const path of [`/request/${handle}`, `/request/${handle}/events`]) {
        const response = await proxy(new Request(`https://bank.test/api/passid${path}`));
        expect(response.status).toBe(500);
        expect((await envelope(response)).code).toBe('INTERNAL');
      }
      const created = await proxy(post('/api/passid/request', {}));
      expect(created.status).toBe(500);
      expect(String(warn.mock.calls[0]?.[0])).toContain('the address lookup is broken');
    } finally {
      warn.mockRestore();
    }
  });

  it('forwards POST /request with the key, the allowed permissions and the institution name', async () => {
    const { proxy, calls } = setup({ permissions: ['full_score', 'fraud_risk'], institutionName: 'Demo Bank', ttlSeconds: 300 });
    const response = await proxy(post('/api/passid/request', { institutionName: 'Evil' }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ...CREATED, requestId: expect.stringMatching(HANDLE) });
    expect(calls[0]?.url).toBe('https://bridge.test/api/bridge/request');
    expect(calls[0]?.headers.get('x-institution-key')).toBe(KEY);
    expect(await calls[0]?.json()).toEqual({
      permissions: ['full_score', 'fraud_risk'],
      institutionName: 'Demo Bank',
      ttlSeconds: 300,
    });
  });

  it('passes through the relevant headers and drops hop-by-hop ones and set-cookie', async () => {
    const { proxy } = setup();
    const response = await proxy(post('/api/passid/request', {}));
    expect(response.headers.get('x-passid-api-version')).toBe('1');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    for (const name of ['set-cookie', 'connection', 'keep-alive', 'x-powered-by']) {
      expect(response.headers.get(name)).toBeNull();
    }
  });

  it('refuses permissions outside the allowed set with 400 and no upstream call', async () => {
    const { proxy, calls } = setup({ permissions: ['full_score'] });
    const response = await proxy(post('/api/passid/request', { permissions: ['full_score', 'income_verified'] }));
    expect(response.status).toBe(400);
    const error = await envelope(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('income_verified');
    expect(calls).toHaveLength(0);
  });

  it('validates bodies with the wire schemas before forwarding', async () => {
    const { proxy, calls } = setup({ ttlSeconds: 300 });
    for (const body of ['{not json', { permissions: ['bogus'] }, { ttlSeconds: 5 }, { ttlSeconds: 600 }, { extra: 1 }]) {
      const response = await proxy(post('/api/passid/request', body));
      expect(response.status).toBe(400);
      expect((await envelope(response)).code).toBe('INVALID_REQUEST');
    }
    expect((await proxy(post('/api/passid/verify', { token: '' }))).status).toBe(400);
    expect((await proxy(post('/api/passid/verify', { token: 'x'.repeat(20_000) }))).status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('refuses a chunked body over the limit with 413 and cancels the stream instead of reading it all', async () => {
    const { proxy, calls } = setup({ maxBodyBytes: 1000 });
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 1_000_000) return controller.close();
        pulled += 400;
        controller.enqueue(new Uint8Array(400).fill(32));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = streamedVerify(body);
    expect(request.headers.get('content-length')).toBeNull();
    const response = await proxy(request);
    expect(response.status).toBe(413);
    expect((await envelope(response)).code).toBe('PAYLOAD_TOO_LARGE');
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(2000);
    expect(calls).toHaveLength(0);
  });

  it("answers a body that breaks off mid-stream with 400 (the client's fault), not 500", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { proxy, calls } = setup();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"tok'));
        controller.error(new Error('aborted'));
      },
    });
    const request = streamedVerify(body);
    const response = await proxy(request);
    expect(response.status).toBe(400);
    expect((await envelope(response)).code).toBe('INVALID_REQUEST');
    expect(warn).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
    warn.mockRestore();
  });

  it('forwards the Idempotency-Key of a verify in its own namespace, or makes one', async () => {
    const { proxy, calls } = setup({}, () => new Response('{}', { status: 200 }));
    await proxy(post('/api/passid/verify', { token: 'KE8V-3TXY-Z72L' }, { 'Idempotency-Key': 'browser-key-1' }));
    await proxy(post('/api/passid/verify', { token: 'KE8V-3TXY-Z72L' }));
    expect(calls[0]?.url).toBe('https://bridge.test/api/bridge/verify');
    await proxy(post('/api/passid/verify', { token: 'KE8V-3TXY-Z72L' }, { 'Idempotency-Key': 'browser-key-1' }));
    await proxy(post('/api/passid/verify', { token: 'KE8V-3TXY-Z72L' }, { 'Idempotency-Key': 'browser-key-2' }));
    // The browser's key in a namespace of its own: stable per browser key, never the key itself.
    const sent = calls.map((call) => call.headers.get('idempotency-key'));
    expect(sent[0]).toMatch(/^pxy_[A-Za-z0-9_-]{43}$/);
    expect(sent[2]).toBe(sent[0]);
    expect(sent[3]).not.toBe(sent[0]);
    expect(sent[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('forwards GET /request/:handle and refuses odd ids without an upstream call', async () => {
    const { proxy, calls } = setup();
    const { requestId: handle } = (await (await proxy(post('/api/passid/request', {}))).json()) as { requestId: string };
    await proxy(new Request(`https://bank.test/api/passid/request/${encodeURIComponent(handle)}?x=1`));
    expect(calls[1]?.url).toBe(`https://bridge.test/api/bridge/request/${CREATED.requestId}`);
    expect(calls[1]?.method).toBe('GET');
    expect((await proxy(new Request('https://bank.test/api/passid/request/..%2Fcohorts'))).status).toBe(404);
    expect(calls).toHaveLength(2);
  });

  describe('request handles', () => {
    const STATUS = {
      requestId: CREATED.requestId,
      code: CREATED.code,
      status: 'completed',
      permissions: ['full_score'],
      createdAt: '2026-11-23T14:00:00.000Z',
      expiresAt: CREATED.expiresAt,
      serverTime: CREATED.serverTime,
      claims: { tier: 'A', fsi_score: 812 },
      token: 'KE8V-3TXY-Z72L',
    };
    const statusUpstream = (url: string) =>
      url.endsWith('/api/bridge/request') ? Response.json(CREATED, { status: 201 }) : Response.json(STATUS);

    function handleSetup(options: Partial<PassidProxyOptions> = {}) {
      const { proxy, calls } = stubbedProxy(KEY, statusUpstream, options);
      const get = (id: string) => proxy(new Request(`https://bank.test/api/passid/request/${encodeURIComponent(id)}`));
      const create = async () => (await (await proxy(post('/api/passid/request', {}))).json()) as typeof CREATED;
      return { proxy, calls, get, create };
    }

    it('gives the browser an opaque handle instead of the request id, leaving deepLink and code alone', async () => {
      const { create } = handleSetup();
      const created = await create();
      expect(created.requestId).toMatch(HANDLE);
      expect(created.requestId.startsWith(`${CREATED.requestId}.`)).toBe(true);
      expect(created.requestId.split('.')[1]!.length).toBeGreaterThanOrEqual(22);
      expect(created.deepLink).toBe(CREATED.deepLink);
      expect(created.code).toBe(CREATED.code);
    });

    it('answers 404 NOT_FOUND for the raw request id from the deep link, without calling PASSID', async () => {
      const { get, calls } = handleSetup();
      const rawId = new URL(CREATED.deepLink.replace('passid://', 'http://')).searchParams.get('r')!;
      const response = await get(rawId);
      expect(response.status).toBe(404);
      expect((await envelope(response)).code).toBe('NOT_FOUND');
      expect(calls).toHaveLength(0);
    });

    it('answers 404 for a tampered handle, a handle for another id, and one made with another secret', async () => {
      const { get, create, calls } = handleSetup();
      const handle = (await create()).requestId;
      const [id, mac] = handle.split('.') as [string, string];
      const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
      const other = (await handleSetup({ handleSecret: 'another-secret-of-at-least-32-bytes' }).create()).requestId;
      for (const bad of [`${id}.${flipped}`, `req_zzzzzzzzzzzzzzzzzzzz.${mac}`, `${id}.${mac}x`, `${id}.`, other]) {
        const response = await get(bad);
        expect(response.status).toBe(404);
        expect((await envelope(response)).code).toBe('NOT_FOUND');
      }
      expect(calls).toHaveLength(1); // only the create
    });

    it('answers a valid handle with the status, the handle as requestId and no share token', async () => {
      const { get, create, calls } = handleSetup();
      const handle = (await create()).requestId;
      const response = await get(handle);
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(calls[1]).toBe(`https://bridge.test/api/bridge/request/${CREATED.requestId}`);
      expect(body).toMatchObject({ requestId: handle, status: 'completed', claims: { tier: 'A' } });
      expect(body).not.toHaveProperty('token');
    });

    it('agrees across instances with the same key (no shared state)', async () => {
      const handle = (await handleSetup().create()).requestId;
      expect((await handleSetup().get(handle)).status).toBe(200);
    });

    it('tells authorize the action and, for a status, the request id', async () => {
      const authorize = vi.fn((_request: Request, _context: unknown) => true);
      const { proxy, get, create } = handleSetup({ authorize });
      const handle = (await create()).requestId;
      await get(handle);
      await get('req_zzzzzzzzzzzzzzzzzzzz');
      await proxy(post('/api/passid/verify', { token: 'KE8V-3TXY-Z72L' }));
      expect(authorize.mock.calls.map((call) => call[1])).toEqual([
        { action: 'create' },
        { action: 'status', requestId: CREATED.requestId },
        { action: 'status' },
        { action: 'verify' },
      ]);
    });
  });

  it('answers 404 outside its three routes and 405 for a wrong method, in the error envelope', async () => {
    const { proxy, calls } = setup();
    for (const path of ['/api/passid/cohorts', '/api/passid/outcome', '/api/passid', '/elsewhere/request', '/api/passidx/request']) {
      const response = await proxy(post(path, {}));
      expect(response.status).toBe(404);
      expect((await envelope(response)).code).toBe('NOT_FOUND');
    }
    const wrong = await proxy(new Request('https://bank.test/api/passid/verify'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await envelope(wrong)).code).toBe('METHOD_NOT_ALLOWED');
    expect((await proxy(post('/api/passid/request/req_abc', {}))).status).toBe(405);
    expect(calls).toHaveLength(0);
  });

  it('answers 401 when authorize refuses or throws, without calling PASSID', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const authorize of [() => false, async () => false, () => { throw new Error('no session'); }]) {
      const { proxy, calls } = setup({ authorize });
      const response = await proxy(post('/api/passid/request', {}));
      expect(response.status).toBe(401);
      expect((await envelope(response)).code).toBe('UNAUTHORIZED');
      expect(calls).toHaveLength(0);
    }
    // A throwing authorize is usually a bug (e.g. an undefined helper): say so in development.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('authorize threw');
    warn.mockRestore();
  });

  it('lets authorize read the request (cookies, even the body) and then forwards', async () => {
    const authorize = vi.fn(async (request: Request) => {
      await request.text();
      return request.headers.get('cookie') === 'session=ok';
    });
    const { proxy, calls } = setup({ authorize });
    const response = await proxy(post('/api/passid/verify', { token: 'KE8V-3TXY-Z72L' }, { Cookie: 'session=ok' }));
    expect(response.status).toBe(201);
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(await calls[0]?.json()).toEqual({ token: 'KE8V-3TXY-Z72L' });
    expect(calls[0]?.headers.get('cookie')).toBeNull();
  });

  it('never echoes the key, even when PASSID does', async () => {
    const { proxy } = setup({}, () =>
      new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: `bad key ${KEY}` } }), {
        status: 401,
        headers: { 'Content-Type': 'application/json', 'Retry-After': KEY },
      }),
    );
    const response = await proxy(post('/api/passid/request', {}));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(KEY);
    expect(text).toContain('UNAUTHORIZED');
    response.headers.forEach((value) => expect(value).not.toContain(KEY));
  });

  it('never echoes the key even JSON-escaped: bodies are parsed, re-serialised, then scrubbed', async () => {
    const escaped = KEY.replace(/_/g, '\\u005f').replace('s', '\\u0073');
    expect(escaped).not.toContain(KEY);
    expect(JSON.parse(`"${escaped}"`)).toBe(KEY);
    const body = `{"error":{"code":"UNAUTHORIZED","message":"bad key ${escaped}"},"verified":false,"token":"${escaped}"}`;
    for (const [status, path] of [[401, '/api/passid/request'], [200, '/api/passid/verify'], [400, '/api/passid/verify']] as const) {
      const { proxy } = setup({}, () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
      const response = await proxy(post(path, path.endsWith('verify') ? { token: 'KE8V-3TXY-Z72L' } : {}));
      const text = await response.text();
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(escaped);
      expect(JSON.stringify(JSON.parse(text))).not.toContain(KEY);
    }
    // The same in the status stream's events.
    const event = `id: 1\nevent: status\ndata: {"requestId":"req_abcdefghijklmnopqrst","status":"pending","note":"${escaped}"}\n\n`;
    const { proxy } = setup({}, () => new Response(event, { headers: { 'Content-Type': 'text/event-stream' } }));
    const { requestId: handle } = (await (await createPassidProxy({ apiKey: KEY, fetch: (async () => Response.json(CREATED, { status: 201 })) as typeof fetch })(post('/api/passid/request', {}))).json()) as { requestId: string };
    const streamed = await (await proxy(new Request(`https://bank.test/api/passid/request/${handle}/events`))).text();
    expect(streamed).toContain('event: status');
    expect(streamed).not.toContain(KEY);
    expect(streamed).not.toContain(escaped);
  });

  describe('cross-site requests', () => {
    const verifyWith = (headers: Record<string, string>, body = '{"token":"KE8V-3TXY-Z72L"}') =>
      new Request('https://bank.test/api/passid/verify', { method: 'POST', headers, body });

    it('refuses a POST that is not application/json with 415, before reading it or calling PASSID', async () => {
      const { proxy, calls } = setup({}, () => Response.json({ verified: true }));
      for (const type of [null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json']) {
        const response = await proxy(verifyWith(type === null ? {} : { 'Content-Type': type }));
        expect(response.status, String(type)).toBe(415);
        expect((await envelope(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      for (const type of ['application/json', 'application/json; charset=UTF-8', 'Application/JSON ;charset=utf-8']) {
        expect((await proxy(verifyWith({ 'Content-Type': type }))).status, type).toBe(200);
      }
      expect(calls).toHaveLength(3);
    });

    it('refuses a foreign Origin and Sec-Fetch-Site: cross-site with 403, on every route', async () => {
      const { proxy, calls } = setup({}, () => Response.json({ verified: true }));
      const json = { 'Content-Type': 'application/json' };
      const handle = 'req_abcdefghijklmnopqrst.AAAAAAAAAAAAAAAAAAAAAA';
      const refused = [
        verifyWith({ ...json, Origin: 'https://evil.example' }),
        verifyWith({ ...json, Origin: 'null' }),
        verifyWith({ ...json, 'Sec-Fetch-Site': 'cross-site' }),
        verifyWith({ ...json, 'Sec-Fetch-Site': 'same-site', Origin: 'https://other.bank.test' }),
        verifyWith({ ...json, Origin: 'https://bank.test.evil.example' }),
        post('/api/passid/request', {}, { Origin: 'https://evil.example' }),
        new Request(`https://bank.test/api/passid/request/${handle}`, { headers: { 'Sec-Fetch-Site': 'cross-site' } }),
        new Request(`https://bank.test/api/passid/request/${handle}/events`, { headers: { Origin: 'https://evil.example' } }),
      ];
      for (const request of refused) {
        const response = await proxy(request);
        expect(response.status, request.url).toBe(403);
        expect((await envelope(response)).code).toBe('FORBIDDEN');
      }
      expect(calls).toHaveLength(0);
    });

    it('lets same-origin requests, server-to-server calls and allowedOrigins through', async () => {
      const { proxy, calls } = setup({ allowedOrigins: ['https://app.partner.example'] }, () => Response.json({ verified: true }));
      const json = { 'Content-Type': 'application/json' };
      const allowed = [
        verifyWith(json), // curl, a server: no Origin, no Sec-Fetch-Site
        verifyWith({ ...json, Origin: 'https://bank.test', 'Sec-Fetch-Site': 'same-origin' }),
        verifyWith({ ...json, Origin: 'http://bank.test' }), // TLS ended by a proxy in front: the host decides
        // Behind a proxy that rewrites Host, the browser's word decides.
        new Request('http://10.0.0.5:3000/api/passid/verify', { method: 'POST', headers: { ...json, Origin: 'https://bank.test', 'Sec-Fetch-Site': 'same-origin' }, body: '{"token":"KE8V-3TXY-Z72L"}' }),
        verifyWith({ ...json, Origin: 'https://app.partner.example', 'Sec-Fetch-Site': 'cross-site' }),
        new Request('https://bank.test/api/passid/verify', { method: 'GET', headers: { 'Sec-Fetch-Site': 'none' } }),
      ];
      const statuses = [];
      for (const request of allowed) statuses.push((await proxy(request)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 405]);
      expect(calls).toHaveLength(5);
    });

    it('refuses allowedOrigins that are not origins', () => {
      for (const allowedOrigins of [['bank.test'], ['https://bank.test/'], ['https://bank.test/path'], ['*']]) {
        expect(() => createPassidProxy({ apiKey: KEY, allowedOrigins }), allowedOrigins[0]).toThrow(PassidConfigError);
      }
    });
  });

  it('answers 502 when PASSID cannot be reached', async () => {
    const proxy = createPassidProxy({
      apiKey: KEY,
      fetch: (async () => {
        throw new TypeError(`fetch failed ${KEY}`);
      }) as typeof fetch,
    });
    const response = await proxy(post('/api/passid/request', {}));
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).toContain('UPSTREAM_UNAVAILABLE');
    expect(text).not.toContain(KEY);
  });
});
