/**
 * A small fake PASSID bridge for tests: a `fetch` that answers like the bridge API contract
 * (`/work/shared/spec/bridge-api.md`). Tests stub `fetch` with it at the boundary; the real
 * client, transport and controller of `@passid/core` run on top.
 */
import { vi } from 'vitest';
import type { Claims } from '@passid/core';

export interface RecordedCall {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

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

export const CLAIMS_A: Claims = {
  fsi_score: 812,
  fsi_low: 790,
  fsi_high: 834,
  tier: 'A',
  confidence: 0.91,
  p_stable: 0.88,
  income_verified: true,
  income_band: 'GBP 30k-45k',
  identity_verified: true,
  sanctions_clear: true,
  payment_reliability: 0.96,
  savings_consistency: 78,
  fraud_risk: 'low',
  corridor: 'KE→GB',
  decision: 'approved',
};

const DENY_FIXTURES: Record<string, string> = {
  EXPDTOKN0001: 'TOKEN_EXPIRED',
  RVKDTOKN0001: 'TOKEN_REVOKED',
  USEDTOKN0001: 'TOKEN_ALREADY_USED',
  OTHRINST0001: 'INSTITUTION_MISMATCH',
  SANCHITS0001: 'HARD_DENY_SANCTIONS_MATCH',
};

const CODES = ['AB3X-7YQM', 'CD4Y-8ZRN', 'EF5Z-9ASP', 'GH6A-2BTQ', 'JK7B-3CUR'];

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'X-PASSID-API-Version': '1', ...headers },
  });

const errorBody = (code: string, message: string) => ({ error: { code, message } });

export interface FakeBridgeOptions {
  /** The server's clock. @default Date.now (fake timers move it) */
  now?: () => number;
}

export function createFakeBridge(options: FakeBridgeOptions = {}) {
  const now = options.now ?? (() => Date.now());
  const iso = (ms: number) => new Date(ms).toISOString();
  const sessions: FakeSession[] = [];
  const calls: RecordedCall[] = [];
  const pollFailures: Array<() => Response> = [];
  let override: ((call: RecordedCall) => Response | Promise<Response> | undefined) | undefined;

  const statusBody = (s: FakeSession) => {
    if (s.status === 'pending' && now() >= s.expiresAt) s.status = 'expired';
    return {
      requestId: s.requestId,
      code: s.code,
      status: s.status,
      permissions: ['full_score'],
      createdAt: iso(s.createdAt),
      expiresAt: iso(s.expiresAt),
      serverTime: iso(now()),
      ...(s.status === 'completed' ? { claims: s.claims, verifiedAt: iso(now()) } : {}),
      ...(s.status === 'declined' ? { declineReason: s.declineReason } : {}),
    };
  };

  function route(call: RecordedCall): Response {
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (call.method === 'POST' && call.path === '/api/bridge/request') {
      const ttl = typeof body.ttlSeconds === 'number' ? body.ttlSeconds : 600;
      const n = sessions.length;
      const s: FakeSession = {
        requestId: `req_test${String(n).padStart(16, '0')}`,
        code: CODES[n % CODES.length] as string,
        deepLink: `passid://verify-request?r=req_test${String(n).padStart(16, '0')}&i=inst_demo`,
        createdAt: now(),
        expiresAt: now() + ttl * 1000,
        status: 'pending',
      };
      sessions.push(s);
      return json(201, {
        requestId: s.requestId,
        code: s.code,
        deepLink: s.deepLink,
        expiresAt: iso(s.expiresAt),
        status: 'pending',
        serverTime: iso(now()),
      });
    }
    const m = /^\/api\/bridge\/request\/([^/]+)$/.exec(call.path);
    if (call.method === 'GET' && m) {
      const failure = pollFailures.shift();
      if (failure) return failure();
      const s = sessions.find((x) => x.requestId === decodeURIComponent(m[1] as string));
      return s ? json(200, statusBody(s)) : json(404, errorBody('NOT_FOUND', 'Unknown request.'));
    }
    if (call.method === 'POST' && call.path === '/api/bridge/verify') {
      const token = String(body.token ?? '');
      const key = token.toUpperCase().replace(/^PASSID-/, '').replace(/[^A-Z0-9]/g, '');
      if (key === 'KE8V3TXYZ72L') {
        return json(200, { verified: true, token, claims: CLAIMS_A, proofType: 'share_token', verifiedAt: iso(now()) });
      }
      return json(200, { verified: false, token, denyReason: DENY_FIXTURES[key] ?? 'TOKEN_NOT_FOUND' });
    }
    return json(404, errorBody('NOT_FOUND', 'No such route.'));
  }

  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const call: RecordedCall = {
      method: (init.method ?? 'GET').toUpperCase(),
      url,
      path: new URL(url, 'http://localhost').pathname,
      headers,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    if (init.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const custom = override?.(call);
    return custom ?? route(call);
  });

  return {
    fetch: fetchImpl as unknown as typeof fetch,
    calls,
    sessions,
    /** Calls of one kind. */
    callsTo(method: string, pathPrefix: string) {
      return calls.filter((c) => c.method === method && c.path.startsWith(pathPrefix));
    },
    latest(): FakeSession {
      const s = sessions.at(-1);
      if (!s) throw new Error('no session yet');
      return s;
    },
    complete(claims: Claims = CLAIMS_A, s: FakeSession = this.latest()) {
      s.status = 'completed';
      s.claims = claims;
    },
    decline(reason = 'CUSTOMER_DECLINED', s: FakeSession = this.latest()) {
      s.status = 'declined';
      s.declineReason = reason;
    },
    /** The next `count` polls answer with `status` (503 by default). */
    failPolls(count: number, status = 503, headers: Record<string, string> = {}) {
      for (let i = 0; i < count; i++) {
        pollFailures.push(() => json(status, errorBody('INTERNAL', 'Temporarily unavailable.'), headers));
      }
    },
    /** Answer some calls yourself (strange responses); return undefined to fall through. */
    override(fn: typeof override) {
      override = fn;
    },
  };
}

export type FakeBridge = ReturnType<typeof createFakeBridge>;
