import { describe, expect, it } from 'vitest';
import { normalizeNin } from './nin.js';

describe('normalizeNin', () => {
  it.each([
    ['12345678901', '12345678901'],
    ['  12345678901 ', '12345678901'],
    ['123 456 789 01', '12345678901'],
    ['123-4567-8901', '12345678901'],
    ['123.456.789.01', '12345678901'],
  ])('takes %j as %s', (input, value) => {
    expect(normalizeNin(input)).toEqual({ ok: true, value });
  });

  it.each(['', '   ', undefined])('refuses %j as EMPTY', (input) => {
    expect(normalizeNin(input)).toEqual({ ok: false, error: 'EMPTY' });
  });

  it.each(['1234567890', '123456789012', '1234567890a', '１２３４５６７８９０１', 'twelve', '+2341234567890'])(
    'refuses %j as MALFORMED (exactly 11 ASCII digits)',
    (input) => {
      expect(normalizeNin(input)).toEqual({ ok: false, error: 'MALFORMED' });
    },
  );
});
