/**
 * The sandbox's pasby emulation, mounted under `/pasby` on the same server and database as the
 * PASSID bridge. Every answer under `/pasby` is pasby's envelope `{ status, reason, data? }`.
 * See docs/pasby.md.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { SandboxContext } from '../context.js';
import { ApiError } from '../http.js';
import { apiRoutes } from './api.js';
import { pasbyKeys } from './crypto.js';
import type { PasbyEnv, PasbyOptions } from './env.js';
import { failed, PasbyFailure } from './http.js';
import { createFlowStore } from './store.js';
import { streamRoutes } from './stream.js';
import { walletRoutes } from './wallet.js';

export type { PasbyOptions } from './env.js';
export { PASBY_APPS, PASBY_CLAIMS, PASBY_PERSONAS } from './fixtures.js';
export type { PasbyApp, PasbyClaim, PasbyPersona } from './fixtures.js';

/** Where the emulation is mounted. */
export const PASBY_BASE_PATH = '/pasby';

/** The pasby routes as a Hono app, to mount at `/pasby`. Makes the key pair on a new database. */
export function createPasbyApp(ctx: SandboxContext, options: PasbyOptions = {}): Hono {
  const env: PasbyEnv = {
    ctx,
    flows: createFlowStore(ctx.db),
    keys: pasbyKeys(ctx.db),
    longPollMs: options.longPollMs ?? 25_000,
    sseIntervalMs: options.sseIntervalMs ?? 2_000,
    signal: options.signal,
  };
  const app = new Hono();
  apiRoutes(app, env);
  streamRoutes(app, env);
  walletRoutes(app, env);
  app.all('*', (c) => failed(c, 404, `No pasby route for ${c.req.method} ${c.req.path}.`));
  app.onError((err, c) => {
    if (err instanceof PasbyFailure) return failed(c, err.status, err.reason, err.headers);
    if (err instanceof ApiError) return failed(c, err.status, err.message, err.headers);
    throw err; // the sandbox's own handler logs it; pasbyEnvelope rewrites the answer
  });
  return app;
}

/**
 * Rewrites the sandbox's `{ error }` answers under `/pasby` (an oversized body, an unexpected
 * error) into pasby's envelope. Register it before every other middleware.
 */
export const pasbyEnvelope: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status < 400 || !c.res.headers.get('content-type')?.includes('application/json')) return;
  const body = (await c.res.clone().json().catch(() => null)) as { error?: { message?: unknown } } | null;
  if (typeof body?.error?.message !== 'string') return;
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res = new Response(JSON.stringify({ status: 'failed', reason: body.error.message }), { status: c.res.status, headers });
};
