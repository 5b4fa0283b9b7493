// One instance of examples/redis/server.mjs as the multi-instance test runs it (bundled from
// source by build-instance.ts): processed event ids go to PROCESSED_LOG (appended before the
// answer, so a 200 always finds its line), and the test sets the limits and the lease.
import { appendFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { createInstance } from '../../../../examples/redis/server.mjs';

const env = process.env;
const redis = new Redis(env.REDIS_URL, { retryStrategy: () => 100 });
redis.on('error', () => {}); // the stores report failures themselves ([passid] errors and warnings)
const delayMs = Number(env.HANDLER_DELAY_MS ?? 0);

const app = createInstance({
  redis,
  apiKey: env.PASSID_API_KEY,
  baseUrl: env.PASSID_BASE_URL,
  webhookSecret: env.PASSID_WEBHOOK_SECRET,
  authorize: () => true,
  dedupe: { leaseMs: Number(env.LEASE_MS ?? 60_000) },
  rateLimit: { perIp: { limit: Number(env.PER_IP_LIMIT ?? 300), windowMs: 60_000 } },
  onEvent: async (event) => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    appendFileSync(env.PROCESSED_LOG, `${event.id}\n`);
  },
});
const server = app.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  redis.disconnect();
});
