/**
 * The pasby proxy's session handles: what the browser holds instead of pasby's flow id. A
 * handle carries the mode, the requested claims (a bit mask), the flow's expiry and its id,
 * sealed with the MAC of `../handle.ts` (the PASSID proxy's, reused), so the browser can
 * neither read another flow nor widen the claims it asked for. The key is derived from the
 * pasby secret (or `handleSecret`), under a label of its own: a PASSID handle never opens here.
 */
import { createRequestHandles } from '../handle.js';
import { PASBY_CLAIM_KEYS, type PasbyClaimKey, type PasbyMode } from './types.js';

export interface SessionBinding {
  mode: PasbyMode;
  claims: PasbyClaimKey[];
  /** Unix seconds. */
  exp: number;
  /** pasby's flow id (`req_…`). */
  request: string;
}

const MODE_CODES: Readonly<Record<PasbyMode, string>> = { wildcard: 'w', 'same-device': 's', 'different-device': 'd' };
const CODE_MODES = new Map(Object.entries(MODE_CODES).map(([mode, code]) => [code, mode as PasbyMode]));
const PAYLOAD = /^([wsd])([0-9a-f]{3})(\d{10})([A-Za-z0-9_-]{1,100})$/;

export interface SessionHandles {
  seal(binding: SessionBinding): Promise<string>;
  /** The binding of a handle this proxy made, or `null`. */
  open(handle: string): Promise<SessionBinding | null>;
}

/** `handleSecret` as given; else a key derived from the pasby secret. */
export function createSessionHandles(secret: string, handleSecret: string | undefined): SessionHandles {
  const handles = createRequestHandles(`pasby-session:${secret}`, handleSecret === undefined ? undefined : `pasby-session:${handleSecret}`);
  return {
    async seal({ mode, claims, exp, request }) {
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(request)) throw new Error(`[passid] pasby answered a flow id this proxy cannot carry: ${request.slice(0, 12)}…`);
      let mask = 0;
      for (const claim of claims) mask |= 1 << PASBY_CLAIM_KEYS.indexOf(claim);
      const expiry = String(Math.max(0, Math.min(9_999_999_999, Math.floor(exp)))).padStart(10, '0');
      return handles.seal(`${MODE_CODES[mode]}${mask.toString(16).padStart(3, '0')}${expiry}${request}`);
    },
    async open(handle) {
      if (typeof handle !== 'string' || handle.length > 200) return null;
      const payload = await handles.open(handle);
      const match = payload === null ? null : PAYLOAD.exec(payload);
      if (!match) return null;
      const mask = parseInt(match[2]!, 16);
      return {
        mode: CODE_MODES.get(match[1]!)!,
        claims: PASBY_CLAIM_KEYS.filter((_, i) => (mask & (1 << i)) !== 0),
        exp: Number(match[3]),
        request: match[4]!,
      };
    },
  };
}
