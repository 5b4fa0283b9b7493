/**
 * `GET /api/bridge/request/:requestId/events`: the status of one request as a server-sent
 * event stream (docs/bridge-api.md, "Status stream"). The first event is the current status;
 * then one event per change, pushed by the status bus when fulfil, decline or expiry happen;
 * the response ends after the end status. `: hb` comments keep idle connections open.
 */
import type { Hono } from 'hono';
import { requireInstitution, type SandboxContext } from '../context.js';
import { ApiError } from '../http.js';
import { statusBody } from '../requests.js';

/** Open streams allowed per key and request; the next one gets 429. */
export const MAX_STREAMS_PER_REQUEST = 20;
/** `Retry-After` of that 429, in seconds. */
const STREAM_CAP_RETRY_AFTER_S = 5;

const encoder = new TextEncoder();

/**
 * `Last-Event-ID` as a number, or null when absent or not an event id of this API (a
 * non-negative integer). An unknown id makes the stream start with the current status.
 */
function parseLastEventId(header: string | undefined): number | null {
  const value = header?.trim() ?? '';
  return /^\d{1,15}$/.test(value) ? Number(value) : null;
}

export function eventRoutes(app: Hono, ctx: SandboxContext): void {
  const { now, requests, bus, heartbeatMs } = ctx;
  /** Open streams per `<institution>:<request>`. */
  const open = new Map<string, number>();

  app.get('/api/bridge/request/:requestId/events', (c) => {
    const inst = requireInstitution(ctx, c);
    const requestId = c.req.param('requestId');
    const first = requests.getFor(requestId, inst.id);
    if (!first) throw new ApiError('NOT_FOUND', 'No such request for this institution.');
    const slot = `${inst.id}:${requestId}`;
    const count = open.get(slot) ?? 0;
    if (count >= MAX_STREAMS_PER_REQUEST) {
      throw new ApiError(
        'RATE_LIMITED',
        `At most ${MAX_STREAMS_PER_REQUEST} open status streams per request. Close one, or poll GET /api/bridge/request/:requestId.`,
        { 'Retry-After': String(STREAM_CAP_RETRY_AFTER_S) },
      );
    }
    open.set(slot, count + 1);

    const lastEventId = parseLastEventId(c.req.header('last-event-id'));
    let sentId = lastEventId ?? -1;
    let finished = false;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let unsubscribe = () => {};

    const release = () => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      unsubscribe();
      const left = (open.get(slot) ?? 1) - 1;
      if (left > 0) open.set(slot, left);
      else open.delete(slot);
    };

    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const end = () => {
          if (finished) return;
          release();
          controller.close();
        };
        /** Sends the current status if it is newer than what the client has; ends after an end status. */
        const sendCurrent = () => {
          if (finished) return;
          const row = requests.get(requestId);
          if (!row) return end();
          const { eventId, json } = statusBody(row, now());
          // An id the client has (or one from the future, i.e. unknown) is not sent again,
          // unless it is unknown: then the current status goes first.
          if (eventId !== sentId) {
            controller.enqueue(encoder.encode(`id: ${eventId}\nevent: status\ndata: ${json}\n\n`));
            sentId = eventId;
          }
          if (eventId >= 2) end();
        };
        unsubscribe = bus.subscribe(requestId, (signal) => (signal === 'close' ? end() : sendCurrent()), first.expires_at);
        sendCurrent();
        if (!finished) {
          heartbeat = setInterval(() => {
            controller.enqueue(encoder.encode(': hb\n\n'));
            // Changes are pushed on the write; this only catches a clock that was moved (the
            // sandbox's `now` in tests) past `expiresAt`, which no timer could foresee.
            sendCurrent();
          }, heartbeatMs);
        }
      },
      cancel() {
        release(); // the client went away
      },
    });

    c.header('Content-Type', 'text/event-stream; charset=utf-8');
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return c.body(body, 200);
  });
}
