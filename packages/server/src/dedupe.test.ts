import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryDedupeStore, createWebhookDeduplicator, type DedupeStore } from './dedupe.js';
import { PassidConfigError } from './errors.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createWebhookDeduplicator', () => {
  it('runs the handler once when one event is replayed 1,000 times', async () => {
    const dedupe = createWebhookDeduplicator();
    const handle = vi.fn(() => 'done');
    const results = [];
    for (let i = 0; i < 1000; i += 1) results.push(await dedupe.once('evt_1', handle));
    expect(handle).toHaveBeenCalledTimes(1);
    expect(results[0]).toEqual({ duplicate: false, value: 'done' });
    expect(results.slice(1).every((r) => r.duplicate && !r.inProgress)).toBe(true);
  });

  it('runs the handler once when 1,000 deliveries of one event arrive concurrently; the others are in progress', async () => {
    const dedupe = createWebhookDeduplicator();
    let effects = 0;
    const handle = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      effects += 1;
    };
    const results = await Promise.all(Array.from({ length: 1000 }, () => dedupe.once('evt_1', handle)));
    expect(effects).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate && r.inProgress)).toHaveLength(999);
    expect(await dedupe.once('evt_1', handle)).toEqual({ duplicate: true, inProgress: false });
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
    expect(await dedupe.once('evt_1', handle)).toEqual({ duplicate: true, inProgress: false });
  });

  it('forgets ids after ttlMs, and ends a claim after leaseMs (memory store with an injected clock)', async () => {
    let now = 0;
    const store = createMemoryDedupeStore({ now: () => now });
    const dedupe = createWebhookDeduplicator({ store, ttlMs: 1000, leaseMs: 100 });
    const handle = vi.fn();
    await dedupe.once('evt_1', handle);
    now = 999;
    await dedupe.once('evt_1', handle);
    expect(handle).toHaveBeenCalledTimes(1);
    now = 1000;
    await dedupe.once('evt_1', handle);
    expect(handle).toHaveBeenCalledTimes(2);
    // A claim whose holder never finished (a crash) ends after leaseMs.
    expect(store.claim('k', 'crashed', 100)).toBe('claimed');
    now += 99;
    expect(store.claim('k', 'other', 100)).toBe('processing');
    now += 1;
    expect(store.claim('k', 'other', 100)).toBe('claimed');
  });

  it('lets only the claim holder remove a claim, and never removes a done record', () => {
    const store = createMemoryDedupeStore();
    store.claim('k', 'a', 60_000);
    store.release('k', 'b');
    expect(store.claim('k', 'c', 60_000)).toBe('processing');
    store.complete('k', 60_000);
    store.release('k', 'a');
    expect(store.claim('k', 'c', 60_000)).toBe('done');
  });

  it('uses a pluggable async store with the prefix, lease and ttl', async () => {
    const calls: string[] = [];
    const memory = createMemoryDedupeStore();
    const store: DedupeStore = {
      claim: async (key, owner, leaseMs) => (calls.push(`claim ${key} ${leaseMs}`), memory.claim(key, owner, leaseMs)),
      complete: async (key, ttlMs) => void (calls.push(`complete ${key} ${ttlMs}`), memory.complete(key, ttlMs)),
      release: async (key, owner) => void (calls.push(`release ${key}`), memory.release(key, owner)),
    };
    const dedupe = createWebhookDeduplicator({ store, ttlMs: 5000, leaseMs: 700, prefix: 'x:' });
    const handle = vi.fn();
    await dedupe.once('evt_9', handle);
    await dedupe.once('evt_9', handle);
    await dedupe.once('evt_8', () => Promise.reject(new Error('no'))).catch(() => undefined);
    expect(handle).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['claim x:evt_9 700', 'complete x:evt_9 5000', 'claim x:evt_9 700', 'claim x:evt_8 700', 'release x:evt_8']);
  });

  it('rejects with the store error when the store cannot claim, without running the handler', async () => {
    const store: DedupeStore = { claim: () => Promise.reject(new Error('[passid] store down')), complete: vi.fn(), release: vi.fn() };
    const handle = vi.fn();
    await expect(createWebhookDeduplicator({ store }).once('evt_1', handle)).rejects.toThrow('[passid] store down');
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers the handler result when recording "done" fails, and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const memory = createMemoryDedupeStore();
    const store: DedupeStore = { ...memory, claim: memory.claim, release: memory.release, complete: () => Promise.reject(new Error('gone')) };
    expect(await createWebhookDeduplicator({ store }).once('evt_1', () => 'ok')).toEqual({ duplicate: false, value: 'ok' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[passid\] webhook evt_1 was processed but could not be recorded as done \(gone\)/);
  });

  it('rethrows the handler error when removing the claim fails too, and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const memory = createMemoryDedupeStore();
    const store: DedupeStore = { claim: memory.claim, complete: memory.complete, release: () => Promise.reject(new Error('gone')) };
    await expect(createWebhookDeduplicator({ store }).once('evt_1', () => Promise.reject(new Error('handler')))).rejects.toThrow('handler');
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[passid\] webhook evt_1 failed and its claim could not be removed \(gone\)/);
  });

  it('refuses a bad ttl, lease or a missing event id', async () => {
    expect(() => createWebhookDeduplicator({ ttlMs: 0 })).toThrow(PassidConfigError);
    expect(() => createWebhookDeduplicator({ ttlMs: Number.NaN })).toThrow(PassidConfigError);
    expect(() => createWebhookDeduplicator({ leaseMs: -1 })).toThrow(PassidConfigError);
    await expect(createWebhookDeduplicator().once('', vi.fn())).rejects.toThrow(PassidConfigError);
  });
});
