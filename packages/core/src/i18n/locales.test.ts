/**
 * Every language file found in `src/locales/` (PASSID) and `src/providers/pasby/locales/`
 * (pasby) — a new file is covered without touching this test — has every key of English,
 * the same placeholders, no text left in English, Latin digits in whatever it renders, and
 * the writing direction of its language.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { en, formatMessage } from './messages.js';
import type { Template } from './messages.js';
import { pasbyEn } from '../providers/pasby/messages.js';

interface AnyLocale {
  code: string;
  dir?: 'ltr' | 'rtl';
  messages: object;
}

async function load(folder: string): Promise<{ file: string; locale: AnyLocale }[]> {
  const dir = fileURLToPath(new URL(folder, import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('.test.'));
  return Promise.all(
    files.map(async (file) => {
      const module = (await import(`${dir}/${file}`)) as Record<string, unknown>;
      const locales = Object.values(module).filter(
        (v): v is AnyLocale => typeof v === 'object' && v !== null && 'messages' in v && 'code' in v,
      );
      expect(locales, `${file} exports one locale`).toHaveLength(1);
      return { file, locale: locales[0]! };
    }),
  );
}

const families = [
  { name: 'PASSID', english: en as object, files: await load('../locales/') },
  { name: 'pasby', english: pasbyEn as object, files: await load('../providers/pasby/locales/') },
];

/** Languages written right to left (the test knows them, so a new one cannot forget `dir`). */
const RTL = new Set(['ar', 'fa', 'he', 'ps', 'ur', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/**
 * A text may equal the English one when nothing in it is a word to translate: names
 * (PASSID, pasby), acronyms (NIN, FSI, HTTP, QR), the token pattern, placeholders, digits and
 * punctuation ("FSI {score}", "{value}%", "PASSID-XXXX-…").
 */
const NAMES = /\b(?:PASSID|pasby|NIN|FSI|HTTP|QR|XXXX)\b|\{\w+\}/g;
const nothingToTranslate = (text: string) => !/\p{L}/u.test(text.replace(NAMES, ''));

/** Words a language shares with English, checked by hand (key paths). Keep it short. */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  'PASSID/fr': ['codeLabel', 'claimLabels.corridor'], // « Code », « Corridor »: French words
};

/** Values the templates are rendered with: every placeholder a text may use. */
const SAMPLE = { institution: 'Demo Bank', code: 'AB3X-7YQM', time: '9:58', minutes: 9, seconds: 58,
  reason: 'R', error: 'E', score: 812, tier: 'A', status: 503, value: 93, low: 790, high: 834 };

/** Leaves of a catalogue as [path, text]. */
function leaves(value: object, path = ''): [string, Template][] {
  return Object.entries(value).flatMap(([key, v]): [string, Template][] => {
    const at = path ? `${path}.${key}` : key;
    return typeof v === 'object' && v !== null ? leaves(v as object, at) : [[at, v as Template]];
  });
}

const placeholders = (t: Template) => (typeof t === 'string' ? [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : null);

for (const family of families) {
  const english = new Map(leaves(family.english));

  describe(`${family.name} languages`, () => {
    it('are all there: en is built in, and sw, ha, yo, ig, ar, fr are files', () => {
      expect(family.files.map((f) => f.locale.code).sort()).toEqual(expect.arrayContaining(['ar', 'fr', 'ha', 'ig', 'sw', 'yo']));
    });

    describe.each(family.files)('$file', ({ file, locale }) => {
      const own = new Map(leaves(locale.messages));

      it('is named after its code and says its direction (rtl for a right-to-left language)', () => {
        expect(file).toBe(`${locale.code}.ts`);
        expect(locale.dir).toBe(RTL.has(locale.code.split('-')[0]!) ? 'rtl' : 'ltr');
      });

      it('has every key of English and no other', () => {
        expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
      });

      it('keeps the placeholders of each English text (a function text renders every value it is given)', () => {
        for (const [path, text] of own) {
          const source = english.get(path)!;
          if (typeof text === 'string') {
            expect(placeholders(text), path).toEqual(placeholders(source));
          } else {
            const out = formatMessage(text, SAMPLE);
            expect(out, path).not.toMatch(/[{}]|undefined|NaN/);
            for (const name of placeholders(source) ?? []) expect(out, `${path} shows {${name}}`).toContain(String(SAMPLE[name as keyof typeof SAMPLE]));
          }
        }
      });

      it('leaves no text in English', () => {
        const allowed = SAME_AS_ENGLISH[`${family.name}/${locale.code}`] ?? [];
        const same = [...own]
          .filter(([path, text]) => typeof text === 'string' && text === english.get(path))
          .filter(([path, text]) => !nothingToTranslate(text as string) && !allowed.includes(path))
          .map(([path]) => path);
        expect(same).toEqual([]);
      });

      it('renders Latin digits, in NFC, with no stray spaces', () => {
        for (const [path, text] of own) {
          const out = formatMessage(text, SAMPLE);
          expect(out, path).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/); // Arabic-Indic digits
          expect(out, path).toBe(out.normalize('NFC'));
          expect(out, path).toBe(out.trim());
          expect(out, path).not.toMatch(/ {2}/);
        }
      });
    });
  });
}

describe('Arabic plural forms (Intl.PluralRules) in the spoken countdown', () => {
  const spoken = families.map((f) => {
    const ar = f.files.find((x) => x.locale.code === 'ar')!.locale.messages as { expiresInSpoken: Template };
    return ar.expiresInSpoken;
  });
  it.each([
    [0, 0, 'ينتهي خلال 0 دقيقة و0 ثانية'],
    [1, 1, 'ينتهي خلال دقيقة واحدة وثانية واحدة'],
    [2, 2, 'ينتهي خلال دقيقتين وثانيتين'],
    [3, 10, 'ينتهي خلال 3 دقائق و10 ثوانٍ'],
    [9, 58, 'ينتهي خلال 9 دقائق و58 ثانية'],
    [11, 30, 'ينتهي خلال 11 دقيقة و30 ثانية'],
  ])('%i min %i s', (minutes, seconds, expected) => {
    for (const template of spoken) expect(formatMessage(template, { minutes, seconds })).toBe(expected);
  });
});
