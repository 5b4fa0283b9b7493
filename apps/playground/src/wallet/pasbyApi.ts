/**
 * The wallet side of the sandbox's pasby emulation, as the pasby app would act: scan a
 * wildcard seed, open a same-device link (or a pushed flow), list the flows pushed to a
 * persona's NIN, approve, decline (docs/pasby.md, "Personas and the wallet side"). Through the
 * playground server's `/sandbox` pass-through, so a phone needs to reach only the playground.
 */
import type { PasbyPersonaId } from '../labels';

/** What the pasby app shows about a flow it holds (or that was pushed to it). */
export interface PasbyWalletFlow {
  request: string;
  /** The institution's app name. */
  name: string;
  action: string;
  /** The intent text. */
  payload: string;
  acquireClaims: string[];
  iat: number;
  /** Epoch seconds. */
  exp: number;
  onsession: boolean;
}

export class PasbyWalletError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PasbyWalletError';
  }
}

export interface PasbyWalletApi {
  scan(persona: PasbyPersonaId, seed: string): Promise<PasbyWalletFlow>;
  open(persona: PasbyPersonaId, request: string): Promise<PasbyWalletFlow>;
  flows(persona: PasbyPersonaId): Promise<PasbyWalletFlow[]>;
  /** `cancelled`: the persona declines everything (zed), so "approve" cancelled the flow. */
  approve(persona: PasbyPersonaId, request: string): Promise<{ cancelled: boolean }>;
  decline(persona: PasbyPersonaId, request: string): Promise<void>;
}

/** @param base the sandbox URL, or the playground's `/sandbox` pass-through */
export function createPasbyWalletApi(base: string): PasbyWalletApi {
  const root = `${base.replace(/\/+$/, '')}/pasby/sandbox`;
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${root}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new PasbyWalletError('The sandbox does not answer. Is it running?', 0);
    }
    const json = (await res.json().catch(() => null)) as { reason?: string; data?: T } | null;
    if (!res.ok) throw new PasbyWalletError(json?.reason ?? `HTTP ${res.status}`, res.status);
    return json?.data as T;
  }
  return {
    scan: (persona, seed) => call('POST', '/wallet/scan', { persona, seed }),
    open: (persona, request) => call('POST', '/wallet/open', { persona, request }),
    flows: async (persona) => (await call<{ flows: PasbyWalletFlow[] }>('GET', `/wallet/flows?persona=${persona}`)).flows,
    approve: async (persona, request) => ({ cancelled: (await call<{ cancelled?: boolean }>('POST', '/wallet/approve', { persona, request })).cancelled === true }),
    decline: async (persona, request) => void (await call('POST', '/wallet/decline', { persona, request })),
  };
}

/**
 * The flow id of a same-device link (`https://open.pasby.africa/app/?mode=identification&id=req_…`),
 * or a bare `req_…` id; null for anything else.
 */
export function flowIdOf(input: string): string | null {
  const text = input.trim();
  if (/^req_[\w-]+$/.test(text)) return text;
  try {
    return new URL(text).searchParams.get('id');
  } catch {
    return null;
  }
}
