/**
 * The Redis stores against a real redis-server (started by the `redis` project's global set-up),
 * through both majors of the `ioredis` peer (5 and 6: 6 speaks RESP3). Each test uses keys of
 * its own, so they can share the server.
 */
import { randomUUID } from 'node:crypto';
import { Redis as Redis5, type RedisOptions } from 'ioredis';
import { Redis as Redis6 } from 'ioredis-6';
import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createWebhookDeduplicator } from '../dedupe.js';
import { PassidConfigError, PassidStoreError } from '../errors.js';
import { CREATED, stubbedProxy } from '../test/fixtures.js';
import { createRedisDedupeStore, createRedisRateLimitStore } from './index.js';

/** The client type the stores take (either major's `Redis`). */
type Client = Redis5;
const MAJORS: [string, new (url: string, options: RedisOptions) => Client][] = [
  ['ioredis 5', Redis5],
  ['ioredis 6', Redis6 as unknown as new (url: string, options: RedisOptions) => Client],
];
const prefix = () => `test:${randomUUID()}:`;

describe.each(MAJORS)('with %s', (_major, RedisClass) => {
  const clients: Client[] = [];
  function connect(url = inject('redisUrl'), options: RedisOptions = {}): Client {
    const redis = new RedisClass(url, { lazyConnect: false, ...options });
    redis.on('error', () => {}); // connection errors surface as rejected commands
    clients.push(redis);
    return redis;
  }
  const a = connect();
  const b = connect(); // a second instance's client

  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  describe('createRedisDedupeStore', () => {
    it('claims a key once across clients, tells a running claim from a done record, and expires both', async () => {
      const p = prefix();
      const one = createRedisDedupeStore({ redis: a, prefix: p });
      const two = createRedisDedupeStore({ redis: b, prefix: p });
      expect(await one.claim('evt', 'owner-1', 60_000)).toBe('claimed');
      expect(await two.claim('evt', 'owner-2', 60_000)).toBe('processing');
      const leaseLeft = await a.pttl(`${p}evt`);
      expect(leaseLeft).toBeGreaterThan(50_000);
      expect(leaseLeft).toBeLessThanOrEqual(60_000);
      await one.complete('evt', 3_600_000);
      expect(await two.claim('evt', 'owner-2', 60_000)).toBe('done');
      expect(await a.pttl(`${p}evt`)).toBeGreaterThan(3_500_000);
    });

    it('removes a claim only for its owner, and never a done record', async () => {
      const p = prefix();
      const store = createRedisDedupeStore({ redis: a, prefix: p });
      await store.claim('evt', 'owner-1', 60_000);
      await store.release('evt', 'owner-2');
      expect(await a.get(`${p}evt`)).toBe('owner-1');
      await store.release('evt', 'owner-1');
      expect(await a.exists(`${p}evt`)).toBe(0);
      await store.claim('evt', 'owner-3', 60_000);
      await store.complete('evt', 60_000);
      await store.release('evt', 'owner-3');
      expect(await a.get(`${p}evt`)).toBe('done');
    });

    it('lets a new delivery claim an id once a crashed holder\'s lease ended', async () => {
      const store = createRedisDedupeStore({ redis: a, prefix: prefix() });
      expect(await store.claim('evt', 'crashed', 50)).toBe('claimed');
      const deadline = Date.now() + 5_000;
      let state = await store.claim('evt', 'next', 50);
      while (state === 'processing' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20)); // Redis's own expiry: no fake clock reaches it
        state = await store.claim('evt', 'next', 50);
      }
      expect(state).toBe('claimed');
    });

    it('runs the handler once for 200 concurrent deliveries through two clients; a failure is processed again', async () => {
      const p = prefix();
      const first = createWebhookDeduplicator({ store: createRedisDedupeStore({ redis: a, prefix: p }) });
      const second = createWebhookDeduplicator({ store: createRedisDedupeStore({ redis: b, prefix: p }) });
      let runs = 0;
      const handle = async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return 'ok';
      };
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? first : second).once('evt_1', handle)));
      expect(runs).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toEqual([{ duplicate: false, value: 'ok' }]);
      expect(await second.once('evt_1', handle)).toEqual({ duplicate: true, inProgress: false });

      await expect(first.once('evt_2', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
      expect(await second.once('evt_2', () => 'second try')).toEqual({ duplicate: false, value: 'second try' });
    });

    it('works after Redis lost its script cache (SCRIPT FLUSH, as after a restart)', async () => {
      const store = createRedisDedupeStore({ redis: a, prefix: prefix() });
      expect(await store.claim('evt', 'o', 60_000)).toBe('claimed');
      await a.script('FLUSH');
      expect(await store.claim('evt', 'o2', 60_000)).toBe('processing');
      await store.release('evt', 'o');
      expect(await store.claim('evt', 'o2', 60_000)).toBe('claimed');
    });

    it('rejects with a [passid] PassidStoreError, and never runs the handler, when Redis is unreachable', async () => {
      const dead = connect('redis://127.0.0.1:1', { retryStrategy: () => 50, maxRetriesPerRequest: 1 });
      const dedupe = createWebhookDeduplicator({ store: createRedisDedupeStore({ redis: dead, timeoutMs: 300 }) });
      const handle = vi.fn();
      const error = await dedupe.once('evt_1', handle).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PassidStoreError);
      expect((error as Error).message).toMatch(/^\[passid\] Redis (is unreachable|did not answer|failed)/);
      expect(handle).not.toHaveBeenCalled();
    });

    it('times out on a Redis that does not answer (CLIENT PAUSE), with a clear error', async () => {
      const paused = connect();
      const store = createRedisDedupeStore({ redis: paused, prefix: prefix(), timeoutMs: 150 });
      await paused.ping();
      await b.client('PAUSE', 5_000, 'WRITE'); // scripts wait; UNPAUSE itself goes through
      const started = Date.now();
      const error = await Promise.resolve(store.claim('evt', 'o', 60_000)).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      await b.client('UNPAUSE');
      expect(error).toBeInstanceOf(PassidStoreError);
      expect((error as Error).message).toBe('[passid] Redis did not answer the webhook claim within 150 ms.');
      expect(elapsed).toBeLessThan(3_000);
    });

    it('refuses bad options', () => {
      expect(() => createRedisDedupeStore({} as never)).toThrow(PassidConfigError);
      expect(() => createRedisDedupeStore({ redis: a, timeoutMs: 0 })).toThrow(PassidConfigError);
      expect(() => createRedisDedupeStore({ redis: a, prefix: 1 as never })).toThrow(PassidConfigError);
    });
  });

  describe('createRedisRateLimitStore', () => {
    it('allows `limit` at once, then refuses with the time until one more is allowed (GCRA)', async () => {
      const p = prefix();
      const store = createRedisRateLimitStore({ redis: a, prefix: p });
      for (let i = 0; i < 5; i += 1) expect(await store.hit('ip:1', 5, 60_000)).toEqual({ allowed: true, retryAfterMs: 0 });
      const refused = await store.hit('ip:1', 5, 60_000);
      expect(refused.allowed).toBe(false);
      // One place comes back every 60 s / 5 = 12 s.
      expect(refused.retryAfterMs).toBeGreaterThan(10_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(12_000);
      expect(await store.hit('ip:2', 5, 60_000)).toEqual({ allowed: true, retryAfterMs: 0 });
      // The key lives no longer than the window.
      const ttl = await a.pttl(`${p}ip:1`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });

    it('never lets more than `limit` through when two clients hit at once', async () => {
      const p = prefix();
      const one = createRedisRateLimitStore({ redis: a, prefix: p });
      const two = createRedisRateLimitStore({ redis: b, prefix: p });
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? one : two).hit('k', 10, 60_000)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
    });

    it('gives places back over time, by Redis\'s clock', async () => {
      const store = createRedisRateLimitStore({ redis: a, prefix: prefix() });
      expect((await store.hit('k', 2, 400)).allowed).toBe(true);
      expect((await store.hit('k', 2, 400)).allowed).toBe(true);
      const refused = await store.hit('k', 2, 400);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(200);
      await new Promise((resolve) => setTimeout(resolve, refused.retryAfterMs + 20)); // Redis's TIME: no fake clock reaches it
      expect((await store.hit('k', 2, 400)).allowed).toBe(true);
    });

    it('takes a limit far above the clock\'s resolution (a billion a minute) without a Redis error', async () => {
      const store = createRedisRateLimitStore({ redis: a, prefix: prefix() });
      for (let i = 0; i < 3; i += 1) expect(await store.hit('k', 1_000_000_000, 60_000)).toEqual({ allowed: true, retryAfterMs: 0 });
    });

    it('works after SCRIPT FLUSH', async () => {
      const store = createRedisRateLimitStore({ redis: a, prefix: prefix() });
      await store.hit('k', 1, 60_000);
      await a.script('FLUSH');
      expect((await store.hit('k', 1, 60_000)).allowed).toBe(false);
    });

    it('shares one budget between two proxies, and the proxy lets requests through (warning) when Redis is down', async () => {
      const p = prefix();
      const rule = { perIp: { limit: 3, windowMs: 60_000 }, clientIp: () => '203.0.113.5' };
      const answer = () => Response.json(CREATED, { status: 201 });
      const proxies = [a, b].map((redis) => stubbedProxy('sk_live_redis_test', answer, { rateLimit: { ...rule, store: createRedisRateLimitStore({ redis, prefix: p }) } }));
      const create = (i: number) =>
        proxies[i % 2]!.proxy(new Request('https://bank.test/api/passid/request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
      const statuses = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await create(i)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect(await a.exists(`${p}passid:ratelimit:ip:203.0.113.5`)).toBe(1);

      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const dead = connect('redis://127.0.0.1:1', { retryStrategy: () => 50, maxRetriesPerRequest: 1 });
      const down = stubbedProxy('sk_live_redis_test', answer, { rateLimit: { ...rule, store: createRedisRateLimitStore({ redis: dead, timeoutMs: 200 }) } });
      const request = () => new Request('https://bank.test/api/passid/request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      for (let i = 0; i < 5; i += 1) expect((await down.proxy(request())).status).toBe(201);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[passid\] the rate-limit store failed, so the request went through unlimited: Redis /);
    });

    it('refuses bad options', () => {
      expect(() => createRedisRateLimitStore({ redis: {} as never })).toThrow(PassidConfigError);
      expect(() => createRedisRateLimitStore({ redis: a, timeoutMs: Number.NaN })).toThrow(PassidConfigError);
    });
  });
});
