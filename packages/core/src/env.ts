/** Environment checks, evaluated at call time (never at import). */

declare const process: { env?: Record<string, string | undefined> } | undefined;

/**
 * True when `process.env.NODE_ENV !== 'production'` and `process` exists. Written out
 * literally so bundlers can replace `process.env.NODE_ENV`.
 */
export function isDevelopment(): boolean {
  return typeof process !== 'undefined' && !!process.env && process.env.NODE_ENV !== 'production';
}

/** True in a browser (a `window` and a `document`). */
export function isBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

/** A development-only warning, prefixed `[passid]`. */
export function warn(message: string): void {
  if (isDevelopment() && typeof console !== 'undefined') console.warn(`[passid] ${message}`);
}
