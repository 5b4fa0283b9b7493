/**
 * A small fake PASSID bridge for the React tests: a stateful handler, answering like the
 * bridge API contract, on top of the core's `fetch` stub (`packages/core/src/test/bridge.ts`).
 * Tests stub `fetch` with it at the boundary; the real client, transport and controller of
 * `@passid/core` run on top.
 */
import type { Claims } from '@passid/core';
import { CLAIMS_A, fakeFetch, iso } from '../../../core/src/test/bridge.js';
import type { FakeCall, Reply } from '../../../core/src/test/bridge.js';

export { CLAIMS_A };
export type { FakeCall, Reply };

export interface FakeSession {
  requestId: string;
  code: string;
  deepLink: string;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'completed' | 'declined' | 'expired';
  claims?: Claims;
  declineReason?: string;
}

/** Sandbox deny fixtures (normalised: no dashes). */
const DENY_FIXTURES: Record<string, string> = {
  EXPDTOKN0001: 'TOKEN_EXPIRED',
  RVKDTOKN0001: 'TOKEN_REVOKED',
  USEDTOKN0001: 'TOKEN_ALREADY_USED',
  OTHRINST0001: 'INSTITUTION_MISMATCH',
  SANCHITS0001: 'HARD_DENY_SANCTIONS_MATCH',
};

const CODES = ['AB3X-7YQM', 'CD4Y-8ZRN', 'EF5Z-9ASP', 'GH6A-2BTQ', 'JK7B-3CUR'];

const error = (status: number, code: string, headers: Record<string, string> = {}): Reply => ({
  status,
  body: { error: { code, message: `${code} (fake bridge)` } },
  headers,
});

export function createFakeBridge() {
  const sessions: FakeSession[] = [];
  const pollFailures: Reply[] = [];
  let override: ((call: FakeCall) => Reply | undefined) | undefined;

  const statusBody = (s: FakeSession) => {
    if (s.status === 'pending' && Date.now() >= s.expiresAt) s.status = 'expired';
    return {
      requestId: s.requestId,
      code: s.code,
      status: s.status,
      permissions: ['full_score'],
      createdAt: iso(s.createdAt),
      expiresAt: iso(s.expiresAt),
      serverTime: iso(Date.now()),
      ...(s.status === 'completed' ? { claims: s.claims, verifiedAt: iso(Date.now()) } : {}),
      ...(s.status === 'declined' ? { declineReason: s.declineReason } : {}),
    };
  };

  function route(call: FakeCall): Reply {
    const custom = override?.(call);
    if (custom) return custom;
    const path = call.path.replace(/\?.*$/, '');
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (call.method === 'POST' && path.endsWith('/request')) {
      const n = sessions.length;
      const id = `req_test${String(n).padStart(16, '0')}`;
      const ttl = typeof body.ttlSeconds === 'number' ? body.ttlSeconds : 600;
      const s: FakeSession = {
        requestId: id,
        code: CODES[n % CODES.length] as string,
        deepLink: `passid://verify-request?r=${id}&i=inst_demo`,
        createdAt: Date.now(),
        expiresAt: Date.now() + ttl * 1000,
        status: 'pending',
      };
      sessions.push(s);
      const { requestId, code, deepLink } = s;
      const created = { requestId, code, deepLink, status: 'pending', serverTime: iso(Date.now()) };
      return { status: 201, body: { ...created, expiresAt: iso(s.expiresAt) } };
    }
    const m = /\/request\/([^/]+)$/.exec(path);
    if (call.method === 'GET' && m) {
      const failure = pollFailures.shift();
      if (failure) return failure;
      const s = sessions.find((x) => x.requestId === decodeURIComponent(m[1] as string));
      return s ? { status: 200, body: statusBody(s) } : error(404, 'NOT_FOUND');
    }
    if (call.method === 'POST' && path.endsWith('/verify')) {
      const token = String(body.token ?? '');
      const key = token.toUpperCase().replace(/^PASSID-/, '').replace(/[^A-Z0-9]/g, '');
      if (key === 'KE8V3TXYZ72L') {
        const verifiedAt = iso(Date.now());
        return { status: 200, body: { verified: true, token, claims: CLAIMS_A, proofType: 'share_token', verifiedAt } };
      }
      return { status: 200, body: { verified: false, token, denyReason: DENY_FIXTURES[key] ?? 'TOKEN_NOT_FOUND' } };
    }
    return error(404, 'NOT_FOUND');
  }

  const stub = fakeFetch(route);
  const latest = (): FakeSession => {
    const s = sessions.at(-1);
    if (!s) throw new Error('no session yet');
    return s;
  };

  return {
    fetch: stub.fetch,
    calls: stub.calls,
    sessions,
    get maxInFlight() {
      return stub.maxInFlight;
    },
    /** Calls of one kind, e.g. `callsTo('POST', '/verify')`. */
    callsTo: (method: string, pathEnd: string) =>
      stub.calls.filter((c) => c.method === method && c.path.replace(/\?.*$/, '').endsWith(pathEnd)),
    latest,
    /** The customer approves in the app: the next poll reads `completed`. */
    complete(claims: Claims = CLAIMS_A, s: FakeSession = latest()) {
      s.status = 'completed';
      s.claims = claims;
    },
    /** The request is declined (by the customer, or a sanctions hit at fulfil). */
    decline(reason = 'CUSTOMER_DECLINED', s: FakeSession = latest()) {
      s.status = 'declined';
      s.declineReason = reason;
    },
    /** The next `count` polls answer with `status` (503 by default). */
    failPolls(count: number, status = 503, headers: Record<string, string> = {}) {
      for (let i = 0; i < count; i++) pollFailures.push(error(status, 'INTERNAL', headers));
    },
    /** Polls answer normally again. */
    healPolls() {
      pollFailures.length = 0;
    },
    /** Answer some calls yourself (strange responses); return undefined to fall through. */
    override(fn: ((call: FakeCall) => Reply | undefined) | undefined) {
      override = fn;
    },
  };
}

export type FakeBridge = ReturnType<typeof createFakeBridge>;
