/**
 * Test helpers of the model-based tests (`controller.model.test.ts`): a virtual clock the test
 * moves by hand, a `fetch` whose calls wait until the test answers them, and the answers a
 * PASSID bridge can give, by kind. Nothing here knows the controller: they sit at its
 * boundary (the `clock` and `fetch` options).
 */
import type { Clock } from '../flow/types.js';
import type { Claims } from '../wire/schemas.js';
import { CLAIMS_A, iso } from './bridge.js';

/** Lets pending promise jobs, and the `Response` body reads they wait on, run (`turns` event-loop turns). */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface VirtualClock extends Clock {
  /** Timers not yet run nor cleared. */
  pending(): number;
  /** When the next timer is due, or null. */
  nextAt(): number | null;
  /** Moves time forward by `ms`, running each timer due on the way (in order), settling after each. */
  advance(ms: number): Promise<void>;
}

/** A clock that moves only when told; `random` is 0.5 (no jitter). */
export function virtualClock(start: number): VirtualClock {
  let t = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const next = () => {
    let found: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of timers) if (!found || entry[1].at < found[1].at) found = entry;
    return found;
  };
  return {
    now: () => t,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: t + Math.max(0, Number.isFinite(ms) ? ms : 0), fn });
      return id;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    random: () => 0.5,
    pending: () => timers.size,
    nextAt: () => next()?.[1].at ?? null,
    async advance(ms) {
      const end = t + ms;
      for (let due = next(); due && due[1].at <= end; due = next()) {
        timers.delete(due[0]);
        t = Math.max(t, due[1].at);
        due[1].fn();
        // A timer starts calls or ends waits: promise jobs only, which one turn drains.
        await settle(1);
      }
      t = end;
    },
  };
}

/** What the bridge does with a call, by kind; each call kind reads it in its own way (`replyFor`). */
export type ReplyKind =
  /** create: 201; status: completed with clean claims; verify: verified. */
  | { kind: 'approve' }
  /** create: 201; status: completed with `sanctions_clear: false`, or declined HARD_DENY_…; verify: the same two ways. */
  | { kind: 'sanctions'; viaClaims: boolean }
  /** create: 201; status: declined by the customer; verify: denied TOKEN_REVOKED. */
  | { kind: 'decline' }
  /** create: 201; status: pending; verify: 409 CONFLICT (the first call with the key still runs). */
  | { kind: 'pending' }
  /** create: 201; status: expired; verify: denied TOKEN_EXPIRED. */
  | { kind: 'expire' }
  | { kind: 'rateLimited'; retryAfterS: number }
  | { kind: 'serverError'; status: 500 | 502 | 503 }
  | { kind: 'network' }
  /** 2xx JSON that breaks the contract. */
  | { kind: 'malformed' }
  /** 2xx that is not JSON (a captive portal's page). */
  | { kind: 'notJson' }
  /** 400 with the error envelope: not worth a retry. */
  | { kind: 'badRequest' };

export type CallKind = 'create' | 'status' | 'verify' | 'other';

export type Reply = { status: number; body?: unknown; text?: string; headers?: Record<string, string> } | { networkError: true };

/** The session the fake bridge created last: status answers repeat its expiry. */
export interface BridgeSession {
  id: string;
  expiresAt: number;
}

/** Claims whose `corridor` names the call that carried them (to tell whose answer succeeded). */
export const markedClaims = (callId: number, sanctionsClear = true): Claims => ({ ...CLAIMS_A, corridor: `call-${callId}`, sanctions_clear: sanctionsClear });

/** The bridge's answer of `kind` to a call of `call` kind, on the server clock `now`. */
export function replyFor(reply: ReplyKind, call: { kind: CallKind; id: number }, now: number, session: BridgeSession, ttlMs: number): Reply {
  const envelope = (code: string) => ({ error: { code, message: code.toLowerCase() } });
  switch (reply.kind) {
    case 'rateLimited':
      return { status: 429, body: envelope('RATE_LIMITED'), headers: { 'Retry-After': String(reply.retryAfterS) } };
    case 'serverError':
      return { status: reply.status, body: envelope('INTERNAL') };
    case 'network':
      return { networkError: true };
    case 'malformed':
      return { status: call.kind === 'create' ? 201 : 200, body: { requestId: 42, status: 'maybe', verified: 'yes' } };
    case 'notJson':
      return { status: 200, text: '<html>Sign in to the Wi-Fi</html>' };
    case 'badRequest':
      return { status: 400, body: envelope('INVALID_REQUEST') };
  }
  if (call.kind === 'create') {
    session.id = `req_model${call.id}`;
    session.expiresAt = now + ttlMs;
    return {
      status: 201,
      body: {
        requestId: session.id,
        code: 'AB3X-7YQM',
        deepLink: `passid://verify-request?r=${session.id}&i=inst_demo`,
        expiresAt: iso(session.expiresAt),
        status: 'pending',
        serverTime: iso(now),
      },
    };
  }
  if (call.kind === 'verify') {
    const token = 'KE8V-3TXY-Z72L';
    const denied = (denyReason: string) => ({ status: 200, body: { verified: false, token, denyReason } });
    switch (reply.kind) {
      case 'approve':
        return { status: 200, body: { verified: true, token, claims: markedClaims(call.id), proofType: 'share_token', verifiedAt: iso(now) } };
      case 'sanctions':
        return reply.viaClaims
          ? { status: 200, body: { verified: true, token, claims: markedClaims(call.id, false), proofType: 'share_token', verifiedAt: iso(now) } }
          : denied('HARD_DENY_SANCTIONS_MATCH');
      case 'decline':
        return denied('TOKEN_REVOKED');
      case 'pending':
        return { status: 409, body: envelope('CONFLICT') };
      case 'expire':
        return denied('TOKEN_EXPIRED');
    }
  }
  const status = (value: string, extra: Record<string, unknown> = {}) => ({
    status: 200,
    body: {
      requestId: session.id,
      code: 'AB3X-7YQM',
      status: value,
      permissions: ['full_score'],
      createdAt: iso(session.expiresAt - ttlMs),
      expiresAt: iso(session.expiresAt),
      serverTime: iso(now),
      ...extra,
    },
  });
  switch (reply.kind) {
    case 'approve':
      return status('completed', { claims: markedClaims(call.id), verifiedAt: iso(now) });
    case 'sanctions':
      return reply.viaClaims
        ? status('completed', { claims: markedClaims(call.id, false), verifiedAt: iso(now) })
        : status('declined', { declineReason: 'HARD_DENY_SANCTIONS_MATCH' });
    case 'decline':
      return status('declined', { declineReason: 'CUSTOMER_DECLINED' });
    case 'pending':
      return status('pending');
    case 'expire':
      return status('expired');
  }
}

/** The `Response` (or the rejection) `fetch` gives for `reply`. */
export function respond(reply: Reply): Promise<Response> {
  if ('networkError' in reply) return Promise.reject(new TypeError('fetch failed'));
  const text = reply.text ?? JSON.stringify(reply.body);
  return Promise.resolve(
    new Response(text, {
      status: reply.status,
      headers: { 'Content-Type': reply.text ? 'text/html' : 'application/json', ...reply.headers },
    }),
  );
}

export interface HeldCall {
  id: number;
  kind: CallKind;
  method: string;
  path: string;
  /** Virtual time of the call. */
  at: number;
  /** Answered, or rejected because its signal aborted. */
  settled: boolean;
  aborted: boolean;
  answer(reply: Reply): void;
}

export const callKind = (method: string, path: string): CallKind =>
  method === 'POST' && path.endsWith('/request')
    ? 'create'
    : method === 'POST' && path.endsWith('/verify')
      ? 'verify'
      : method === 'GET' && /\/request\/[^/]+$/.test(path)
        ? 'status'
        : 'other';

/**
 * A `fetch` whose calls wait until the test answers them (`call.answer(reply)`). A call whose
 * signal aborts first rejects with an `AbortError`, as the platform's does.
 */
export function heldFetch(clock: Clock) {
  const calls: HeldCall[] = [];
  const fetch = ((input: RequestInfo | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const method = init.method ?? 'GET';
      const path = String(input).replace(/^https?:\/\/[^/]+/, '');
      const call: HeldCall = {
        id: calls.length,
        kind: callKind(method, path),
        method,
        path,
        at: clock.now(),
        settled: false,
        aborted: false,
        answer(reply) {
          if (call.settled) return;
          call.settled = true;
          respond(reply).then(resolve, reject);
        },
      };
      calls.push(call);
      const abort = () => {
        if (call.settled) return;
        call.settled = call.aborted = true;
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      };
      if (init.signal?.aborted) abort();
      else init.signal?.addEventListener('abort', abort, { once: true });
    })) as typeof globalThis.fetch;
  return { fetch, calls, open: () => calls.filter((c) => !c.settled) };
}
