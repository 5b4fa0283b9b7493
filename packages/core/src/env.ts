/**
 * Environment checks, evaluated at call time (never at import).
 *
 * Development-only code is guarded inline, at the call site, with
 * `typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'` written out
 * literally: a bundler that defines `process.env.NODE_ENV` as `"production"` then drops the
 * whole branch, message strings included. Files with such a guard declare `process`
 * locally (see below), so the core needs no Node types.
 */

/** True in a browser (a `window` and a `document`). */
export const isBrowser = (): boolean => typeof window !== 'undefined' && typeof document !== 'undefined';

/** A development-only warning, prefixed `[passid]`. Call it behind the guard above. */
export const warn = (message: string): void => console.warn(`[passid] ${message}`);
