/** Errors of the pasby client and of claim decryption. Messages start with `[passid]` and never hold a key, secret or claim. */
import type { PassidErrorKind } from '@passid/core';
import { PassidApiError } from '../errors.js';

/** The code of a pasby failure, from its HTTP status (and, for 404, its reason). */
export type PasbyErrorCode =
  | 'INVALID_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  /** Unknown flow, or another app's. */
  | 'NOT_FOUND'
  /** Different-device: "National does not have a pasby™ digital ID". */
  | 'NOT_ON_PASBY'
  | 'CONFLICT'
  /** The flow passed its `exp` ("Request expired"). */
  | 'EXPIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  /** `kind: 'network'` because the time limit passed. */
  | 'TIMEOUT';

export function pasbyCode(status: number, reason: string | undefined): PasbyErrorCode {
  if (status === 404 && reason !== undefined && /does not have a pasby/i.test(reason)) return 'NOT_ON_PASBY';
  const byStatus: Record<number, PasbyErrorCode> = {
    400: 'INVALID_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
    410: 'EXPIRED', 413: 'PAYLOAD_TOO_LARGE', 429: 'RATE_LIMITED',
  };
  return byStatus[status] ?? 'UPSTREAM_ERROR';
}

interface PasbyApiErrorInit {
  status?: number;
  code?: PasbyErrorCode;
  retryAfterMs?: number;
  cause?: unknown;
  reason?: string;
}

/**
 * Thrown by `createPasbyClient`: a `PassidApiError` (so `isPassidError` and `isTransientError`
 * work) with pasby's `reason` text when pasby sent one, and a `code` from the status.
 */
export class PasbyApiError extends PassidApiError {
  /** pasby's `reason`, e.g. `"Request expired"`. */
  declare readonly reason?: string;
  declare readonly code?: PasbyErrorCode;

  constructor(kind: PassidErrorKind, message: string, init: PasbyApiErrorInit = {}) {
    const { reason, ...rest } = init;
    super(kind, message, rest);
    this.name = 'PasbyApiError';
    if (reason !== undefined) Object.defineProperty(this, 'reason', { value: reason, enumerable: true });
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

/**
 * A claim could not be decrypted: the private key is not the app's, or the value is not
 * pasby ciphertext. `path` names the claim (`naming.given`); its value is never in the message.
 */
export class PasbyDecryptionError extends Error {
  override readonly name = 'PasbyDecryptionError';
  constructor(
    readonly path: string,
    why: string,
  ) {
    super(`[passid] Could not decrypt the pasby claim "${path}": ${why}`);
  }
}
