/**
 * Idempotency records for POSTs with an `Idempotency-Key` (scoped per institution, kept
 * 24 h). The first call claims the key (`in_flight`); its response is stored in the same
 * transaction as its effects and replayed byte for byte afterwards.
 */
import { createHash } from 'node:crypto';
import type { Db } from './db.js';
import { ApiError } from './http.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** An `in_flight` claim older than this was left by a crashed process and may be taken over. */
const STALE_IN_FLIGHT_MS = 60_000;

export type Claim = { kind: 'new' } | { kind: 'replay'; status: number; body: string };

export interface Idempotency {
  /** Claims `key` for this request, or returns the stored response; throws 409/422. */
  begin(institutionId: string, key: string, fingerprint: string): Claim;
  /** Stores the response (call inside the transaction of the effects). */
  complete(institutionId: string, key: string, status: number, body: string): void;
  /** Frees the key after a failure, so a retry runs afresh. */
  abandon(institutionId: string, key: string): void;
  /** Deletes records older than 24 h. */
  purge(): void;
}

/** A stable fingerprint of a request: method, path and the parsed body. */
export function fingerprint(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(JSON.stringify(body)).digest('hex');
}

export function createIdempotency(db: Db, now: () => number): Idempotency {
  const q = {
    get: db.prepare('SELECT fingerprint, state, status, body, created_at FROM idempotency WHERE institution_id = ? AND key = ?'),
    claim: db.prepare(
      "INSERT OR REPLACE INTO idempotency (institution_id, key, fingerprint, state, status, body, created_at) VALUES (?, ?, ?, 'in_flight', NULL, NULL, ?)",
    ),
    complete: db.prepare("UPDATE idempotency SET state = 'done', status = ?, body = ? WHERE institution_id = ? AND key = ?"),
    remove: db.prepare("DELETE FROM idempotency WHERE institution_id = ? AND key = ? AND state = 'in_flight'"),
    purge: db.prepare('DELETE FROM idempotency WHERE created_at < ?'),
  };
  type Row = { fingerprint: string; state: string; status: number | null; body: string | null; created_at: number };

  const begin = db.transaction((institutionId: string, key: string, fp: string): Claim => {
    const t = now();
    const row = q.get.get(institutionId, key) as Row | undefined;
    const live = row && t - row.created_at < IDEMPOTENCY_RETENTION_MS;
    if (row && live) {
      if (row.fingerprint !== fp) {
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body. Use a new key for a new request.');
      }
      if (row.state === 'done') return { kind: 'replay', status: row.status ?? 200, body: row.body ?? '' };
      if (t - row.created_at < STALE_IN_FLIGHT_MS) {
        throw new ApiError('CONFLICT', 'A request with this Idempotency-Key is still being processed. Retry shortly.');
      }
    }
    q.claim.run(institutionId, key, fp, t);
    return { kind: 'new' };
  });

  return {
    begin,
    complete: (institutionId, key, status, body) => void q.complete.run(status, body, institutionId, key),
    abandon: (institutionId, key) => void q.remove.run(institutionId, key),
    purge: () => void q.purge.run(now() - IDEMPOTENCY_RETENTION_MS),
  };
}
