/**
 * The proxy under load, as its own process (so it shares no event loop with autocannon or the
 * sandbox): the BUILT `createPassidProxy` behind `toNodeHandler` in a `node:http` server.
 * Env: SANDBOX_URL; STORE = memory (default) | redis (with REDIS_URL).
 *
 * Its per-client limits are set on purpose: a load test comes from ONE address and polls ONE
 * handle, which the defaults (300 / min per IP, 60 / min per handle) would refuse after a few
 * hundred requests. So both limits are a billion a minute: every request still goes through
 * the limiter (two store hits), and none is refused.
 */
import { createServer } from 'node:http';
import { createPassidProxy, toNodeHandler } from '../dist/index.js';

const unlimited = { limit: 1_000_000_000, windowMs: 60_000 };
let store;
if (process.env.STORE === 'redis') {
  const { Redis } = await import('ioredis');
  const { createRedisRateLimitStore } = await import('../dist/redis/index.js');
  const redis = new Redis(process.env.REDIS_URL);
  await redis.ping();
  store = createRedisRateLimitStore({ redis });
}

const proxy = createPassidProxy({
  apiKey: 'sk_sandbox_demo',
  baseUrl: process.env.SANDBOX_URL,
  authorize: () => true, // as in production: a session check runs on every call (here: always yes)
  rateLimit: { perIp: unlimited, perHandle: unlimited, ...(store ? { store } : {}) },
});
const server = createServer(toNodeHandler(proxy));
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => process.exit(0));
