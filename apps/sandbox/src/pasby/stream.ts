/**
 * Watching a flow: SSE (`GET /api/v2/flow/sse`) and v1 long polling (`POST /api/{v1,v2}/flow/polling`).
 * Both wake on the store's change notification (fan-out on the write), not on a timer; the
 * SSE stream also repeats the flow every `sseIntervalMs` (pasby's "about every 2 s"), which is
 * also when it notices expiry.
 */
import type { Context, Hono } from 'hono';
import { EXPIRED, FlowBody, readableFlow } from './api.js';
import type { PasbyEnv } from './env.js';
import { PasbyFailure, readBody, requireApp, successful } from './http.js';
import { flowState, isFinal } from './store.js';
import { pingOf } from './views.js';

const encoder = new TextEncoder();

export function streamRoutes(app: Hono, env: PasbyEnv): void {
  const { ctx, flows, keys } = env;

  app.get('/api/v2/flow/sse', (c) => {
    const owner = requireApp(ctx, c, keys.jwtSecret, 'secret-optional');
    const id = c.req.query('request');
    if (!id) throw new PasbyFailure(400, 'The query needs request (the flow id, req_…).');
    readableFlow(env, owner, id); // 404 / 410 as JSON, before the stream starts
    let cleanup = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let closed = false;
        const close = () => {
          if (closed) return;
          closed = true;
          cleanup();
          controller.close();
        };
        const send = () => {
          if (closed) return;
          const row = flows.get(id);
          const state = row ? flowState(row, ctx.now()) : 'gone';
          if (!row || state === 'expired' || state === 'gone') {
            controller.enqueue(encoder.encode(`event: expired\ndata: ${JSON.stringify({ status: 'failed', reason: EXPIRED })}\n\n`));
            close();
            return;
          }
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(pingOf(row, owner))}\n\n`));
          if (isFinal(state)) close();
        };
        const unsubscribe = flows.subscribe(id, send);
        const timer = setInterval(send, env.sseIntervalMs);
        env.signal?.addEventListener('abort', close);
        cleanup = () => {
          unsubscribe();
          clearInterval(timer);
          env.signal?.removeEventListener('abort', close);
        };
        send();
      },
      cancel() {
        cleanup();
      },
    });
    return c.body(body, 200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  });

  /** Resolves at the flow's next change, after `ms`, or when the caller or the sandbox goes away. */
  function nextChange(c: Context, id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        unsubscribe();
        clearTimeout(timer);
        c.req.raw.signal.removeEventListener('abort', done);
        env.signal?.removeEventListener('abort', done);
        resolve();
      };
      const unsubscribe = flows.subscribe(id, done);
      const timer = setTimeout(done, ms);
      c.req.raw.signal.addEventListener('abort', done);
      env.signal?.addEventListener('abort', done);
      if (c.req.raw.signal.aborted || env.signal?.aborted) done();
    });
  }

  for (const version of ['v1', 'v2'] as const) {
    app.post(`/api/${version}/flow/polling`, async (c) => {
      const owner = requireApp(ctx, c, keys.jwtSecret, 'secret-or-token');
      const { request } = await readBody(c, FlowBody);
      const row = readableFlow(env, owner, request);
      if (!isFinal(flowState(row, ctx.now()))) {
        // Wake at the flow's expiry too, so an unanswered flow ends as 410 without the full wait.
        await nextChange(c, request, Math.min(env.longPollMs, Math.max(0, row.exp * 1000 - ctx.now())));
      }
      return successful(c, 'Ping successful', { request: pingOf(readableFlow(env, owner, request), owner) });
    });
  }
}
