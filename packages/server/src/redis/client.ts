/**
 * What the Redis stores share: the client type (ioredis, a peer dependency loaded only through
 * `@passid/server/redis`), option checks, Lua scripts by SHA with a fallback to the source
 * (the script cache is empty after a restart), and one guard around every call that turns a
 * down, slow or failing Redis into a `PassidStoreError` within `timeoutMs`.
 */
import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { PassidConfigError, PassidStoreError } from '../errors.js';

/** An ioredis client: `new Redis(process.env.REDIS_URL)`, or a `Cluster` (each key is on one node). */
export type RedisClient = Redis | Cluster;

/** The options both stores take. */
export interface RedisStoreOptions {
  /** Your ioredis client, shared with the rest of your app if you like. The store never closes it. */
  redis: RedisClient;
  /** Put before every key (after the deduplicator's or limiter's own prefix), e.g. `'myapp:'`. @default '' */
  prefix?: string;
}

/** Connection states in which a command cannot be answered soon: fail at once instead of queueing. */
const DOWN = new Set(['close', 'reconnecting', 'end', 'disconnecting']);

export function checkOptions(name: string, options: RedisStoreOptions & { timeoutMs?: number }, defaultTimeoutMs: number) {
  const redis = options?.redis as Partial<RedisClient> | undefined;
  if (typeof redis !== 'object' || redis === null || typeof redis.evalsha !== 'function' || typeof redis.status !== 'string') {
    throw new PassidConfigError(`${name} needs { redis }: an ioredis client (new Redis(process.env.REDIS_URL)).`);
  }
  const prefix = options.prefix ?? '';
  if (typeof prefix !== 'string') throw new PassidConfigError(`${name}: prefix must be a string.`);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new PassidConfigError(`${name}: timeoutMs must be a positive, finite number of milliseconds (got ${String(timeoutMs)}).`);
  }
  return { redis: options.redis, prefix, timeoutMs };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs `run` against Redis, or throws a `PassidStoreError`: at once while the connection is
 * known to be down (nothing is queued), after `timeoutMs` without an answer, or when Redis
 * refuses. A command that timed out may still run later; both stores are built so that is safe.
 */
export async function guard<T>(redis: RedisClient, what: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  if (DOWN.has(redis.status)) throw new PassidStoreError(`Redis is unreachable (connection ${redis.status}): ${what} failed.`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PassidStoreError(`Redis did not answer ${what} within ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (error) {
    if (error instanceof PassidStoreError) throw error;
    throw new PassidStoreError(`Redis failed ${what}: ${messageOf(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** A Lua script, sent by SHA once Redis has it. */
export interface Script {
  source: string;
  sha: string;
}

export function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** EVALSHA, and EVAL when Redis does not know the script yet (first use, or after a restart). */
export async function evalScript(redis: RedisClient, { source, sha }: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!messageOf(error).startsWith('NOSCRIPT')) throw error;
    return redis.eval(source, keys.length, ...keys, ...args);
  }
}
