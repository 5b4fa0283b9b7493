import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PassidError } from '../errors.js';
import { backoffDelay, sleep } from './retry.js';
import { pollUntil, retryTransient } from './watch.js';
import type { PollStep } from './watch.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('starts at the base, doubles, caps at 10 s', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, { baseMs: 2500, random: mid }))).toEqual([
      2500, 5000, 10_000, 10_000, 10_000, 10_000,
    ]);
  });

  it('jitters by ±20%', () => {
    expect(backoffDelay(1, { baseMs: 2500, random: () => 0 })).toBe(2000);
    expect(backoffDelay(1, { baseMs: 2500, random: () => 0.999999 })).toBe(3000);
    expect(backoffDelay(4, { baseMs: 2500, random: () => 0.999999 })).toBe(12_000);
  });
});

describe('pollUntil', () => {
  it('rejects with aborted and leaves no timer when the signal aborts mid-wait', async () => {
    const controller = new AbortController();
    const poll = vi.fn(async (): Promise<PollStep<string>> => ({ done: false }));
    const result = pollUntil({ poll, signal: controller.signal, intervalMs: 1000 });
    const caught = result.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1500);
    controller.abort();
    expect(await caught).toMatchObject({ kind: 'aborted' });
    expect(poll).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves with the value of the first done step', async () => {
    let n = 0;
    const value = pollUntil({
      signal: new AbortController().signal,
      intervalMs: 100,
      poll: async () => (++n === 3 ? { done: true, value: 'ok' } : { done: false }),
    });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(value).resolves.toBe('ok');
  });

  it('a thrown non-PassidError counts as a network failure and is retried', async () => {
    let n = 0;
    const value = pollUntil({
      signal: new AbortController().signal,
      intervalMs: 100,
      clock: { now: Date.now, setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number), random: () => 0.5 },
      poll: async () => {
        n += 1;
        if (n === 1) throw new TypeError('socket hang up');
        return { done: true, value: n };
      },
    });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(value).resolves.toBe(2);
  });
});

describe('retryTransient', () => {
  it('stops at maxAttempts with the last error', async () => {
    const fn = vi.fn(async () => {
      throw new PassidError('http', 'x', { status: 500 });
    });
    const result = retryTransient(fn, { signal: new AbortController().signal, maxAttempts: 3 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await result).toMatchObject({ kind: 'http', status: 500 });
    expect(fn).toHaveBeenCalledTimes(3);
  });
});

describe('sleep', () => {
  it('rejects at once on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sleep(100, { now: Date.now, setTimeout, clearTimeout: () => {} }, controller.signal)).rejects.toMatchObject({
      kind: 'aborted',
    });
  });
});
