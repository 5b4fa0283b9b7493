/** The proxy's answers of its own: the error envelope, refusals, warnings. */
import type { ErrorCode } from '@passid/core/wire';

/** The bridge API's error envelope, as a Response. */
export function errorResponse(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): Response {
  const body = JSON.stringify({ error: { code, message: `[passid] ${message}` } });
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}

/** PASSID did not answer in time (504), or could not be reached (502). */
export function upstreamFailure(timedOut: boolean): Response {
  return timedOut
    ? errorResponse(504, 'UPSTREAM_TIMEOUT', 'PASSID did not answer in time. Try again.')
    : errorResponse(502, 'UPSTREAM_UNAVAILABLE', 'PASSID could not be reached. Try again.');
}

/** 429 in the envelope, `Retry-After` in whole seconds (at least 1). */
export function rateLimited(retryAfterMs: number, what: string): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return errorResponse(429, 'RATE_LIMITED', `Too many requests ${what}. Retry in ${seconds} s.`, { 'Retry-After': String(seconds) });
}

/** A request the proxy refuses before (or instead of) calling PASSID. */
export class ProxyRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function invalid(message: string): ProxyRefusal {
  return new ProxyRefusal(400, 'INVALID_REQUEST', message);
}

export const isProduction = (): boolean => typeof process !== 'undefined' && process.env.NODE_ENV === 'production';

/** A bug in the institution's code (e.g. `authorize` throwing) should not be a silent 401. */
export function warnInDevelopment(what: string, error: unknown): void {
  if (isProduction()) return;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.warn(`[passid] ${what}: ${detail}`);
}

export const warn = (message: string): void => console.warn(`[passid] ${message}`);
