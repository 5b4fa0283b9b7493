import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../flow/types.js';
import { clock as testClock } from '../../test/clock.js';
import { pickSeed, rotateSeeds } from './seeds.js';

const clock = (random = 0.5): Clock => ({ ...testClock, random: () => random });
const SEEDS = ['s0', 's1', 's2', 's3'];

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('pickSeed', () => {
  it('takes the index the clock\'s random number falls on, never past the end', () => {
    expect(pickSeed(4, clock(0))).toBe(0);
    expect(pickSeed(4, clock(0.5))).toBe(2);
    expect(pickSeed(4, clock(0.999999))).toBe(3);
    expect(pickSeed(1, clock(0.7))).toBe(0);
  });
});

describe('rotateSeeds', () => {
  it('shows the next seed every interval, round the list, starting after the current one', async () => {
    const shown: string[] = [];
    const rotation = rotateSeeds(SEEDS, 's2', 5000, clock(), (seed) => shown.push(seed));
    await vi.advanceTimersByTimeAsync(4999);
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toEqual(['s3']);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(shown).toEqual(['s3', 's0', 's1', 's2']);
    rotation.stop();
  });

  it('stops for good: no seed after stop(), no timer left', async () => {
    const shown: string[] = [];
    const rotation = rotateSeeds(SEEDS, 's0', 1000, clock(), (seed) => shown.push(seed));
    await vi.advanceTimersByTimeAsync(2500);
    rotation.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(shown).toEqual(['s1', 's2']);
  });

  it('has nothing to rotate with one seed', async () => {
    const onSeed = vi.fn();
    rotateSeeds(['only'], 'only', 1000, clock(), onSeed);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(onSeed).not.toHaveBeenCalled();
  });
});
