/**
 * `PassidError`: the one error type the core throws and stores. Its message is prefixed
 * with `[passid]` and never contains a key or a full token.
 */
import type { PassidErrorKind, PassidErrorShape } from './flow/types.js';

export interface PassidErrorInit {
  status?: number;
  code?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

const SECRET_PATTERN = /\b(sk_(?:live|sandbox|test)_)[A-Za-z0-9_-]+/g;
const TOKEN_PATTERN = /\b(PASSID-)?([A-Z0-9]{4})(?:-?[A-Z0-9]{4}){2,3}\b/g;

/** Removes anything that looks like a key or a token from a text (server messages included). */
export function redact(text: string): string {
  return text
    .replace(SECRET_PATTERN, '$1…')
    .replace(TOKEN_PATTERN, (_match, prefix: string | undefined, head: string) => `${prefix ?? ''}${head}…`);
}

export class PassidError extends Error implements PassidErrorShape {
  // `declare`: set in the constructor only, so no class-field code is emitted (smaller bundle).
  declare readonly kind: PassidErrorKind;
  declare readonly status?: number;
  declare readonly code?: string;
  declare readonly retryAfterMs?: number;

  constructor(kind: PassidErrorKind, message: string, init: PassidErrorInit = {}) {
    const text = redact(message);
    super(text.startsWith('[passid]') ? text : `[passid] ${text}`, init);
    this.name = 'PassidError';
    this.kind = kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

export function isPassidError(value: unknown): value is PassidError {
  return value instanceof PassidError;
}

/**
 * Whether retrying may cure the error: no answer (`network`), HTTP 408, 429 and 5xx.
 * Every other 4xx, a body that breaks the contract, a configuration problem and an abort
 * are not transient: retrying would only repeat them.
 */
export function isTransientError(error: unknown): boolean {
  if (!isPassidError(error)) return false;
  if (error.kind === 'network') return true;
  if (error.kind !== 'http' || error.status === undefined) return false;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

/** Wraps anything thrown into a `PassidError` (unknown throws become `network`). */
export function toPassidError(error: unknown, signal?: AbortSignal): PassidError {
  if (isPassidError(error)) return error;
  if (signal?.aborted) return new PassidError('aborted', 'Aborted.', { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new PassidError('network', `Network error: ${detail}`, { cause: error });
}

/** Parses `Retry-After` (delay in seconds, or an HTTP-date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
