/**
 * `createRedisRateLimitStore`: the proxy's per-client limits counted in Redis, so they hold
 * across every instance. One Lua script per hit (atomic: two instances never both take the last
 * place), on Redis's own clock (instances whose clocks disagree still count alike).
 *
 * The algorithm is GCRA (the generic cell rate algorithm): `limit` requests at once, then one
 * more every `windowMs / limit` — the same budget per window as the memory store's fixed
 * window, refilled smoothly instead of all at the window's end. One number per key, which
 * expires when the budget is full again; refused requests do not count.
 */
import type { RateLimitResult, RateLimitStore } from '../rate-limit.js';
import { checkOptions, evalScript, guard, script, type RedisStoreOptions } from './client.js';

export interface RedisRateLimitStoreOptions extends RedisStoreOptions {
  /**
   * Longest wait for one hit, in ms. Past it (or at once while Redis is known to be down), the
   * hit throws a `PassidStoreError` and the proxy lets the request through and warns.
   * @default 500
   */
  timeoutMs?: number;
}

/**
 * KEYS[1]: the key; ARGV: limit, windowMs. The key holds the theoretical arrival time (TAT) in
 * microseconds of Redis's clock. Answers {1, 0} (allowed) or {0, ms until one more is allowed}.
 */
const GCRA = script(`local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) * 1000
local interval = window / limit
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or 0) or 0
if tat < now then tat = now end
local next_tat = tat + interval
local allowed_at = next_tat - window
if allowed_at > now then return {0, math.ceil((allowed_at - now) / 1000)} end
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.max(1, math.ceil((next_tat - now) / 1000)))
return {1, 0}`);

/** A `RateLimitStore` on Redis: `createPassidProxy({ rateLimit: { store: createRedisRateLimitStore({ redis }) } })`. */
export function createRedisRateLimitStore(options: RedisRateLimitStoreOptions): RateLimitStore {
  const { redis, prefix, timeoutMs } = checkOptions('createRedisRateLimitStore', options, 500);
  return {
    async hit(key, limit, windowMs): Promise<RateLimitResult> {
      const answer = await guard(redis, 'a rate-limit hit', timeoutMs, () => evalScript(redis, GCRA, [prefix + key], [limit, windowMs]));
      const [allowed, retryAfterMs] = answer as [number, number];
      return allowed === 1 ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs };
    },
  };
}
