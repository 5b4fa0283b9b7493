/** A fixed-window rate limiter per institution key (in memory; resets on restart). */

export interface RateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

/** Parses `<requests>/<seconds>` (`'300/10'`); `'0'`, `'off'` or `''` disables it (null). */
export function parseRateLimit(spec: string): RateLimit | null {
  const s = spec.trim().toLowerCase();
  if (s === '0' || s === 'off' || s === '') return null;
  const m = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) {
    throw new Error(`[passid] invalid rate limit "${spec}": expected "<requests>/<seconds>" (e.g. "300/10") or "0"`);
  }
  return { requests: Number(m[1]), windowMs: Number(m[2]) * 1000 };
}

/** Returns a check: `null` when allowed, else the seconds to wait (`Retry-After`). */
export function createRateLimiter(limit: RateLimit | null, now: () => number = Date.now): (key: string) => number | null {
  if (!limit) return () => null;
  const windows = new Map<string, { start: number; count: number }>();
  return (key) => {
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= limit.windowMs) {
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    if (w.count <= limit.requests) return null;
    return Math.max(1, Math.ceil((w.start + limit.windowMs - t) / 1000));
  };
}
