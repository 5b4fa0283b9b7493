/**
 * pasby flows in the sandbox's SQLite database: creation, the wallet's pick-up, approval and
 * decline, the institution's cancel, and the derived state (expiry, the 10-minute readable
 * window of a finished flow). Every write notifies the flow's listeners right after it commits
 * (fan-out on the write: SSE streams and long polls wake at once, no timer involved).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../db.js';
import type { PasbyClaim } from './fixtures.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pasby_flows (
  id TEXT PRIMARY KEY,
  app TEXT NOT NULL,
  kind TEXT NOT NULL,
  action TEXT NOT NULL,
  user TEXT NOT NULL,
  claims TEXT NOT NULL,
  payload TEXT NOT NULL,
  iat INTEGER NOT NULL,
  exp INTEGER NOT NULL,
  ip TEXT NOT NULL,
  useragent TEXT NOT NULL,
  stamp TEXT NOT NULL,
  holder TEXT,
  onsession INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  ended_at INTEGER,
  signed_at INTEGER,
  signature TEXT,
  enc_claims TEXT
);
CREATE INDEX IF NOT EXISTS pasby_flows_user ON pasby_flows (user, exp);
CREATE TABLE IF NOT EXISTS pasby_seeds (seed TEXT PRIMARY KEY, flow_id TEXT NOT NULL);
`;

/** Lifetime of a flow: `exp = iat + 360`. */
export const FLOW_TTL_S = 360;
/** How long a completed or cancelled flow stays readable, in ms (10 minutes). */
export const READABLE_MS = 10 * 60 * 1000;

export type FlowKind = 'same-device' | 'wildcard' | 'different-device';

export interface FlowRow {
  id: string;
  app: string;
  kind: FlowKind;
  action: string;
  /** Target NIN of a different-device flow, else `''`. */
  user: string;
  /** JSON array of the requested claim keys. */
  claims: string;
  payload: string;
  iat: number;
  exp: number;
  ip: string;
  useragent: string;
  /** The identification model's `signature` (a JWT stamp). */
  stamp: string;
  /** The persona that picked the flow up (or was targeted and acted on it). */
  holder: string | null;
  onsession: 0 | 1;
  cancelled: 0 | 1;
  /** When it was completed or cancelled (ms). */
  ended_at: number | null;
  /** Unix seconds of approval. */
  signed_at: number | null;
  signature: string | null;
  /** JSON of the encrypted claims. */
  enc_claims: string | null;
}

/**
 * `open`: waiting for a device; `session`: a device holds it; `completed` / `cancelled`: ended
 * and readable for 10 minutes; `expired`: `exp` passed unfinished; `gone`: ended more than 10
 * minutes ago. `expired` and `gone` both read as 410 "Request expired".
 */
export type FlowState = 'open' | 'session' | 'completed' | 'cancelled' | 'expired' | 'gone';

export function flowState(row: FlowRow, nowMs: number): FlowState {
  if (row.cancelled || row.signed_at !== null) {
    if (row.ended_at !== null && nowMs >= row.ended_at + READABLE_MS) return 'gone';
    return row.cancelled ? 'cancelled' : 'completed';
  }
  if (nowMs >= row.exp * 1000) return 'expired';
  return row.onsession ? 'session' : 'open';
}

/** A flow's state is final: its streams end and its long polls answer at once. */
export const isFinal = (state: FlowState): boolean => state !== 'open' && state !== 'session';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `req_<iat>-<4 letters>`, as pasby makes them. */
function flowId(iat: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += LETTERS[randomInt(LETTERS.length)];
  return `req_${iat}-${s}`;
}

/** `pasby://<38 hex>-vi(<32 hex>)`: 280 crypto-random bits. */
export function newSeed(): string {
  return `pasby://${randomBytes(19).toString('hex')}-vi(${randomBytes(16).toString('hex')})`;
}

export interface NewFlow {
  app: string;
  kind: FlowKind;
  action: string;
  user: string;
  claims: readonly PasbyClaim[];
  payload: string;
  ip: string;
  useragent: string;
  nowMs: number;
  seeds: number;
  stamp: (id: string, iat: number, exp: number) => string;
}

export function createFlowStore(db: Db) {
  db.exec(SCHEMA);
  const q = {
    get: db.prepare('SELECT * FROM pasby_flows WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO pasby_flows (id, app, kind, action, user, claims, payload, iat, exp, ip, useragent, stamp)
       VALUES (@id, @app, @kind, @action, @user, @claims, @payload, @iat, @exp, @ip, @useragent, @stamp)`,
    ),
    insertSeed: db.prepare('INSERT INTO pasby_seeds (seed, flow_id) VALUES (?, ?)'),
    bySeed: db.prepare('SELECT f.* FROM pasby_seeds s JOIN pasby_flows f ON f.id = s.flow_id WHERE s.seed = ?'),
    forUser: db.prepare('SELECT * FROM pasby_flows WHERE user = ? AND exp > ? ORDER BY iat DESC, rowid DESC LIMIT 50'),
    pickUp: db.prepare('UPDATE pasby_flows SET holder = ?, onsession = 1 WHERE id = ? AND holder IS NULL AND cancelled = 0 AND signed_at IS NULL'),
    complete: db.prepare(
      'UPDATE pasby_flows SET holder = ?, onsession = 0, signed_at = ?, signature = ?, enc_claims = ?, ended_at = ? WHERE id = ? AND cancelled = 0 AND signed_at IS NULL',
    ),
    cancel: db.prepare('UPDATE pasby_flows SET onsession = 0, cancelled = 1, ended_at = ?, holder = COALESCE(holder, ?) WHERE id = ? AND cancelled = 0 AND signed_at IS NULL'),
  };
  const listeners = new Map<string, Set<() => void>>();

  function notify(id: string): void {
    for (const listener of [...(listeners.get(id) ?? [])]) listener();
  }

  return {
    get: (id: string) => q.get.get(id) as FlowRow | undefined,
    bySeed: (seed: string) => q.bySeed.get(seed) as FlowRow | undefined,
    /** Different-device flows for this NIN whose `exp` has not passed. */
    forUser: (nin: string, nowMs: number) => q.forUser.all(nin, Math.floor(nowMs / 1000)) as FlowRow[],

    /** Inserts a flow and its seeds in one transaction. */
    create(input: NewFlow): { row: FlowRow; seeds: string[] } {
      return db.transaction(() => {
        const iat = Math.floor(input.nowMs / 1000);
        const exp = iat + FLOW_TTL_S;
        let id = flowId(iat);
        while (q.get.get(id)) id = flowId(iat);
        q.insert.run({
          id, app: input.app, kind: input.kind, action: input.action, user: input.user,
          claims: JSON.stringify(input.claims), payload: input.payload, iat, exp,
          ip: input.ip, useragent: input.useragent, stamp: input.stamp(id, iat, exp),
        });
        const seeds: string[] = [];
        for (let i = 0; i < input.seeds; i++) {
          const seed = newSeed();
          q.insertSeed.run(seed, id);
          seeds.push(seed);
        }
        return { row: q.get.get(id) as FlowRow, seeds };
      })();
    },

    /** Marks the flow as held by `persona` (`onsession`); `false` when someone was first. */
    pickUp(id: string, persona: string): boolean {
      const changed = q.pickUp.run(persona, id).changes === 1;
      if (changed) notify(id);
      return changed;
    },

    /** Completes the flow with its encrypted claims and the user's e-signature. */
    complete(id: string, persona: string, signedAt: number, signature: string, claims: unknown, nowMs: number): boolean {
      const changed = q.complete.run(persona, signedAt, signature, JSON.stringify(claims), nowMs, id).changes === 1;
      if (changed) notify(id);
      return changed;
    },

    /** Cancels (institution) or declines (user) the flow, even in session. */
    cancel(id: string, nowMs: number, persona: string | null = null): boolean {
      const changed = q.cancel.run(nowMs, persona, id).changes === 1;
      if (changed) notify(id);
      return changed;
    },

    /** Calls `listener` after every change of the flow; returns the unsubscribe. */
    subscribe(id: string, listener: () => void): () => void {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(id) === set) listeners.delete(id);
      };
    },
    /** Open subscriptions (SSE streams and long polls), for tests and shutdown checks. */
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}
export type FlowStore = ReturnType<typeof createFlowStore>;
