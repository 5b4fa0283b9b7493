/**
 * Per-client rate limits for the proxy: a small store interface (one atomic `hit` per request),
 * an in-memory store, and the ways to tell the client's IP address. Without them one browser
 * could spend the institution's whole PASSID rate limit (its key is shared by every customer).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { PassidConfigError } from './errors.js';

/** What a store answers for one request. */
export interface RateLimitResult {
  /** Whether this request is within the limit. */
  allowed: boolean;
  /** When refused: ms until the window ends and requests are allowed again (else 0). */
  retryAfterMs: number;
}

/**
 * Where the proxy counts requests. `hit` counts one request for `key` against a budget of
 * `limit` requests per `windowMs` and says whether it is within; `retryAfterMs` says when one
 * more would be. How is the store's choice: the memory store counts fixed windows (a window
 * starts with its first hit), `createRedisRateLimitStore` (`@passid/server/redis`) uses GCRA.
 * It must be atomic: of two concurrent hits, never both take the last place. Refused hits may
 * count too. A store that throws lets the request through (and the proxy warns).
 */
export interface RateLimitStore {
  hit(key: string, limit: number, windowMs: number): RateLimitResult | Promise<RateLimitResult>;
}

export interface MemoryRateLimitStoreOptions {
  /** The clock, ms since the epoch. @default Date.now */
  now?: () => number;
  /**
   * Most keys kept: past it, ended windows are dropped, then the oldest windows, so memory
   * stays bounded under a flood of new addresses. @default 100_000
   */
  maxKeys?: number;
}

/** The memory store answers at once. */
export interface MemoryRateLimitStore extends RateLimitStore {
  hit(key: string, limit: number, windowMs: number): RateLimitResult;
}

/** The default store: one process's memory (with several instances, use a shared store). */
export function createMemoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): MemoryRateLimitStore {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  /** Windows in the order they started, so the oldest come first. */
  const windows = new Map<string, { endsAt: number; count: number }>();

  function makeRoom(t: number): void {
    for (const [key, w] of windows) if (w.endsAt <= t) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  }

  return {
    hit(key, limit, windowMs) {
      const t = now();
      let w = windows.get(key);
      if (!w || w.endsAt <= t) {
        windows.delete(key);
        if (windows.size >= maxKeys) makeRoom(t);
        w = { endsAt: t + windowMs, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count <= limit ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: w.endsAt - t };
    },
  };
}

/** A limit: at most `limit` requests per `windowMs`. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** The proxy's `rateLimit` option. */
export interface ProxyRateLimitOptions {
  /**
   * Per request handle: status reads and status streams of one QR request. The component polls
   * every 2.5 s (24 a minute) or holds one stream. `false` turns it off.
   * @default { limit: 60, windowMs: 60_000 }
   */
  perHandle?: RateLimitRule | false;
  /**
   * Per client IP address (IPv6 by its /64), every proxy call. Many customers can share one
   * address (an office, a mobile carrier's NAT): raise it if yours do. Applied only when the
   * address is known (see `clientIp`). `false` turns it off.
   * @default { limit: 300, windowMs: 60_000 }
   */
  perIp?: RateLimitRule | false;
  /** Where counts live. @default createMemoryRateLimitStore() (per process) */
  store?: RateLimitStore;
  /**
   * The client's IP address. Never read from a header unless you say so: behind your own
   * reverse proxy or load balancer, pass `trustForwardedFor(n)` or read the header your
   * platform sets. `null` or `undefined` → the per-IP limit is skipped for that request.
   * @default the socket's address when the proxy runs under `toNodeHandler`, else unknown
   */
  clientIp?: (request: Request) => string | null | undefined;
  /** Prefix of the store's keys. @default 'passid:ratelimit:' */
  keyPrefix?: string;
}

export const DEFAULT_PER_HANDLE: RateLimitRule = { limit: 60, windowMs: 60_000 };
export const DEFAULT_PER_IP: RateLimitRule = { limit: 300, windowMs: 60_000 };

/** Addresses `toNodeHandler` saw on the socket, for the requests it made. */
const socketAddresses = new WeakMap<Request, string>();

/** Called by `toNodeHandler`: the address the request came from. */
export function rememberSocketAddress(request: Request, address: string | undefined): void {
  if (address) socketAddresses.set(request, address);
}

/** The socket address `toNodeHandler` saw for `request`, if it made it. */
export function socketAddress(request: Request): string | undefined {
  return socketAddresses.get(request);
}

/**
 * Reads the client's address from `X-Forwarded-For` as your own proxies wrote it: `hops` is how
 * many proxies you run in front of this server (each appends the address it saw), so the
 * `hops`-th address from the right is the one your outermost proxy saw. Addresses further left
 * are whatever the client claimed. Use it only when every request comes through those proxies.
 */
export function trustForwardedFor(hops = 1): (request: Request) => string | null {
  if (!Number.isInteger(hops) || hops < 1) throw new RangeError(`[passid] trustForwardedFor needs hops ≥ 1, got ${hops}`);
  return (request) => {
    const list = (request.headers.get('x-forwarded-for') ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    return list[list.length - hops] ?? null;
  };
}

/** The key an address is counted under: IPv4 as is (also IPv4-mapped IPv6), IPv6 by its /64. */
export function addressKey(address: string): string | null {
  const ip = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:/i.test(ip) ? ip.slice(7) : ip;
  if (isIPv4(mapped)) return mapped;
  if (!isIPv6(ip)) return null;
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** The proxy's two checks; each resolves to `null` (go on) or the ms to wait (answer 429). */
export interface ProxyLimiter {
  client(request: Request): Promise<number | null>;
  handle(requestId: string): Promise<number | null>;
}

function checkRule(name: string, rule: RateLimitRule | false | undefined, fallback: RateLimitRule): RateLimitRule | null {
  if (rule === false) return null;
  const r = rule ?? fallback;
  if (!Number.isInteger(r.limit) || r.limit < 1 || !Number.isFinite(r.windowMs) || r.windowMs <= 0) {
    throw new PassidConfigError(`rateLimit.${name} needs a whole limit ≥ 1 and a positive windowMs (or false to turn it off).`);
  }
  return r;
}

/** Builds the checks from the `rateLimit` option (`false`: none). */
export function createProxyLimiter(options: ProxyRateLimitOptions | false | undefined, warn: (message: string) => void): ProxyLimiter {
  const perHandle = options === false ? null : checkRule('perHandle', options?.perHandle, DEFAULT_PER_HANDLE);
  const perIp = options === false ? null : checkRule('perIp', options?.perIp, DEFAULT_PER_IP);
  const settings = options || {};
  const store = settings.store ?? createMemoryRateLimitStore();
  const prefix = settings.keyPrefix ?? 'passid:ratelimit:';
  const clientIp = settings.clientIp ?? socketAddress;
  let lastStoreWarning = -Infinity;
  let warnedNoAddress = false;

  async function hit(key: string, rule: RateLimitRule): Promise<number | null> {
    try {
      const result = await store.hit(prefix + key, rule.limit, rule.windowMs);
      return result.allowed ? null : Math.max(result.retryAfterMs, 1);
    } catch (error) {
      // Failing open: the limits protect PASSID's quota, and a broken store must not stop
      // every verification. Said at most once a minute.
      if (Date.now() - lastStoreWarning > 60_000) {
        lastStoreWarning = Date.now();
        const detail = (error instanceof Error ? error.message : String(error)).replace(/^\[passid\] /, '');
        warn(`the rate-limit store failed, so the request went through unlimited: ${detail}`);
      }
      return null;
    }
  }

  return {
    async client(request) {
      if (!perIp) return null;
      const address = clientIp(request);
      const key = address ? addressKey(address) : null;
      if (key === null) {
        if (!warnedNoAddress && typeof process !== 'undefined' && process.env.NODE_ENV === 'production') {
          warnedNoAddress = true;
          warn('the proxy cannot tell client addresses apart, so its per-IP rate limit is off: pass rateLimit.clientIp (e.g. trustForwardedFor(1) behind your load balancer).');
        }
        return null;
      }
      return hit(`ip:${key}`, perIp);
    },
    async handle(requestId) {
      return perHandle ? hit(`handle:${requestId}`, perHandle) : null;
    },
  };
}
