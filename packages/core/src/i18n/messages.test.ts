import { describe, expect, it, vi } from 'vitest';
import { en, formatMessage, resolveMessages } from './messages.js';
import type { Locale } from './messages.js';
import { fr as frLocale } from '../locales/fr.js';

const fr = frLocale.messages;
import { DENY_REASONS } from '../wire/schemas.js';

function shape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]));
}

function placeholders(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return [...value.matchAll(/\{(\w+)\}/g)].map((m) => `${path}:${m[1]}`).sort();
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => placeholders(v, `${path}.${k}`));
}

describe('messages', () => {
  it('fr has exactly the keys and placeholders of en', () => {
    expect(shape(fr)).toEqual(shape(en));
    expect(placeholders(fr).sort()).toEqual(placeholders(en).sort());
  });

  it('has the guide texts', () => {
    expect(en.generateQr).toBe('Generate QR code');
    expect(en.tokenLabel).toBe('PASSID token');
    expect(en.verifyToken).toBe('Verify token');
    expect(en.requesting).toBe('Creating verification session…');
    expect(en.verifying).toBe('Verifying credential…');
    expect(en.decline.REQUEST_EXPIRED).toBe('Request expired');
    expect(en.generateNewCode).toBe('Generate new code');
    expect(en.tryAgain).toBe('Try again');
  });

  it('has a friendly text for every deny reason and CUSTOMER_DECLINED', () => {
    for (const reason of [...DENY_REASONS, 'CUSTOMER_DECLINED'] as const) {
      expect(en.decline[reason].length).toBeGreaterThan(10);
      expect(fr.decline[reason].length).toBeGreaterThan(10);
    }
    expect(en.decline.HARD_DENY_SANCTIONS_MATCH).toMatch(/cannot be verified.*not proceed/);
    expect(en.decline.HARD_DENY_SANCTIONS_MATCH).not.toMatch(/success|approved/i);
  });

  it('resolveMessages picks the language and merges overrides', () => {
    expect(frLocale.code).toBe('fr');
    expect(resolveMessages(frLocale).tryAgain).toBe('Réessayer');
    expect(resolveMessages('en').tryAgain).toBe('Try again');
    expect(resolveMessages().tryAgain).toBe('Try again');
    expect(resolveMessages(frLocale, { tryAgain: 'Encore' }).tryAgain).toBe('Encore');
    expect(resolveMessages(frLocale, { tryAgain: 'Encore' }).startOver).toBe('Recommencer');
    const custom = resolveMessages('en', { tryAgain: 'Retry', decline: { TOKEN_EXPIRED: 'Old token' } });
    expect(custom.tryAgain).toBe('Retry');
    expect(custom.decline.TOKEN_EXPIRED).toBe('Old token');
    expect(custom.decline.TOKEN_REVOKED).toBe(en.decline.TOKEN_REVOKED);
    expect(en.tryAgain).toBe('Try again');
  });

  it('falls back to English for a locale that is not built in, with a development warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(resolveMessages('fr' as unknown as Locale).tryAgain).toBe('Try again');
      expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/^\[passid\] locale "fr" is not built in.*locales\/fr/));
      warn.mockClear();
      resolveMessages('en');
      resolveMessages(frLocale);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('warns once per unknown locale, not on every call (every render)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      for (let i = 0; i < 3; i += 1) resolveMessages('de' as unknown as Locale);
      expect(warn).toHaveBeenCalledOnce();
      resolveMessages('es' as unknown as Locale);
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
    }
  });

  it('formatMessage fills placeholders and leaves unknown ones', () => {
    expect(formatMessage('Expires in {time} {x}', { time: '1:00' })).toBe('Expires in 1:00 {x}');
  });

  it('a function template gets the values as they are (numbers stay numbers), for plural forms', () => {
    const rules = new Intl.PluralRules('ar');
    const minutes = (n: number) => `${n} ${({ zero: 'دقيقة', one: 'دقيقة', two: 'دقيقتان', few: 'دقائق', many: 'دقيقة', other: 'دقيقة' } as Record<string, string>)[rules.select(n)]}`;
    const template = ({ minutes: m }: Readonly<Record<string, string | number>>) => `ينتهي خلال ${minutes(Number(m))}`;
    expect(formatMessage(template, { minutes: 3 })).toBe('ينتهي خلال 3 دقائق');
    expect(formatMessage(template, { minutes: 2 })).toBe('ينتهي خلال 2 دقيقتان');
  });

  it('overrides may replace a template with a function', () => {
    const messages = resolveMessages('en', { scoreBadge: ({ score }) => `Score: ${String(score)}` });
    expect(formatMessage(messages.scoreBadge, { score: 812 })).toBe('Score: 812');
  });
});
