/**
 * `createRedisDedupeStore`: the webhook de-duplicator's records in Redis, shared by every
 * instance. A claim is `SET key <owner> NX PX leaseMs` (atomic: of two instances, one gets it),
 * done is `SET key done PX ttlMs`, and a failed handler's claim is deleted only by its owner.
 * Every failure mode ends in "process it again", never in "already processed": a claim that
 * could not be deleted, or that a timed-out command set late, ends by itself after `leaseMs`.
 */
import type { DedupeClaim, DedupeStore } from '../dedupe.js';
import { checkOptions, evalScript, guard, script, type RedisStoreOptions } from './client.js';

export interface RedisDedupeStoreOptions extends RedisStoreOptions {
  /**
   * Longest wait for one Redis call, in ms (PASSID waits 10 s for the whole delivery). Past it,
   * `once` rejects with a `PassidStoreError`: answer 503 and PASSID delivers the event again.
   * @default 2000
   */
  timeoutMs?: number;
}

const DONE = 'done';

/** Claims the key, or says who has it: 1 (claimed), 'done', or the owner of a running claim. */
const CLAIM = script(`if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return redis.call('GET', KEYS[1])`);

/** Deletes the key only while ARGV[1] holds the claim (never a done record, never another's claim). */
const RELEASE = script(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/** A `DedupeStore` on Redis: `createWebhookDeduplicator({ store: createRedisDedupeStore({ redis }) })`. */
export function createRedisDedupeStore(options: RedisDedupeStoreOptions): DedupeStore {
  const { redis, prefix, timeoutMs } = checkOptions('createRedisDedupeStore', options, 2_000);
  const ms = (value: number) => Math.max(1, Math.ceil(value));

  return {
    async claim(key, owner, leaseMs): Promise<DedupeClaim> {
      const found = await guard(redis, 'the webhook claim', timeoutMs, () => evalScript(redis, CLAIM, [prefix + key], [owner, ms(leaseMs)]));
      if (found === 1) return 'claimed';
      // A record that vanished between SET and GET cannot happen inside one script; if Redis
      // ever answered nothing, "processing" is the safe answer (PASSID delivers it again).
      return found === DONE ? 'done' : 'processing';
    },
    async complete(key, ttlMs) {
      await guard(redis, 'recording a processed webhook', timeoutMs, () => redis.set(prefix + key, DONE, 'PX', ms(ttlMs)));
    },
    async release(key, owner) {
      await guard(redis, 'removing a webhook claim', timeoutMs, () => evalScript(redis, RELEASE, [prefix + key], [owner]));
    },
  };
}
