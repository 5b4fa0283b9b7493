/**
 * `@passid/server/redis`: shared stores for backends that run on several instances. Needs the
 * `ioredis` peer dependency (5 or 6); nothing else in `@passid/server` loads it.
 */
export { createRedisDedupeStore } from './dedupe.js';
export type { RedisDedupeStoreOptions } from './dedupe.js';
export { createRedisRateLimitStore } from './rate-limit.js';
export type { RedisRateLimitStoreOptions } from './rate-limit.js';
export type { RedisClient, RedisStoreOptions } from './client.js';
export { PassidStoreError } from '../errors.js';
