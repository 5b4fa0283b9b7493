/**
 * At-most-once processing of webhook events, keyed by the event `id` (which stays the same on
 * every retry of one event). PASSID retries for about 2.5 hours, so the default memory lasts 24 h.
 */
import { PassidConfigError } from './errors.js';

/**
 * Where processed event ids are remembered. Implement it on your database or Redis so every
 * instance of your app shares it, e.g. Redis: `SET passid:evt:<id> 1 NX PX <ttlMs>`.
 */
export interface DedupeStore {
  /**
   * Records `key` for `ttlMs` unless it is already recorded, atomically. Resolves `true` when
   * this call recorded it (first delivery), `false` when it was already there (duplicate).
   */
  setIfAbsent(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Forgets `key`. Called when the handler failed, so PASSID's retry is processed again. */
  delete(key: string): void | Promise<void>;
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
  // Insertion order is (nearly) expiry order, so expired entries are dropped from the front.
  const expiries = new Map<string, number>();

  function purge(at: number): void {
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > at) break;
      expiries.delete(key);
    }
  }

  return {
    setIfAbsent(key, ttlMs) {
      const at = now();
      purge(at);
      const expiresAt = expiries.get(key);
      if (expiresAt !== undefined && expiresAt > at) return false;
      expiries.delete(key);
      expiries.set(key, at + ttlMs);
      return true;
    },
    delete(key) {
      expiries.delete(key);
    },
  };
}

export interface WebhookDeduplicatorOptions {
  /** Where processed ids are kept. @default createMemoryDedupeStore() */
  store?: DedupeStore;
  /** How long an id is remembered, in ms. @default 86_400_000 (24 h) */
  ttlMs?: number;
  /** Key prefix in the store. @default 'passid:webhook:' */
  prefix?: string;
}

/** What `once` did: ran the handler (with its result), or skipped a duplicate. */
export type OnceResult<T> = { duplicate: false; value: T } | { duplicate: true };

export interface WebhookDeduplicator {
  /**
   * Runs `handler` only for the first delivery of `eventId`; later (or concurrent) deliveries
   * resolve `{ duplicate: true }` without running it. If `handler` throws, the id is forgotten
   * and the error rethrown, so PASSID's retry gets another chance.
   */
  once<T>(eventId: string, handler: () => T | Promise<T>): Promise<OnceResult<T>>;
}

/** Creates a de-duplicator: `await dedupe.once(event.id, () => handle(event))`. */
export function createWebhookDeduplicator(options: WebhookDeduplicatorOptions = {}): WebhookDeduplicator {
  const ttlMs = options.ttlMs ?? 86_400_000;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new PassidConfigError(`ttlMs must be a positive, finite number of milliseconds (got ${String(ttlMs)}).`);
  }
  const store = options.store ?? createMemoryDedupeStore();
  const prefix = options.prefix ?? 'passid:webhook:';

  return {
    async once(eventId, handler) {
      if (typeof eventId !== 'string' || eventId.length === 0) {
        throw new PassidConfigError('once(eventId, handler) needs the event id (event.id).');
      }
      const key = prefix + eventId;
      if (!(await store.setIfAbsent(key, ttlMs))) return { duplicate: true };
      try {
        return { duplicate: false, value: await handler() };
      } catch (error) {
        await store.delete(key);
        throw error;
      }
    },
  };
}
