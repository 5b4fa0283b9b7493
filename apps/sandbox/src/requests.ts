/** QR verification requests: creation, reading (with derived expiry) and their statements. */
import type { Claims, Permission, RequestStatus } from '@passid/core/wire';
import type { Db } from './db.js';
import { iso } from './http.js';
import { randomCode, randomId } from './ids.js';

export interface RequestRow {
  id: string;
  institution_id: string;
  institution_name: string;
  code: string;
  status: 'pending' | 'completed' | 'declined';
  permissions: string;
  created_at: number;
  expires_at: number;
  claims: string | null;
  verified_at: number | null;
  decline_reason: string | null;
  token: string | null;
}

/** The status a reader sees: a pending request past `expiresAt` is `expired`. */
export function effectiveStatus(row: RequestRow, now: number): RequestStatus {
  return row.status === 'pending' && now >= row.expires_at ? 'expired' : row.status;
}

/**
 * The body of `GET /api/bridge/request/:id` at time `t` (a RequestStatusResponse), built as a
 * string: the stored JSON (permissions, claims) is spliced in as is. The status streams send
 * exactly this as their `data`. `eventId` numbers the states a request goes through: 1 while
 * pending, 2 once it has ended (completed, declined or expired); it never goes back.
 */
export function statusBody(row: RequestRow, t: number): { status: RequestStatus; eventId: number; json: string } {
  const status = effectiveStatus(row, t);
  let json =
    `{"requestId":${JSON.stringify(row.id)},"code":"${row.code}","status":"${status}","permissions":${row.permissions}` +
    `,"createdAt":"${iso(row.created_at)}","expiresAt":"${iso(row.expires_at)}","serverTime":"${iso(t)}"`;
  if (status === 'completed') {
    json += `,"claims":${row.claims ?? '{}'},"verifiedAt":"${iso(row.verified_at ?? t)}"`;
    if (row.token) json += `,"token":"${row.token}"`;
  }
  if (status === 'declined' && row.decline_reason) json += `,"declineReason":${JSON.stringify(row.decline_reason)}`;
  return { status, eventId: status === 'pending' ? 1 : 2, json: `${json}}` };
}

export function createRequestStore(db: Db) {
  const q = {
    byId: db.prepare('SELECT * FROM requests WHERE id = ?'),
    byIdForInstitution: db.prepare('SELECT * FROM requests WHERE id = ? AND institution_id = ?'),
    byCode: db.prepare('SELECT * FROM requests WHERE code = ? ORDER BY created_at DESC LIMIT 1'),
    codeTaken: db.prepare("SELECT 1 FROM requests WHERE code = ? AND status = 'pending' AND expires_at > ?"),
    insert: db.prepare(
      "INSERT INTO requests (id, institution_id, institution_name, code, status, permissions, created_at, expires_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)",
    ),
    complete: db.prepare(
      "UPDATE requests SET status = 'completed', claims = ?, verified_at = ?, token = ? WHERE id = ? AND status = 'pending'",
    ),
    decline: db.prepare("UPDATE requests SET status = 'declined', decline_reason = ? WHERE id = ? AND status = 'pending'"),
    expire: db.prepare("UPDATE requests SET expires_at = ? WHERE id = ? AND status = 'pending' AND expires_at > ?"),
  };
  return {
    get: (id: string) => q.byId.get(id) as RequestRow | undefined,
    getFor: (id: string, institutionId: string) => q.byIdForInstitution.get(id, institutionId) as RequestRow | undefined,
    getByCode: (code: string) => q.byCode.get(code) as RequestRow | undefined,
    create(input: { institutionId: string; institutionName: string; permissions: readonly Permission[]; now: number; ttlMs: number }): RequestRow {
      let code = randomCode();
      // Unique among pending requests (32^8 codes, so a retry is rare).
      while (q.codeTaken.get(code, input.now)) code = randomCode();
      const id = randomId('req_');
      const permissions = JSON.stringify(input.permissions);
      q.insert.run(id, input.institutionId, input.institutionName, code, permissions, input.now, input.now + input.ttlMs);
      return {
        id, institution_id: input.institutionId, institution_name: input.institutionName, code, status: 'pending', permissions,
        created_at: input.now, expires_at: input.now + input.ttlMs, claims: null, verified_at: null, decline_reason: null, token: null,
      };
    },
    complete: (id: string, claims: Claims, verifiedAt: number, token: string) => q.complete.run(JSON.stringify(claims), verifiedAt, token, id).changes === 1,
    decline: (id: string, reason: string) => q.decline.run(reason, id).changes === 1,
    /** Sandbox only: a pending request's `expiresAt` becomes `now`, so it reads `expired` from now on. */
    expire: (id: string, now: number) => q.expire.run(now, id, now).changes === 1,
  };
}
export type RequestStore = ReturnType<typeof createRequestStore>;
