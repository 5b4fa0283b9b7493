/**
 * The Hono app: one middleware adds the API version, CORS and the log line to every
 * response (errors, 404s and preflights too); errors become the `{ error }` envelope.
 */
import { Hono } from 'hono';
import type { SandboxContext } from './context.js';
import { ApiError, errorResponse, MAX_BODY_BYTES } from './http.js';
import { mask } from './ids.js';
import { createPasbyApp, pasbyEnvelope, PASBY_BASE_PATH, type PasbyOptions } from './pasby/index.js';
import { bridgeRoutes } from './routes/bridge.js';
import { eventRoutes } from './routes/events.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { walletRoutes } from './routes/wallet.js';

const EXPOSE = 'X-PASSID-API-Version, Retry-After, Idempotent-Replayed, Date';
const ALLOW_HEADERS = 'X-Institution-Key, Idempotency-Key, Content-Type, Authorization, Last-Event-ID, Accept';

export function createApp(ctx: SandboxContext, log: ((line: string) => void) | null, options: { pasby?: PasbyOptions } = {}): Hono {
  const app = new Hono();
  // pasby's emulation answers in pasby's envelope, even for the errors made below.
  app.use(`${PASBY_BASE_PATH}/*`, pasbyEnvelope);

  app.use('*', async (c, next) => {
    const start = log ? performance.now() : 0;
    c.header('X-PASSID-API-Version', '1');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Access-Control-Expose-Headers', EXPOSE);
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      c.res = c.body(null, 204);
    } else if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) {
      // Every route, even one that ignores its body; streamed bodies are counted in readRawBody.
      c.res = errorResponse(c, new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes (16 KiB).`));
    } else {
      await next();
    }
    // A body that was not read to the end (refused as too large, or by a route that never
    // reads one) still sits on the connection: say so and close it after this answer, or a
    // keep-alive client would send its next request down a connection that gets cut.
    const sentBody = c.req.header('transfer-encoding') !== undefined || Number(c.req.header('content-length') ?? 0) > 0;
    if (sentBody && (!c.req.raw.bodyUsed || c.res.status === 413)) c.res.headers.set('Connection', 'close');
    if (log) {
      const key = c.req.header('x-institution-key');
      const ms = (performance.now() - start).toFixed(1);
      log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms${key ? ` key=${mask(key)}` : ''}`);
    }
  });

  bridgeRoutes(app, ctx);
  walletRoutes(app, ctx);
  sandboxRoutes(app, ctx);
  eventRoutes(app, ctx);
  app.route(PASBY_BASE_PATH, createPasbyApp(ctx, options.pasby));

  app.notFound((c) => errorResponse(c, new ApiError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    log?.(`error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return errorResponse(c, new ApiError('INTERNAL', 'The sandbox hit an unexpected error.'));
  });
  return app;
}
