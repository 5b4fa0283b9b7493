/** Identifier generation and token normalisation (see docs/bridge-api.md, "Identifiers"). */
import { randomBytes, randomInt } from 'node:crypto';
import { CODE_ALPHABET, SHARE_TOKEN_PREFIX } from '@passid/core/wire';

/** `prefix` + 22 crypto-random url-safe characters (128 bits). */
export function randomId(prefix: string): string {
  return prefix + randomBytes(16).toString('base64url');
}

function randomChars(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** An 8-character request code shown as `XXXX-XXXX`. */
export function randomCode(): string {
  return `${randomChars(4)}-${randomChars(4)}`;
}

/** A wallet share token `PASSID-XXXX-XXXX-XXXX-XXXX`. */
export function randomShareToken(): string {
  const c = randomChars(16);
  return `${SHARE_TOKEN_PREFIX}${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8, 12)}-${c.slice(12)}`;
}

function groups(s: string): string {
  return s.match(/.{1,4}/g)?.join('-') ?? s;
}

/**
 * Normalises a token as typed by a person: trims, uppercases, drops spaces and dashes, then
 * formats 16 characters (with or without `PASSID`) as `PASSID-XXXX-XXXX-XXXX-XXXX` and 12
 * characters as a fixture token `XXXX-XXXX-XXXX`. Anything else comes back compacted and
 * uppercased (it will not be found).
 */
export function normalizeToken(input: string): string {
  let s = input.trim().toUpperCase().replace(/[\s-]+/g, '');
  if (s.startsWith('PASSID') && (s.length === 22 || s.length === 18)) s = s.slice(6);
  if (s.length === 16) return SHARE_TOKEN_PREFIX + groups(s);
  if (s.length === 12) return groups(s);
  return s;
}

/** Normalises a request code (`ab3x7yqm` → `AB3X-7YQM`); `null` if it cannot be one. */
export function normalizeCode(input: string): string | null {
  const s = input.trim().toUpperCase().replace(/[\s-]+/g, '');
  if (s.length !== 8) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Masks a secret for logs: the first 4 characters and `…`. */
export function mask(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}
