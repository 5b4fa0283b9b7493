/**
 * Normalisation of what a person types: share tokens and request codes. Input is trimmed,
 * uppercased, spaces removed; dashes and the `PASSID-` prefix are optional.
 *
 * Accepted shapes (any case, any dashes/spaces):
 * - fixture tokens, 12 characters → `XXXX-XXXX-XXXX` (e.g. `KE8V-3TXY-Z72L`);
 * - share tokens, 16 characters, with or without `PASSID` → `PASSID-XXXX-XXXX-XXXX-XXXX`.
 * Characters are `[A-Z0-9]`: fixtures such as `EXPD-TOKN-0001` contain 0, 1 and O, so
 * `CODE_ALPHABET` (no 0/O/1/I) is for generating, not for rejecting.
 */
import { SHARE_TOKEN_PREFIX } from '../../wire/format.js';
import type { TokenInputError } from './types.js';

export type NormalizeResult = { ok: true; token: string } | { ok: false; error: TokenInputError };

const group4 = (chars: string) => chars.match(/.{4}/g)?.join('-') ?? chars;

function compact(input: string): string {
  return input.trim().toUpperCase().replace(/[\s\u2010-\u2015_-]+/g, '');
}

/** Normalises a share token or fixture token to its canonical dashed form. */
export function normalizeToken(input: string): NormalizeResult {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, error: 'EMPTY' };
  let chars = compact(input);
  const prefix = SHARE_TOKEN_PREFIX.replace('-', '');
  // `PASSID` + 16 is a share token; 22 chars starting with PASSID can't be anything else.
  if (chars.length === prefix.length + 16 && chars.startsWith(prefix)) chars = chars.slice(prefix.length);
  else if (chars.startsWith(prefix) && chars.length !== 12 && chars.length !== 16) {
    return { ok: false, error: 'MALFORMED' };
  }
  if (!/^[A-Z0-9]+$/.test(chars)) return { ok: false, error: 'MALFORMED' };
  if (chars.length === 12) return { ok: true, token: group4(chars) };
  if (chars.length === 16) return { ok: true, token: `${SHARE_TOKEN_PREFIX}${group4(chars)}` };
  return { ok: false, error: 'MALFORMED' };
}

/** Normalises an 8-character request code to `XXXX-XXXX`, or returns null if malformed. */
export function normalizeCode(input: string): string | null {
  if (typeof input !== 'string') return null;
  const chars = compact(input);
  return /^[A-Z0-9]{8}$/.test(chars) ? group4(chars) : null;
}

/** A token safe for logs and events: the first 4 characters (after `PASSID-`) and `…`. */
export function maskToken(token: string): string {
  const text = String(token ?? '').trim();
  const body = text.toUpperCase().startsWith(SHARE_TOKEN_PREFIX) ? text.slice(SHARE_TOKEN_PREFIX.length) : text;
  const prefix = body === text ? '' : SHARE_TOKEN_PREFIX;
  return `${prefix}${body.slice(0, 4)}…`;
}
