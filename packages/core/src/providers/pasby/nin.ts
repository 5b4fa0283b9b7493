/**
 * The national identification number (NIN) a different-device session is pushed to: exactly
 * 11 digits. Spaces, dashes and dots a person types between groups are dropped first.
 */
import type { Normalized } from '@passid/core';

export function normalizeNin(input: string | undefined): Normalized {
  const digits = typeof input === 'string' ? input.replace(/[\s.\u2010-\u2015-]+/g, '') : '';
  if (digits === '') return { ok: false, error: 'EMPTY' };
  return /^\d{11}$/.test(digits) ? { ok: true, value: digits } : { ok: false, error: 'MALFORMED' };
}
