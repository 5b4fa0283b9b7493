/**
 * PASSID's option rules: which options can never run (checked before every attempt and at
 * mount), and the development-only warnings. Keys are trimmed before they are judged, as
 * `fetch` trims header values: `' sk_live_…'` is a live key too.
 */
import { isBrowser } from '../../env.js';
import { PassidError } from '../../errors.js';
import { TTL_SECONDS, isValidTtl } from '../../wire/constants.js';
import type { PassidControllerOptions } from './types.js';

declare const process: { env: Record<string, string | undefined> };

/** A live institution key (`sk_live_…`, surrounding whitespace ignored). */
export const isLiveKey = (key: string | undefined): boolean => !!key?.trim().startsWith('sk_live_');

/**
 * Why the current options cannot run, or null. Checked on every start / submit. Development
 * builds explain each problem; production builds keep a short message (the bundler drops the
 * long texts).
 */
export function configurationError(options: PassidControllerOptions): PassidError | null {
  const { ttlSeconds: ttl, pollIntervalMs: poll, requestTimeoutMs: timeout, apiKey } = options;
  const positive = (value: number | undefined) => value === undefined || (Number.isFinite(value) && value > 0);
  const bad = (what: string, value: unknown, rule: string) =>
    new PassidError(
      'configuration',
      typeof process !== 'undefined' && process.env.NODE_ENV !== 'production' ? `${what} must be ${rule} (got ${String(value)}).` : `Bad ${what}.`,
    );
  if (ttl !== undefined && !isValidTtl(ttl)) return bad('ttlSeconds', ttl, `an integer from ${TTL_SECONDS.min} to ${TTL_SECONDS.max}`);
  if (!positive(poll)) return bad('pollIntervalMs', poll, 'a positive number');
  if (!positive(timeout)) return bad('requestTimeoutMs', timeout, 'a positive number');
  if (options.watch !== undefined && !['auto', 'push', 'poll'].includes(options.watch)) {
    return bad('watch', options.watch, "'auto', 'push' or 'poll'");
  }
  if (isLiveKey(apiKey) && isBrowser() && !options.dangerouslyAllowBrowserKey) {
    return new PassidError(
      'live_key_in_browser',
      typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'
        ? 'A live key (sk_live_…) must not be used in the browser. Remove apiKey and set `endpoint` to your backend ' +
            'proxy (proxy mode, createPassidProxy from @passid/server), or use a sandbox key while testing.'
        : 'Live key in the browser.',
    );
  }
  return options.transport || apiKey?.trim() || options.endpoint
    ? null
    : new PassidError(
        'configuration',
        typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'
          ? 'Give an `apiKey` (sandbox) or an `endpoint` (proxy mode) or a `transport`.'
          : 'No apiKey, endpoint or transport.',
      );
}

/** Development-only warnings about the options, each shown once per controller. */
export const optionWarnings = (options: PassidControllerOptions) =>
  [
    ['both', options.apiKey && options.endpoint && !options.transport, 'Both apiKey and endpoint are set: proxy mode is used and the key is not sent. Remove apiKey.'],
    ['live', isLiveKey(options.apiKey) && isBrowser() && options.dangerouslyAllowBrowserKey, 'dangerouslyAllowBrowserKey lets a live key run in the browser, where anyone can read it.'],
  ] as const;
