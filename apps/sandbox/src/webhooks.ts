/**
 * Webhooks: the signer and a durable outbox. Events are written in the same SQLite
 * transaction as the change that caused them; a worker delivers them with the schedule of
 * the contract (immediately, then 30 s, 5 min, 30 min, 2 h; 5 attempts), claiming each
 * delivery in a transaction before sending so no attempt is made twice by one process.
 * After a crash, an attempt that was in flight is recorded as interrupted and retried.
 */
import { createHmac } from 'node:crypto';
import type { WebhookEventType } from '@passid/core/wire';
import type { Db } from './db.js';
import { randomId } from './ids.js';

/** `sha256=<hex HMAC-SHA256(secret, rawBody)>`, the `X-PASSID-Signature` header value. */
export function signWebhookPayload(secret: string, rawBody: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Delays before attempts 2–5, in seconds (multiplied by the retry scale). */
export const RETRY_DELAYS_S = [30, 300, 1800, 7200] as const;
/** Attempts per delivery, the first one included. */
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;

export interface OutboxOptions {
  db: Db;
  now: () => number;
  /** Multiplies the retry delays. @default 1 */
  retryScale: number;
  /** Timeout of one attempt. @default 10_000 */
  attemptTimeoutMs: number;
  log: (line: string) => void;
}

interface DueRow { id: string; event_id: string; institution_id: string; url: string; attempts: number; type: string; data: string }

export interface Outbox {
  /** Records an event and its delivery (call inside the transaction of the change). Returns the event id, or null without an endpoint. */
  enqueue(institutionId: string, type: WebhookEventType, data: unknown): string | null;
  /** Looks for due deliveries now (after a commit). */
  kick(): void;
  start(): void;
  /** Stops the timer and aborts attempts in flight (they are retried on the next start). */
  stop(): Promise<void>;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { db, now, retryScale, attemptTimeoutMs, log } = options;
  const q = {
    endpoint: db.prepare('SELECT url, secret FROM webhook_endpoints WHERE institution_id = ?'),
    insertEvent: db.prepare('INSERT INTO webhook_events (id, institution_id, type, data, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertDelivery: db.prepare(
      "INSERT INTO webhook_deliveries (id, event_id, institution_id, url, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
    ),
    due: db.prepare(
      `SELECT d.id, d.event_id, d.institution_id, d.url, d.attempts, e.type, e.data
       FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
       WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at LIMIT 50`,
    ),
    claim: db.prepare("UPDATE webhook_deliveries SET status = 'in_flight', attempts = attempts + 1 WHERE id = ? AND status = 'pending'"),
    insertAttempt: db.prepare('INSERT INTO webhook_attempts (delivery_id, created_at, started_at) VALUES (?, ?, ?)'),
    finishAttempt: db.prepare('UPDATE webhook_attempts SET finished_at = ?, status_code = ?, error = ? WHERE id = ?'),
    settle: db.prepare('UPDATE webhook_deliveries SET status = ?, next_attempt_at = ? WHERE id = ?'),
    release: db.prepare("UPDATE webhook_deliveries SET status = 'pending', attempts = attempts - 1, next_attempt_at = ? WHERE id = ?"),
    nextDue: db.prepare("SELECT MIN(next_attempt_at) AS t FROM webhook_deliveries WHERE status = 'pending'"),
    interruptedAttempts: db.prepare(
      "UPDATE webhook_attempts SET finished_at = ?, error = 'interrupted: the sandbox stopped during this attempt' WHERE finished_at IS NULL",
    ),
    interruptedDeliveries: db.prepare(
      "UPDATE webhook_deliveries SET status = 'pending', attempts = attempts - 1, next_attempt_at = ? WHERE status = 'in_flight'",
    ),
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  const inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();

  const claim = db.transaction((row: DueRow, createdAt: string, startedAt: number): number | null => {
    if (q.claim.run(row.id).changes !== 1) return null;
    return Number(q.insertAttempt.run(row.id, createdAt, startedAt).lastInsertRowid);
  });

  const finish = db.transaction((row: DueRow, attemptId: number, code: number | null, error: string | null) => {
    const t = now();
    q.finishAttempt.run(t, code, error, attemptId);
    const attempts = row.attempts + 1;
    if (code !== null && code >= 200 && code < 300) q.settle.run('delivered', null, row.id);
    else if (attempts >= MAX_ATTEMPTS) q.settle.run('failed', null, row.id);
    else q.settle.run('pending', t + Math.round(RETRY_DELAYS_S[attempts - 1]! * 1000 * retryScale), row.id);
  });

  const interrupt = db.transaction((row: DueRow, attemptId: number) => {
    q.finishAttempt.run(now(), null, 'interrupted: the sandbox stopped during this attempt', attemptId);
    q.release.run(now(), row.id);
  });

  async function attempt(row: DueRow, controller: AbortController): Promise<void> {
    const endpoint = q.endpoint.get(row.institution_id) as { url: string; secret: string } | undefined;
    const createdAt = new Date(now()).toISOString();
    const attemptId = claim(row, createdAt, now());
    if (attemptId === null) return;
    // `data` is spliced in as stored, so every attempt carries the same event bytes.
    const body = `{"id":${JSON.stringify(row.event_id)},"type":${JSON.stringify(row.type)},"createdAt":"${createdAt}","institutionId":${JSON.stringify(row.institution_id)},"data":${row.data}}`;
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(attemptTimeoutMs)]);
    let code: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'passid-sandbox-webhooks/1',
          'x-passid-signature': signWebhookPayload(endpoint?.secret ?? '', body),
          'x-passid-event-id': row.event_id,
        },
        body,
        signal,
        redirect: 'manual',
      });
      code = res.status;
      await res.body?.cancel().catch(() => undefined);
    } catch (err) {
      if (controller.signal.aborted) {
        interrupt(row, attemptId);
        return;
      }
      error = signal.aborted ? `timeout after ${attemptTimeoutMs} ms` : String((err as Error).cause ?? (err as Error).message);
    }
    if (!db.open) return;
    finish(row, attemptId, code, error);
    const n = row.attempts + 1;
    log(`webhook ${row.type} ${row.event_id} → ${code ?? error} (attempt ${n}/${MAX_ATTEMPTS})`);
  }

  function schedule(): void {
    if (!running) return;
    clearTimeout(timer);
    const { t } = q.nextDue.get() as { t: number | null };
    if (t === null) return;
    const delay = Math.min(Math.max(0, t - now()), 60_000);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick(): void {
    if (!running) return;
    const rows = q.due.all(now()) as DueRow[];
    for (const row of rows) {
      if (inFlight.has(row.id)) continue;
      const controller = new AbortController();
      const done = attempt(row, controller)
        .catch((err: unknown) => log(`webhook worker error: ${String(err)}`))
        .finally(() => {
          inFlight.delete(row.id);
          schedule();
        });
      inFlight.set(row.id, { controller, done });
    }
    schedule();
  }

  return {
    enqueue(institutionId, type, data) {
      const endpoint = q.endpoint.get(institutionId) as { url: string } | undefined;
      if (!endpoint) return null;
      const id = randomId('evt_');
      const t = now();
      q.insertEvent.run(id, institutionId, type, JSON.stringify(data), t);
      q.insertDelivery.run(randomId('whd_'), id, institutionId, endpoint.url, t, t);
      return id;
    },
    kick() {
      if (running) setImmediate(tick);
    },
    start() {
      const t = now();
      db.transaction(() => {
        q.interruptedAttempts.run(t);
        q.interruptedDeliveries.run(t);
      })();
      running = true;
      tick();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      for (const { controller } of inFlight.values()) controller.abort();
      await Promise.all([...inFlight.values()].map((f) => f.done));
    },
  };
}
