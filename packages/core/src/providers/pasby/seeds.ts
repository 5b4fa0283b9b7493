/**
 * Wildcard seeds on the QR: one chosen at random first, then the next (in order, round the
 * list) every `intervalMs`. A chain of timeouts on the injected clock, never `setInterval`;
 * the transport starts it with the watch and stops it with the watch, or once a device has
 * picked the flow up (any later scan is void then anyway).
 */
import type { Clock } from '@passid/core';

/** Seeds stay this long on the QR by default. */
export const SEED_INTERVAL_MS = 5000;

/** A random index into `count` seeds. */
export const pickSeed = (count: number, clock: Clock): number =>
  Math.min(count - 1, Math.floor((clock.random ?? Math.random)() * count));

export interface SeedRotation {
  stop(): void;
}

/** Shows the seed after `current`, then the next, every `intervalMs`, until `stop()`. One seed: nothing to rotate. */
export function rotateSeeds(
  seeds: readonly string[],
  current: string | undefined,
  intervalMs: number,
  clock: Clock,
  onSeed: (seed: string) => void,
): SeedRotation {
  let index = Math.max(0, current === undefined ? 0 : seeds.indexOf(current));
  let timer: unknown;
  let stopped = seeds.length < 2;
  const next = () => {
    timer = clock.setTimeout(() => {
      if (stopped) return;
      index = (index + 1) % seeds.length;
      onSeed(seeds[index]!);
      next();
    }, intervalMs);
  };
  if (!stopped) next();
  return {
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
    },
  };
}
