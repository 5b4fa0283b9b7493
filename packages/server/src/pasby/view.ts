/**
 * What the browser sees of a pasby session (`GET {prefix}/session/:handle`, each SSE event):
 * the status, whether a device picked the flow up, and, once completed, only the requested
 * claims, decrypted. Never pasby's signature, the user's NIN or any ciphertext.
 */
import { decryptClaimsWithKey, type PasbyPrivateKey } from './decrypt.js';
import type { SessionBinding } from './handles.js';
import type { PasbyClaims, PasbyFlow } from './types.js';

export type PasbySessionStatus = 'pending' | 'completed' | 'declined' | 'expired';

/** The JSON of `GET {prefix}/session/:handle` and of each `status` event. */
export interface PasbySessionView {
  handle: string;
  status: PasbySessionStatus;
  /** A pasby device holds (or held) the flow: hide the QR code, say "approve in the pasby app". */
  pickedUp: boolean;
  /** ISO time the flow expires (pasby's `exp`). */
  expiresAt: string;
  /** ISO time of this answer, for clock-skew correction. */
  serverTime: string;
  /** Decrypted, only the requested claims; only when `completed`. */
  claims?: PasbyClaims;
  /** When `declined`: the user declined or the flow was cancelled (pasby tells the two apart by nothing). */
  declineReason?: 'CANCELLED';
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The view of a flow (or of its expiry). Decryption failures throw `PasbyDecryptionError`. */
export function sessionView(handle: string, binding: SessionBinding, flow: PasbyFlow | 'expired', key: PasbyPrivateKey, now: number): PasbySessionView {
  const base = { handle, expiresAt: iso(binding.exp * 1000), serverTime: iso(now) };
  if (flow === 'expired') return { ...base, status: 'expired', pickedUp: false };
  if (flow.cancelled) return { ...base, status: 'declined', pickedUp: false, declineReason: 'CANCELLED' };
  if (flow.signedAt !== undefined) {
    const claims = decryptClaimsWithKey(flow.claims ?? {}, key, binding.claims) as PasbyClaims;
    return { ...base, status: 'completed', pickedUp: true, claims };
  }
  // A flow past its exp that pasby still answers is expired for the browser all the same.
  if (now >= binding.exp * 1000) return { ...base, status: 'expired', pickedUp: false };
  return { ...base, status: 'pending', pickedUp: flow.onsession === true };
}

export const isFinalView = (view: PasbySessionView): boolean => view.status !== 'pending';
