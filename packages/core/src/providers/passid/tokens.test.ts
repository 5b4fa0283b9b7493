import { describe, expect, it } from 'vitest';
import { maskToken, normalizeCode, normalizeToken } from './tokens.js';

describe('normalizeToken', () => {
  it.each([
    ['KE8V-3TXY-Z72L', 'KE8V-3TXY-Z72L'],
    ['ke8v3txyz72l', 'KE8V-3TXY-Z72L'],
    ['  ke8v 3txy z72l  ', 'KE8V-3TXY-Z72L'],
    ['EXPD-TOKN-0001', 'EXPD-TOKN-0001'],
    ['expd tokn 0001', 'EXPD-TOKN-0001'],
    ['PASSID-AB3X-7YQM-K9PQ-3MNX', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    ['passid-ab3x-7yqm-k9pq-3mnx', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    ['AB3X7YQMK9PQ3MNX', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    ['AB3X-7YQM-K9PQ-3MNX', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    ['PASSIDAB3X7YQMK9PQ3MNX', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    ['passid ab3x 7yqm k9pq 3mnx', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
    ['AB3X–7YQM–K9PQ–3MNX', 'PASSID-AB3X-7YQM-K9PQ-3MNX'],
  ])('%j → %s', (input, token) => {
    expect(normalizeToken(input)).toEqual({ ok: true, token });
  });

  it.each([[''], ['   '], ['\n\t']])('%j is EMPTY', (input) => {
    expect(normalizeToken(input)).toEqual({ ok: false, error: 'EMPTY' });
  });

  it.each([
    ['ABC'],
    ['KE8V-3TXY-Z72'],
    ['KE8V-3TXY-Z72L-1'],
    ['KE8V-3TXY-Z72!'],
    ['<script>alert(1)</script>'],
    ['PASSID-AB3X-7YQM'],
    ['PASSID-AB3X-7YQM-K9PQ-3MNX-ZZZZ'],
    ['ÉÉÉÉ-ÉÉÉÉ-ÉÉÉÉ'],
  ])('%j is MALFORMED', (input) => {
    expect(normalizeToken(input)).toEqual({ ok: false, error: 'MALFORMED' });
  });

  it('treats a non-string as EMPTY instead of throwing', () => {
    expect(normalizeToken(undefined as unknown as string)).toEqual({ ok: false, error: 'EMPTY' });
  });
});

describe('normalizeCode', () => {
  it.each([
    ['AB3X-7YQM', 'AB3X-7YQM'],
    ['ab3x7yqm', 'AB3X-7YQM'],
    [' ab3x 7yqm ', 'AB3X-7YQM'],
  ])('%j → %s', (input, code) => expect(normalizeCode(input)).toBe(code));

  it.each([['AB3X-7YQ'], ['AB3X-7YQM-1'], [''], ['AB3X_7YQ!']])('%j → null', (input) => {
    expect(normalizeCode(input)).toBeNull();
  });
});

describe('maskToken', () => {
  it('keeps only the first 4 characters of the secret part', () => {
    expect(maskToken('KE8V-3TXY-Z72L')).toBe('KE8V…');
    expect(maskToken('PASSID-AB3X-7YQM-K9PQ-3MNX')).toBe('PASSID-AB3X…');
    expect(maskToken('PASSID-AB3X-7YQM-K9PQ-3MNX')).not.toContain('7YQM');
  });
});
