/**
 * At-most-once processing of webhook events, keyed by the event `id` (which stays the same on
 * every retry of one event). PASSID retries for about 2.5 hours, so the default memory lasts 24 h.
 *
 * An id goes through two records: a *claim* while its handler runs (it ends by itself after
 * `leaseMs`, so a crash or a lost connection can only delay a retry, never drop the event), then
 * *done* once the handler succeeded. Only *done* makes a later delivery a duplicate.
 */
import { randomUUID } from 'node:crypto';
import { PassidConfigError } from './errors.js';

/**
 * What a store found for a key it was asked to claim: `claimed` (this call holds it now),
 * `processing` (another delivery holds a claim that has not ended), `done` (processed).
 */
export type DedupeClaim = 'claimed' | 'processing' | 'done';

/**
 * Where event ids are recorded. Memory by default (one process); `createRedisDedupeStore` from
 * `@passid/server/redis` shares it between instances; your database can too (see the README).
 */
export interface DedupeStore {
  /**
   * Atomically: when `key` has no record (or only an ended claim), records a claim by `owner`
   * that ends after `leaseMs` and answers `claimed`; otherwise answers `processing` or `done`.
   */
  claim(key: string, owner: string, leaseMs: number): DedupeClaim | Promise<DedupeClaim>;
  /** The handler succeeded: records `key` as done for `ttlMs`, whoever holds the claim. */
  complete(key: string, ttlMs: number): void | Promise<void>;
  /** The handler failed: removes the claim if `owner` still holds it (never a done record). */
  release(key: string, owner: string): void | Promise<void>;
}

export interface MemoryDedupeStoreOptions {
  /** Clock in epoch ms. @default Date.now */
  now?: () => number;
}

/**
 * A `DedupeStore` in this process's memory, with expiry. Good for one instance; with several
 * instances, use a shared store.
 */
export function createMemoryDedupeStore(options: MemoryDedupeStoreOptions = {}): DedupeStore {
  const now = options.now ?? Date.now;
  /** `owner: null` is a done record. Insertion order is (nearly) expiry order. */
  const records = new Map<string, { owner: string | null; expiresAt: number }>();

  function purge(at: number): void {
    for (const [key, record] of records) {
      if (record.expiresAt > at) break;
      records.delete(key);
    }
  }

  return {
    claim(key, owner, leaseMs) {
      const at = now();
      purge(at);
      const record = records.get(key);
      if (record !== undefined && record.expiresAt > at) return record.owner === null ? 'done' : 'processing';
      records.delete(key);
      records.set(key, { owner, expiresAt: at + leaseMs });
      return 'claimed';
    },
    complete(key, ttlMs) {
      records.delete(key);
      records.set(key, { owner: null, expiresAt: now() + ttlMs });
    },
    release(key, owner) {
      if (records.get(key)?.owner === owner) records.delete(key);
    },
  };
}

export interface WebhookDeduplicatorOptions {
  /** Where ids are recorded. @default createMemoryDedupeStore() */
  store?: DedupeStore;
  /** How long a processed id is remembered, in ms. @default 86_400_000 (24 h) */
  ttlMs?: number;
  /**
   * How long a claim lasts while the handler runs, in ms: past it, another delivery of the id
   * may run the handler. Keep it above your handler's longest run (PASSID gives it 10 s). After
   * a crash mid-handler, the event is processed again once the claim ended. @default 60_000
   */
  leaseMs?: number;
  /** Key prefix in the store. @default 'passid:webhook:' */
  prefix?: string;
}

/**
 * What `once` did: ran the handler (with its result), or did not because the id is done
 * (`inProgress: false`: answer 200) or another delivery of it is running right now
 * (`inProgress: true`: answer 409 so PASSID delivers it again; if that run fails, the next
 * delivery runs the handler).
 */
export type OnceResult<T> = { duplicate: false; value: T } | { duplicate: true; inProgress: boolean };

export interface WebhookDeduplicator {
  /**
   * Runs `handler` only for the first delivery of `eventId`; later deliveries resolve
   * `{ duplicate: true, inProgress: false }`, concurrent ones `{ duplicate: true, inProgress: true }`.
   * If `handler` throws, the claim is removed and the error rethrown, so PASSID's retry gets
   * another chance. A store failure rejects with the store's error (answer 503).
   */
  once<T>(eventId: string, handler: () => T | Promise<T>): Promise<OnceResult<T>>;
}

function positiveMs(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new PassidConfigError(`${name} must be a positive, finite number of milliseconds (got ${String(value)}).`);
  }
  return value;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Creates a de-duplicator: `await dedupe.once(event.id, () => handle(event))`. */
export function createWebhookDeduplicator(options: WebhookDeduplicatorOptions = {}): WebhookDeduplicator {
  const ttlMs = positiveMs('ttlMs', options.ttlMs ?? 86_400_000);
  const leaseMs = positiveMs('leaseMs', options.leaseMs ?? 60_000);
  const store = options.store ?? createMemoryDedupeStore();
  const prefix = options.prefix ?? 'passid:webhook:';

  return {
    async once<T>(eventId: string, handler: () => T | Promise<T>): Promise<OnceResult<T>> {
      if (typeof eventId !== 'string' || eventId.length === 0) {
        throw new PassidConfigError('once(eventId, handler) needs the event id (event.id).');
      }
      const key = prefix + eventId;
      const owner = randomUUID();
      const claim = await store.claim(key, owner, leaseMs);
      if (claim !== 'claimed') return { duplicate: true, inProgress: claim === 'processing' };
      let value: T;
      try {
        value = await handler();
      } catch (error) {
        try {
          await store.release(key, owner);
        } catch (releaseError) {
          console.warn(`[passid] webhook ${eventId} failed and its claim could not be removed (${messageOf(releaseError)}): a retry is processed once the claim ends, after leaseMs.`);
        }
        throw error;
      }
      try {
        await store.complete(key, ttlMs);
      } catch (completeError) {
        // The work is done: answering 200 is right. Only a re-delivery after the claim ended
        // (PASSID has no reason to send one) would run the handler again.
        console.warn(`[passid] webhook ${eventId} was processed but could not be recorded as done (${messageOf(completeError)}).`);
      }
      return { duplicate: false, value };
    },
  };
}
