/**
 * pasby's option rules: which options can never run (checked before every attempt and at
 * mount), what a refused create means, and the input a session needs (a NIN, for
 * different-device).
 */
import { PassidError } from '@passid/core';
import type { Normalized, PassidError as PassidErrorType } from '@passid/core';
import { normalizeNin } from './nin.js';
import type { PasbyControllerOptions, PasbyDeclineCode } from './types.js';
import { PASBY_CLAIM_KEYS, PASBY_MODES } from './wire/constants.js';
import type { PasbyMode } from './wire/constants.js';

declare const process: { env: Record<string, string | undefined> };

const dev = () => typeof process !== 'undefined' && process.env.NODE_ENV !== 'production';

/** The mode of new sessions. */
export const modeOf = (options: PasbyControllerOptions): PasbyMode => options.mode ?? 'wildcard';

/** Why the current options cannot run, or null. Checked on every start and at mount. */
export function pasbyConfigurationError(options: PasbyControllerOptions): PassidErrorType | null {
  const bad = (what: string, value: unknown) => new PassidError('configuration', `${what} (got ${String(value)}).`);
  /** Unset, or a finite number ≥ `min` (by default: positive). */
  const positive = (value: number | undefined, min = Number.MIN_VALUE) => value === undefined || (Number.isFinite(value) && value >= min);
  const { claims, fallbackMode } = options;
  // Keys copied from a PASSID set-up, or pasby's own: they must never be in a browser.
  const loose = options as unknown as Record<string, unknown>;
  if (['apiKey', 'secret', 'privateKey'].some((name) => loose[name] !== undefined)) {
    return new PassidError(
      'configuration',
      dev()
        ? 'pasby has no direct mode: its API key, secret and private key stay on your server (createPasbyProxy from @passid/server/pasby). Remove them and give `endpoint`.'
        : 'A key in the browser.',
    );
  }
  if (!PASBY_MODES.includes(modeOf(options))) return bad(`mode must be one of ${PASBY_MODES.join(', ')}`, options.mode);
  if (fallbackMode !== undefined && fallbackMode !== false && !PASBY_MODES.includes(fallbackMode)) {
    return bad(`fallbackMode must be false or one of ${PASBY_MODES.join(', ')}`, fallbackMode);
  }
  if (claims !== undefined && (!Array.isArray(claims) || claims.length === 0 || claims.some((c) => !PASBY_CLAIM_KEYS.includes(c)))) {
    return bad(`claims must be a non-empty list of ${PASBY_CLAIM_KEYS.join(', ')}`, claims);
  }
  if (!positive(options.seedIntervalMs, 1000)) return bad('seedIntervalMs must be a number of ms, at least 1000', options.seedIntervalMs);
  if (!positive(options.pollIntervalMs)) return bad('pollIntervalMs must be a positive number', options.pollIntervalMs);
  if (!positive(options.requestTimeoutMs)) return bad('requestTimeoutMs must be a positive number', options.requestTimeoutMs);
  if (options.watch !== undefined && !['auto', 'push', 'poll'].includes(options.watch)) {
    return bad("watch must be 'auto', 'push' or 'poll'", options.watch);
  }
  return options.transport || options.endpoint?.trim()
    ? null
    : new PassidError('configuration', dev() ? 'Give an `endpoint` (your createPasbyProxy, e.g. /api/pasby) or a `transport`.' : 'No endpoint.');
}

/** The NIN of a different-device session; other modes take no input. */
export function pasbySessionInput(input: string | undefined, options: PasbyControllerOptions): Normalized {
  return modeOf(options) === 'different-device' ? normalizeNin(input) : { ok: true, value: '' };
}

/** A create the proxy refused because the NIN has no pasby ID is a decline, not an error. */
export const pasbyDeclineOf = (error: PassidErrorType): PasbyDeclineCode | null =>
  error.code === 'NOT_ON_PASBY' ? 'NOT_ON_PASBY' : null;
