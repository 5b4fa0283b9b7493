/**
 * The sandbox's shared state for the route handlers: the database and its prepared
 * statements, the clock, the outbox, the rate limiter and the two kinds of authentication.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { SandboxPersona } from '@passid/core/wire';
import type { Db } from './db.js';
import { jwtSecret } from './db.js';
import { INSTITUTIONS, type SandboxInstitution } from './fixtures.js';
import { ApiError } from './http.js';
import { createIdempotency, type Idempotency } from './idempotency.js';
import { verifyWalletJwt } from './jwt.js';
import { createRequestStore, type RequestStore } from './requests.js';
import { createStatusBus, type StatusBus } from './status-bus.js';
import { createTokenStore, type TokenStore } from './verifications.js';
import type { Outbox } from './webhooks.js';

export interface SandboxContext {
  readonly db: Db;
  readonly now: () => number;
  readonly outbox: Outbox;
  readonly idempotency: Idempotency;
  readonly requests: RequestStore;
  readonly tokens: TokenStore;
  readonly jwtSecret: Buffer;
  /** Returns null when allowed, else `Retry-After` seconds. */
  readonly rateLimit: (key: string) => number | null;
  /** Extra time a verify call takes (simulates a slow bridge). */
  readonly verifyDelayMs: number;
  readonly institutionsById: ReadonlyMap<string, SandboxInstitution>;
  /** Institutions by the SHA-256 of their key. */
  readonly keyHashes: ReadonlyMap<string, SandboxInstitution>;
  /** Status changes, for the event streams: publish after a request's status is written. */
  readonly bus: StatusBus;
  /** Time between `: hb` comments on an idle event stream, in ms. */
  readonly heartbeatMs: number;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64');

export function createContext(init: {
  db: Db;
  now: () => number;
  outbox: Outbox;
  rateLimit: (key: string) => number | null;
  verifyDelayMs: number;
  heartbeatMs?: number;
}): SandboxContext {
  return {
    ...init,
    heartbeatMs: init.heartbeatMs ?? 15_000,
    bus: createStatusBus(init.now),
    idempotency: createIdempotency(init.db, init.now),
    requests: createRequestStore(init.db),
    tokens: createTokenStore(init.db),
    jwtSecret: jwtSecret(init.db),
    institutionsById: new Map(INSTITUTIONS.map((i) => [i.id, i])),
    // Keys are looked up by their hash, so the lookup's timing says nothing about the key.
    keyHashes: new Map(INSTITUTIONS.map((i) => [hashKey(i.key), i])),
  };
}

/** Authenticates `X-Institution-Key` and applies the rate limit. */
export function requireInstitution(ctx: SandboxContext, c: Context): SandboxInstitution {
  const key = c.req.header('x-institution-key');
  if (!key) throw new ApiError('UNAUTHORIZED', 'Missing X-Institution-Key header. Use a sandbox key such as sk_sandbox_demo.');
  if (key.startsWith('sk_live_')) {
    throw new ApiError(
      'UNAUTHORIZED',
      'This is the PASSID sandbox: it only accepts sandbox keys (sk_sandbox_…). Live keys (sk_live_…) work only against the live PASSID API.',
    );
  }
  const institution = ctx.keyHashes.get(hashKey(key));
  if (!institution) throw new ApiError('UNAUTHORIZED', 'Unknown X-Institution-Key. The sandbox knows sk_sandbox_demo and sk_sandbox_other.');
  const retryAfter = ctx.rateLimit(institution.key);
  if (retryAfter !== null) {
    throw new ApiError('RATE_LIMITED', `Too many requests for this key. Retry in ${retryAfter} s.`, { 'Retry-After': String(retryAfter) });
  }
  return institution;
}

/** Authenticates `Authorization: Bearer <wallet JWT>`; returns the persona. */
export function requireWallet(ctx: SandboxContext, c: Context): SandboxPersona {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new ApiError('UNAUTHORIZED', 'Missing wallet JWT: send Authorization: Bearer <jwt> (POST /api/sandbox/wallet/login makes one).');
  const persona = verifyWalletJwt(ctx.jwtSecret, m[1]!, ctx.now());
  if (!persona) throw new ApiError('UNAUTHORIZED', 'The wallet JWT is invalid or expired. Log in again.');
  return persona;
}

/** Reads and checks the `Idempotency-Key` header (1–255 characters). */
export function idempotencyKey(c: Context): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 255) {
    throw new ApiError('INVALID_REQUEST', 'Idempotency-Key must be 1–255 characters.');
  }
  return key;
}

/**
 * Runs `work` at most once per idempotency key: the stored response is replayed byte for
 * byte with `Idempotent-Replayed: true`. `work` runs inside one transaction together with
 * the storing of its response.
 */
export async function idempotent(
  ctx: SandboxContext,
  c: Context,
  institutionId: string,
  key: string | undefined,
  fp: string,
  work: () => { status: number; body: unknown },
  delayMs = 0,
): Promise<Response> {
  const send = (status: number, body: string) => {
    c.header('Content-Type', 'application/json; charset=UTF-8');
    return c.body(body, status as 200);
  };
  if (key !== undefined) {
    const claim = ctx.idempotency.begin(institutionId, key, fp);
    if (claim.kind === 'replay') {
      c.header('Idempotent-Replayed', 'true');
      return send(claim.status, claim.body);
    }
  }
  try {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const result = ctx.db.transaction(() => {
      const r = work();
      const body = JSON.stringify(r.body);
      if (key !== undefined) ctx.idempotency.complete(institutionId, key, r.status, body);
      return { status: r.status, body };
    })();
    ctx.outbox.kick();
    return send(result.status, result.body);
  } catch (err) {
    if (key !== undefined) ctx.idempotency.abandon(institutionId, key);
    throw err;
  }
}
