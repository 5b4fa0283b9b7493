import { describe, expect, test } from 'vitest';
import { CODE_ALPHABET } from '@passid/core/wire';
import { mask, normalizeCode, normalizeToken, randomCode, randomId, randomShareToken } from './ids.js';
import { parseRateLimit } from './rate-limit.js';

describe('identifiers', () => {
  test('ids are prefix + 22 url-safe characters and do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomId('req_')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^req_[A-Za-z0-9_-]{22}$/);
  });

  test('codes and share tokens use only the alphabet', () => {
    const allowed = new RegExp(`^[${CODE_ALPHABET}-]+$`);
    for (let i = 0; i < 200; i++) {
      expect(randomCode()).toMatch(/^.{4}-.{4}$/);
      expect(randomCode()).toMatch(allowed);
      const token = randomShareToken();
      expect(token).toMatch(/^PASSID-.{4}-.{4}-.{4}-.{4}$/);
      expect(token.slice(7)).toMatch(allowed);
    }
  });
});

describe('normalisation', () => {
  test.each([
    ['passid-ab3x-7yqm-k9pq-3mnx', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    ['AB3X7YQMK9PQ3MNX', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    [' ab3x 7yqm k9pq 3mnx ', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    ['ke8v3txyz72l', 'KE8V-3TXY-Z72L'],
    ['PASSID-KE8V-3TXY-Z72L', 'KE8V-3TXY-Z72L'],
    ['othr-inst-0001', 'OTHR-INST-0001'],
    ['short', 'SHORT'],
  ])('token %j → %j', (input, out) => expect(normalizeToken(input)).toBe(out));

  test('codes: any case, with or without the dash; null when it cannot be a code', () => {
    expect(normalizeCode('ab3x7yqm')).toBe('AB3X-7YQM');
    expect(normalizeCode('AB3X-7YQM')).toBe('AB3X-7YQM');
    expect(normalizeCode('AB3X-7YQ')).toBeNull();
    expect(normalizeCode('AB0X-7YQM')).toBeNull(); // 0 is not in the alphabet
  });

  test('mask keeps 4 characters', () => expect(mask('sk_sandbox_demo')).toBe('sk_s…'));
});

describe('parseRateLimit', () => {
  test('parses "<requests>/<seconds>" and the off values; refuses nonsense with a [passid] error', () => {
    expect(parseRateLimit('300/10')).toEqual({ requests: 300, windowMs: 10_000 });
    expect(parseRateLimit(' 5 / 0.5 ')).toEqual({ requests: 5, windowMs: 500 });
    expect(parseRateLimit('0')).toBeNull();
    expect(parseRateLimit('off')).toBeNull();
    expect(() => parseRateLimit('fast')).toThrow(/^\[passid\] invalid rate limit/);
    expect(() => parseRateLimit('0/10')).toThrow(/\[passid\]/);
  });
});
