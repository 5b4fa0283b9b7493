import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressKey, createMemoryRateLimitStore, trustForwardedFor, type RateLimitStore } from './rate-limit.js';
import type { PassidProxyOptions } from './proxy.js';
import { toNodeHandler } from './node.js';
import { PassidConfigError } from './errors.js';
import { CREATED, stubbedProxy } from './test/fixtures.js';

const KEY = 'sk_live_ratelimit_test_key';

function setup(options: Partial<PassidProxyOptions> = {}) {
  const { proxy, calls } = stubbedProxy(
    KEY,
    (url) => (url.endsWith('/api/bridge/request') ? Response.json(CREATED, { status: 201 }) : Response.json({ ...CREATED, permissions: [] })),
    options,
  );
  const create = () =>
    proxy(new Request('https://bank.test/api/passid/request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  return { proxy, calls, create };
}

async function envelope(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('createMemoryRateLimitStore', () => {
  it('counts hits in a fixed window per key and says how long to wait', () => {
    let t = 1_000;
    const store = createMemoryRateLimitStore({ now: () => t });
    expect(store.hit('a', 2, 10_000)).toEqual({ allowed: true, retryAfterMs: 0 });
    t += 4_000;
    expect(store.hit('a', 2, 10_000)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(store.hit('b', 2, 10_000)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(store.hit('a', 2, 10_000)).toEqual({ allowed: false, retryAfterMs: 6_000 });
    t += 6_000; // the window of 'a' has ended
    expect(store.hit('a', 2, 10_000)).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it('keeps at most maxKeys windows, dropping ended ones first, then the oldest', () => {
    let t = 0;
    const store = createMemoryRateLimitStore({ now: () => t, maxKeys: 3 });
    store.hit('old', 1, 100);
    store.hit('x', 1, 10_000);
    store.hit('y', 1, 10_000);
    t = 200; // 'old' has ended
    store.hit('z', 1, 10_000); // takes the place of 'old'
    expect(store.hit('x', 1, 10_000).allowed).toBe(false); // 'x' was kept
    store.hit('w', 1, 10_000); // full of live windows: the oldest ('x') goes
    expect(store.hit('x', 1, 10_000).allowed).toBe(true);
  });
});

describe('client addresses', () => {
  it('trustForwardedFor(n) takes the n-th address from the right, never what the client added on the left', () => {
    const request = new Request('https://bank.test/', { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' } });
    expect(trustForwardedFor(1)(request)).toBe('10.0.0.2');
    expect(trustForwardedFor(2)(request)).toBe('203.0.113.7');
    expect(trustForwardedFor(4)(request)).toBeNull();
    expect(trustForwardedFor()(new Request('https://bank.test/'))).toBeNull();
    expect(() => trustForwardedFor(0)).toThrow(RangeError);
  });

  it('counts IPv4 (also IPv4-mapped) as is, IPv6 by its /64, and nothing else', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('[2001:db8::1]')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    for (const bad of ['', 'localhost', '1.2.3', 'not an ip', '999.1.1.1']) expect(addressKey(bad)).toBeNull();
  });
});

describe('the proxy rate limit', () => {
  it('refuses the 61st status read of one handle in a minute with 429 and Retry-After; other handles go on', async () => {
    let t = 0;
    const { proxy, create, calls } = setup({ rateLimit: { store: createMemoryRateLimitStore({ now: () => t }) } });
    const handle = ((await (await create()).json()) as { requestId: string }).requestId;
    const read = (h: string, path = '') => proxy(new Request(`https://bank.test/api/passid/request/${encodeURIComponent(h)}${path}`));
    for (let i = 0; i < 60; i += 1) expect((await read(handle)).status).toBe(200);
    t = 15_000;
    const refused = await read(handle);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect((await envelope(refused)).code).toBe('RATE_LIMITED');
    expect((await read(handle, '/events')).status).toBe(429); // streams count for the handle too
    expect(calls).toHaveLength(61);
    t = 60_000;
    expect((await read(handle)).status).toBe(200);
  });

  it('refuses a client IP over its limit (the socket address under toNodeHandler)', async () => {
    const { proxy, calls } = setup({ rateLimit: { perIp: { limit: 3, windowMs: 60_000 } } });
    const server = createServer(toNodeHandler(proxy));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const create = () => fetch(`${base}/api/passid/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([(await create()).status, (await create()).status, (await create()).status]).toEqual([201, 201, 201]);
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(calls).toHaveLength(3);
  });

  it('uses clientIp when given, and skips the per-IP limit when the address is unknown', async () => {
    const perIp = { limit: 1, windowMs: 60_000 };
    const headerIp = setup({ rateLimit: { perIp, clientIp: trustForwardedFor(1) } });
    const from = (ip: string) =>
      headerIp.proxy(new Request('https://bank.test/api/passid/request', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: '{}' }));
    expect((await from('198.51.100.1')).status).toBe(201);
    expect((await from('198.51.100.1')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(201);
    const unknown = setup({ rateLimit: { perIp } }); // a Web handler: no socket address
    expect([(await unknown.create()).status, (await unknown.create()).status]).toEqual([201, 201]);
  });

  it('can be turned off, and refuses bad rules', async () => {
    const { create } = setup({ rateLimit: false });
    for (let i = 0; i < 5; i += 1) expect((await create()).status).toBe(201);
    expect(() => setup({ rateLimit: { perHandle: { limit: 0, windowMs: 1000 } } })).toThrow(PassidConfigError);
    expect(() => setup({ rateLimit: { perIp: { limit: 10, windowMs: -1 } } })).toThrow(PassidConfigError);
  });

  it('lets requests through when the store fails, and warns once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store: RateLimitStore = { hit: () => Promise.reject(new Error('redis is down')) };
    const { proxy, create } = setup({ rateLimit: { store, clientIp: () => '203.0.113.9' } });
    const handle = ((await (await create()).json()) as { requestId: string }).requestId;
    expect((await proxy(new Request(`https://bank.test/api/passid/request/${handle}`))).status).toBe(200);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[passid\] .*rate-limit store failed.*redis is down/);
  });

  it('warns once in production when no authorize is set, or when client addresses are unknown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubEnv('NODE_ENV', 'production');
    const bare = setup();
    await bare.create();
    await bare.create();
    const messages = warn.mock.calls.map((call) => String(call[0]));
    expect(messages.filter((m) => m.includes('authorize'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('per-IP'))).toHaveLength(1);
    for (const m of messages) expect(m.startsWith('[passid] ')).toBe(true);
    warn.mockClear();
    const guarded = setup({ authorize: () => true, rateLimit: { clientIp: () => '203.0.113.1' } });
    await guarded.create();
    expect(warn).not.toHaveBeenCalled();
    vi.stubEnv('NODE_ENV', 'development');
    await setup().create();
    expect(warn).not.toHaveBeenCalled();
  });
});
