/**
 * The wallet side of the bridge API, as the PASSID mobile app calls it: persona login,
 * public request lookup, fulfil / decline, and share tokens. Talks to the sandbox through the
 * playground server's `/sandbox` pass-through by default, so a phone needs to reach only the
 * playground.
 */
import type { Permission, PublicRequestResponse, SandboxPersona } from '@passid/core';

export class WalletApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'WalletApiError';
  }
}

export interface WalletApi {
  login(persona: SandboxPersona): Promise<string>;
  publicRequest(requestId: string): Promise<PublicRequestResponse>;
  byCode(code: string): Promise<PublicRequestResponse>;
  fulfill(requestId: string, jwt: string): Promise<{ status: 'completed' | 'declined' }>;
  decline(requestId: string, jwt: string): Promise<{ status: 'completed' | 'declined' }>;
  share(jwt: string, permissions?: Permission[]): Promise<{ token: string; expiresAt: string }>;
}

/** @param base the sandbox URL, or the playground's `/sandbox` pass-through */
export function createWalletApi(base: string): WalletApi {
  const root = base.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown, jwt?: string): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (jwt) headers.authorization = `Bearer ${jwt}`;
    let res: Response;
    try {
      res = await fetch(`${root}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new WalletApiError('The sandbox does not answer. Is it running?', 0, 'NETWORK');
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new WalletApiError(error?.message ?? `HTTP ${res.status}`, res.status, error?.code ?? 'HTTP');
    }
    return json as T;
  }

  return {
    async login(persona) {
      const { jwt } = await call<{ jwt: string }>('POST', '/api/sandbox/wallet/login', { persona });
      return jwt;
    },
    publicRequest: (id) => call('GET', `/api/bridge/request/${encodeURIComponent(id)}/public`),
    byCode: (code) => call('GET', `/api/bridge/request/by-code/${encodeURIComponent(code)}`),
    fulfill: (id, jwt) => call('POST', `/api/bridge/request/${encodeURIComponent(id)}/fulfill`, {}, jwt),
    decline: (id, jwt) => call('POST', `/api/bridge/request/${encodeURIComponent(id)}/decline`, {}, jwt),
    share: (jwt, permissions) =>
      call('POST', '/api/sandbox/wallet/share', permissions ? { permissions } : {}, jwt),
  };
}

/** What the wallet was asked to open: a request id (deep link / URL) or an 8-character code. */
export type RequestRef = { kind: 'id'; requestId: string } | { kind: 'code'; code: string };

/**
 * Reads a pasted deep link (`passid://verify-request?r=…&i=…`), a playground wallet URL
 * (`…/wallet?r=…`), a bare request id (`req_…`) or a code (`AB3X-7YQM`, any case, dashes and
 * spaces optional). Returns null for anything else.
 */
export function parseRequestRef(input: string): RequestRef | null {
  const text = input.trim();
  if (!text) return null;
  const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : '';
  if (query) {
    const r = new URLSearchParams(query).get('r');
    if (r) return { kind: 'id', requestId: r };
  }
  if (/^req_[A-Za-z0-9_-]+$/.test(text)) return { kind: 'id', requestId: text };
  const code = text.toUpperCase().replace(/[\s-]/g, '');
  if (/^[A-HJ-NP-Z2-9]{8}$/.test(code)) return { kind: 'code', code: `${code.slice(0, 4)}-${code.slice(4)}` };
  return null;
}
