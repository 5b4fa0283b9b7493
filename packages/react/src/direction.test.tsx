/**
 * Writing direction and language of both widgets: the root's `dir` comes from the `dir` prop,
 * else the language (`ar` → rtl), else the page (no attribute); `lang` names the language of
 * the texts; the stylesheets place nothing by left or right (so `rtl` mirrors) and keep the
 * code and the input fields left to right.
 */
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ar } from '@passid/core/locales/ar';
import { sw } from '@passid/core/locales/sw';
import { ar as pasbyAr } from '@passid/core/pasby/locales/ar';
import { sw as pasbySw } from '@passid/core/pasby/locales/sw';
import { PASSIDVerify } from './PASSIDVerify.js';
import { PasbyVerify } from './pasby/PasbyVerify.js';
import { STYLESHEET } from './styles.js';
import { PASBY_STYLESHEET } from './pasby/styles.js';

type Props = { locale?: 'en' | typeof ar | typeof pasbyAr; dir?: 'ltr' | 'rtl' | 'auto' };

const widgets: { name: string; rtl: Props['locale']; ltr: Props['locale']; heading: string; el: (p: Props) => ReactElement }[] = [
  {
    name: '<PASSIDVerify>',
    rtl: ar,
    ltr: sw,
    heading: 'التحقق عبر PASSID',
    el: (p) => <PASSIDVerify apiKey="sk_sandbox_demo" fetch={vi.fn()} onSuccess={() => {}} {...(p as object)} />,
  },
  {
    name: '<PasbyVerify>',
    rtl: pasbyAr,
    ltr: pasbySw,
    heading: 'التحقق عبر pasby',
    el: (p) => <PasbyVerify endpoint="/api/pasby" fetch={vi.fn()} onSuccess={() => {}} {...(p as object)} />,
  },
];

const root = () => document.querySelector('.passid-root') as HTMLElement;

describe.each(widgets)('$name', ({ rtl, ltr, heading, el }) => {
  it('is right to left, in Arabic, with `ar`', () => {
    render(el({ locale: rtl }));
    expect(root().getAttribute('dir')).toBe('rtl');
    expect(root().getAttribute('lang')).toBe('ar');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(heading);
  });

  it('is left to right with a left-to-right language', () => {
    render(el({ locale: ltr }));
    expect(root().getAttribute('dir')).toBe('ltr');
    expect(root().getAttribute('lang')).toBe('sw');
  });

  it("follows the page with English (no dir, no lang of its own)", () => {
    render(el({}));
    expect(root().hasAttribute('dir')).toBe(false);
    expect(root().hasAttribute('lang')).toBe(false);
    document.body.innerHTML = '';
    render(el({ locale: 'en' }));
    expect(root().hasAttribute('dir')).toBe(false);
  });

  it('takes the dir prop over the language', () => {
    render(el({ locale: rtl, dir: 'ltr' }));
    expect(root().getAttribute('dir')).toBe('ltr');
    document.body.innerHTML = '';
    render(el({ dir: 'rtl' }));
    expect(root().getAttribute('dir')).toBe('rtl');
  });
});

describe('the stylesheets', () => {
  const css = STYLESHEET + PASBY_STYLESHEET;
  const rule = (selector: string) => new RegExp(`(?:^|[}])${selector.replace(/[.*]/g, '\\$&')}\\{([^}]*)\\}`).exec(css)?.[1];

  it('place nothing by left or right, so a right-to-left root mirrors', () => {
    expect(css).not.toMatch(/(?:margin|padding|border|inset)-(?:left|right)|[{;](?:left|right|float):|text-align:(?:left|right)|\b(?:left|right) (?:top|bottom|center)/);
  });

  it('keep the code and the input fields (token, NIN) left to right', () => {
    expect(rule('.passid-code strong')).toContain('direction:ltr');
    expect(rule('.passid-input')).toContain('direction:ltr');
  });
});
