/** `startSandbox`: the HTTP server, the database and the webhook worker, started and stopped together. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.js';
import { createContext } from './context.js';
import { openDb } from './db.js';
import type { PasbyOptions } from './pasby/index.js';
import { createRateLimiter, parseRateLimit } from './rate-limit.js';
import { createOutbox } from './webhooks.js';

/** The longest heartbeat interval (an hour; Node's timers overflow at about 24.8 days). */
const MAX_HEARTBEAT_MS = 3_600_000;

export interface SandboxOptions {
  /** Port to listen on; `0` picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** SQLite file (its directory is created), or `':memory:'`. @default ':memory:' */
  dbPath?: string;
  /** Multiplies the webhook retry delays (30 s, 5 min, 30 min, 2 h). @default 1 */
  retryScale?: number;
  /** Per-key rate limit, `'<requests>/<seconds>'`, or `'0'` to disable. @default '300/10' */
  rateLimit?: string;
  /** `true` logs one line per request to stdout; a function receives the lines. @default false */
  log?: boolean | ((line: string) => void);
  /** The clock (ms since epoch) for expiry and timestamps. @default Date.now */
  now?: () => number;
  /** Timeout of one webhook delivery attempt in ms. @default 10_000 */
  webhookTimeoutMs?: number;
  /** Extra time every verify call takes, to simulate a slow bridge. @default 0 */
  verifyDelayMs?: number;
  /**
   * On `close()`, how long in-flight requests get to finish before their connections are cut
   * (a stuck or half-sent request never blocks shutdown). @default 5000
   */
  closeGraceMs?: number;
  /**
   * Time between `: hb` comments on an idle status stream
   * (`GET /api/bridge/request/:id/events`), in ms. @default 15_000
   */
  heartbeatMs?: number;
  /** Timings of the pasby emulation under `/pasby` (long poll 25 s, SSE every 2 s). */
  pasby?: Omit<PasbyOptions, 'signal'>;
}

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /** Stops accepting, finishes in-flight requests, stops the webhook worker, closes the DB. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const retryScale = options.retryScale ?? 1;
  if (!(retryScale > 0)) throw new Error(`[passid] retryScale must be a positive number, got ${retryScale}`);
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  if (!(heartbeatMs >= 10 && heartbeatMs <= MAX_HEARTBEAT_MS)) {
    throw new Error(`[passid] heartbeatMs must be a number of ms from 10 to ${MAX_HEARTBEAT_MS}, got ${heartbeatMs}`);
  }
  const log = options.log === true ? (line: string) => console.log(line) : options.log || null;
  const db = openDb(options.dbPath ?? ':memory:');
  const outbox = createOutbox({
    db,
    now,
    retryScale,
    attemptTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    log: log ?? (() => undefined),
  });
  const ctx = createContext({
    db,
    now,
    outbox,
    rateLimit: createRateLimiter(parseRateLimit(options.rateLimit ?? '300/10')),
    verifyDelayMs: options.verifyDelayMs ?? 0,
    heartbeatMs,
  });
  // Aborted on close(): pasby's open SSE streams and long polls end instead of holding shutdown.
  const stopping = new AbortController();
  const app = createApp(ctx, log, { pasby: { ...options.pasby, signal: stopping.signal } });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  server.keepAliveTimeout = 5_000;
  let closing: Promise<void> | undefined;
  // A response that ends during close() (a status stream, a slow verify) leaves its keep-alive
  // connection idle: close it then, rather than at the end of the grace period.
  server.on('request', (_req, res) => res.once('finish', () => closing && server.closeIdleConnections()));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  outbox.start();
  const purge = setInterval(() => ctx.idempotency.purge(), 60 * 60 * 1000);
  purge.unref();

  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        clearInterval(purge);
        ctx.bus.close(); // ends every status stream, so none holds the shutdown up
        stopping.abort();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const cut = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 5_000);
        cut.unref();
        await closed;
        clearTimeout(cut);
        await outbox.stop();
        db.close();
      })();
      return closing;
    },
  };
}
