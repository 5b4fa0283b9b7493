import { describe, expect, it } from 'vitest';
import { luminance, textOn } from './theme.js';

describe('theme', () => {
  it('computes WCAG luminance for 3- and 6-digit hex, null otherwise', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('#000')).toBe(0);
    expect(luminance('rebeccapurple')).toBeNull();
  });

  it('puts dark text on the default green and white text on a dark primary', () => {
    expect(textOn('#00c27a')).toBe('#06130d');
    expect(textOn('#1a237e')).toBe('#ffffff');
    expect(textOn('var(--brand)')).toBeNull();
  });
});
