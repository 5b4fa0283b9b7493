/** Shared helpers of the component tests: fake timers, a fake bridge, and flushing. */
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import { createFakeBridge } from './fakeBridge.js';

export const START = new Date('2026-11-23T14:00:00.000Z');

/** Fake timers (Date included) at a fixed instant, and a fresh fake bridge. */
export function setup() {
  vi.useFakeTimers({ now: START });
  return createFakeBridge();
}

/** Lets time pass (and every promise settle) inside `act`. */
export async function advance(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  // Response bodies resolve over a few microtask turns.
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
  }
}
