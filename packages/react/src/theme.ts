/** Theme of `<PASSIDVerify>`. Everything else is themable through CSS custom properties. */
export interface PassidTheme {
  /** Hex colour for buttons and accents (fills). @default '#00c27a' */
  primary?: string;
  /** Colour scheme: follow the OS (`prefers-color-scheme`) or force one. @default 'auto' */
  mode?: 'light' | 'dark' | 'auto';
}

/** `#rgb` / `#rrggbb` → relative luminance (WCAG), or null for anything else. */
export function luminance(hex: string): number | null {
  const m = /^#?([\da-f]{3}|[\da-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Text colour for a `primary` fill: near-black or white, whichever contrasts more (the
 * default green gets dark text, 9:1; a navy primary gets white). Null when `primary` is not
 * a hex colour (the stylesheet's default then applies).
 */
export function textOn(primary: string): string | null {
  const l = luminance(primary);
  if (l === null) return null;
  // Contrast with #06130d (L≈0.0058) vs with white (L=1).
  return (l + 0.05) / 0.0558 >= 1.05 / (l + 0.05) ? '#06130d' : '#ffffff';
}
