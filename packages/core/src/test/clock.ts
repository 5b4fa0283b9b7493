/**
 * Test helpers for time: the global timers as a `Clock` with no jitter (so backoff delays are
 * exact), and Vitest's fake timers set up around each test of a file.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { Clock } from '../flow/types.js';

/** The global timers (faked by `vi.useFakeTimers`), with `random` fixed at 0.5: no jitter. */
export const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => 0.5,
};

/** Fake timers from `at` for every test of the calling file; real ones (and no stubs) after. */
export function useFakeTime(at: number): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(at);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}

/** Lets every pending promise and zero-delay timer run. */
export const flush = () => vi.advanceTimersByTimeAsync(0);
