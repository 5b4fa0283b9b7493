import { describe, expect, it, vi } from 'vitest';
import { createMemoryDedupeStore, createWebhookDeduplicator, type DedupeStore } from './dedupe.js';
import { PassidConfigError } from './errors.js';

describe('createWebhookDeduplicator', () => {
  it('runs the handler once when one event is replayed 1,000 times', async () => {
    const dedupe = createWebhookDeduplicator();
    const handle = vi.fn(() => 'done');
    const results = [];
    for (let i = 0; i < 1000; i += 1) results.push(await dedupe.once('evt_1', handle));
    expect(handle).toHaveBeenCalledTimes(1);
    expect(results[0]).toEqual({ duplicate: false, value: 'done' });
    expect(results.slice(1).every((r) => r.duplicate)).toBe(true);
  });

  it('runs the handler once when 1,000 deliveries of one event arrive concurrently', async () => {
    const dedupe = createWebhookDeduplicator();
    let effects = 0;
    const handle = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      effects += 1;
    };
    const results = await Promise.all(Array.from({ length: 1000 }, () => dedupe.once('evt_1', handle)));
    expect(effects).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });

  it('keeps different events apart', async () => {
    const dedupe = createWebhookDeduplicator();
    const handle = vi.fn();
    await dedupe.once('evt_1', handle);
    await dedupe.once('evt_2', handle);
    await dedupe.once('evt_1', handle);
    expect(handle).toHaveBeenCalledTimes(2);
  });

  it('forgets the id when the handler throws, so the retry is processed', async () => {
    const dedupe = createWebhookDeduplicator();
    await expect(
      dedupe.once('evt_1', () => {
        throw new Error('db down');
      }),
    ).rejects.toThrow('db down');
    const handle = vi.fn(() => 42);
    expect(await dedupe.once('evt_1', handle)).toEqual({ duplicate: false, value: 42 });
    expect(await dedupe.once('evt_1', handle)).toEqual({ duplicate: true });
  });

  it('forgets ids after ttlMs (memory store with an injected clock)', async () => {
    let now = 0;
    const dedupe = createWebhookDeduplicator({ store: createMemoryDedupeStore({ now: () => now }), ttlMs: 1000 });
    const handle = vi.fn();
    await dedupe.once('evt_1', handle);
    now = 999;
    await dedupe.once('evt_1', handle);
    expect(handle).toHaveBeenCalledTimes(1);
    now = 1000;
    await dedupe.once('evt_1', handle);
    expect(handle).toHaveBeenCalledTimes(2);
  });

  it('uses a pluggable async store with the prefix and ttl', async () => {
    const seen = new Set<string>();
    const store: DedupeStore = {
      setIfAbsent: vi.fn(async (key: string) => {
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
      delete: vi.fn(async (key: string) => {
        seen.delete(key);
      }),
    };
    const dedupe = createWebhookDeduplicator({ store, ttlMs: 5000, prefix: 'x:' });
    const handle = vi.fn();
    await dedupe.once('evt_9', handle);
    await dedupe.once('evt_9', handle);
    expect(handle).toHaveBeenCalledTimes(1);
    expect(store.setIfAbsent).toHaveBeenCalledWith('x:evt_9', 5000);
  });

  it('refuses a bad ttl or a missing event id', async () => {
    expect(() => createWebhookDeduplicator({ ttlMs: 0 })).toThrow(PassidConfigError);
    expect(() => createWebhookDeduplicator({ ttlMs: Number.NaN })).toThrow(PassidConfigError);
    await expect(createWebhookDeduplicator().once('', vi.fn())).rejects.toThrow(PassidConfigError);
  });
});
