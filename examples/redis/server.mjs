// PASSID Verify on several instances behind a load balancer: the Express example's app
// (../express/server.mjs) with its webhook records and the proxy's rate-limit counts in Redis,
// shared by every instance. Run one per port (or container), all with the same environment:
//
//   REDIS_URL=redis://127.0.0.1:6379 PASSID_API_KEY=sk_sandbox_demo PASSID_BASE_URL=http://localhost:8787 \
//   PASSID_WEBHOOK_SECRET=whsec_… PORT=3001 node server.mjs
//
// then put a load balancer in front (balancer.mjs to try it on one machine; nginx, HAProxy or
// your cloud's in production). See README.md.
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { trustForwardedFor } from '@passid/server';
import { createRedisDedupeStore, createRedisRateLimitStore } from '@passid/server/redis';
import { createApp } from '../express/server.mjs';

/**
 * The Express app of one instance. `redis` is your ioredis client; `proxies` is how many
 * proxies (load balancers) stand in front of the instances, each appending to X-Forwarded-For.
 * Everything else goes to createApp (apiKey, webhookSecret, baseUrl, authorize, onEvent…).
 */
export function createInstance({ redis, proxies = 1, dedupe = {}, rateLimit = {}, ...options }) {
  return createApp({
    ...options,
    // Webhook ids: one instance processes each event, whichever instance PASSID's retry reaches.
    dedupe: { ...dedupe, store: createRedisDedupeStore({ redis }) },
    rateLimit: {
      ...rateLimit,
      // The per-handle and per-IP budgets hold across all instances together.
      store: createRedisRateLimitStore({ redis }),
      // Every request comes through the load balancer: the client is the address it saw.
      clientIp: trustForwardedFor(proxies),
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let lastError = 0;
  redis.on('error', (error) => {
    // ioredis reconnects by itself; say so at most every 10 s while Redis is away.
    if (Date.now() - lastError > 10_000) console.error(`[passid] Redis: ${error.message} (reconnecting)`);
    lastError = Date.now();
  });
  const port = Number(process.env.PORT ?? 3000);
  const server = createInstance({ redis }).listen(port, process.env.HOST ?? '127.0.0.1', () => {
    const { address, port: bound } = server.address();
    console.log(`listening on http://${address}:${bound}`);
  });
  const stop = () => {
    server.close(() => void redis.quit());
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
