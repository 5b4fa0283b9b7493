/**
 * The API fuzz, short and deterministic (seed 1, 500 requests): malformed and hostile requests
 * over every endpoint of a real sandbox and of two proxies in front of it. `pnpm bench:fuzz`
 * runs the long one (bench/fuzz-harness.mjs has the rules).
 */
import { expect, it } from 'vitest';

interface FuzzResult {
  count: number;
  byStatus: Record<string, number>;
  fiveXX: string[];
  hangs: string[];
  stored: string[];
  healthy: boolean;
}
const { runFuzz } = (await import('../bench/fuzz-harness.mjs' as string)) as {
  runFuzz: (options: { seed: number; count: number }) => Promise<FuzzResult>;
};

it('answers 500 malformed or hostile requests without a 5xx, stores nothing for a refusal, and stays healthy', async () => {
  const result = await runFuzz({ seed: 1, count: 500 });
  expect(result.count).toBe(500);
  expect(result.fiveXX).toEqual([]);
  expect(result.hangs).toEqual([]);
  expect(result.stored).toEqual([]);
  expect(result.healthy).toBe(true);
  // The fuzz reaches past the front door: successes and several kinds of refusal.
  const statuses = Object.keys(result.byStatus).map(Number);
  for (const status of [200, 400, 401, 404]) expect(statuses).toContain(status);
}, 120_000);
