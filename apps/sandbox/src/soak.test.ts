/**
 * The soak, short (`pnpm bench:soak` runs the long one, and measures the heap): 50 real
 * controllers against a real sandbox (temp database, rate limit off) for 10 s, each looping
 * create → approve / sanctions / decline / expire at a random moment → next session. Every
 * session ends exactly once, as its action calls for, without an error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startSandbox } from './server.js';

interface SoakResult {
  sessions: number;
  endedOnce: number;
  missing: number;
  stray: number;
  wrong: number;
  ends: Record<'success' | 'HARD_DENY_SANCTIONS_MATCH' | 'CUSTOMER_DECLINED' | 'REQUEST_EXPIRED' | 'other', number>;
  errorCount: number;
  controllersMade: number;
  notes: string[];
  ok: boolean;
}
const { runSoak, slope } = (await import('../bench/soak-run.mjs' as string)) as {
  runSoak(options: { url: string; controllers: number; seconds: number; seed: number; maxActionMs?: number }): Promise<SoakResult>;
  slope(points: { x: number; y: number }[]): number;
};

it('50 controllers × 10 s: every session ends exactly once, as its action calls for, with 0 errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'passid-soak-'));
  const sandbox = await startSandbox({ dbPath: join(dir, 'soak.db'), rateLimit: '0' });
  try {
    const result = await runSoak({ url: sandbox.url, controllers: 50, seconds: 10, seed: 7, maxActionMs: 1000 });
    expect(result.notes).toEqual([]);
    expect(result.sessions).toBeGreaterThan(100);
    expect(result.endedOnce).toBe(result.sessions);
    expect({ missing: result.missing, stray: result.stray, wrong: result.wrong, errors: result.errorCount }).toEqual({
      missing: 0,
      stray: 0,
      wrong: 0,
      errors: 0,
    });
    // Each way a session ends was taken, and controllers were disposed and replaced on the way.
    const { success, HARD_DENY_SANCTIONS_MATCH, CUSTOMER_DECLINED, REQUEST_EXPIRED, other } = result.ends;
    for (const count of [success, HARD_DENY_SANCTIONS_MATCH, CUSTOMER_DECLINED, REQUEST_EXPIRED]) expect(count).toBeGreaterThan(0);
    expect(other).toBe(0);
    expect(result.controllersMade).toBeGreaterThan(50);
    expect(result.ok).toBe(true);
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it('the heap slope is the least-squares one', () => {
  expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBe(2);
  expect(slope([{ x: 0, y: 4 }, { x: 1, y: 2 }, { x: 2, y: 4 }, { x: 3, y: 2 }])).toBeCloseTo(-0.4);
  expect(slope([{ x: 1, y: 9 }])).toBe(0);
});
