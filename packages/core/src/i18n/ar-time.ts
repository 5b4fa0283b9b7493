/**
 * Arabic's spoken countdown, shared by the PASSID and the pasby Arabic texts: minutes and
 * seconds with the noun in the plural form `Intl.PluralRules('ar')` asks for (after a
 * preposition: genitive), digits Latin.
 */
type PluralForms = Record<Intl.LDMLPluralRule, (n: number) => string>;

const rules = /*#__PURE__*/ new Intl.PluralRules('ar');
/** `n` with its noun in the plural form Arabic asks for. */
const count = (forms: PluralForms, n: number | string) => forms[rules.select(Number(n))](Number(n));

const minutes: PluralForms = {
  zero: (n) => `${n} دقيقة`,
  one: () => 'دقيقة واحدة',
  two: () => 'دقيقتين',
  few: (n) => `${n} دقائق`,
  many: (n) => `${n} دقيقة`,
  other: (n) => `${n} دقيقة`,
};
const seconds: PluralForms = {
  zero: (n) => `${n} ثانية`,
  one: () => 'ثانية واحدة',
  two: () => 'ثانيتين',
  few: (n) => `${n} ثوانٍ`,
  many: (n) => `${n} ثانية`,
  other: (n) => `${n} ثانية`,
};

/** "Expires in {minutes} min {seconds} s", spoken in Arabic. */
export const arExpiresInSpoken = (v: Readonly<Record<string, string | number>>): string =>
  `ينتهي خلال ${count(minutes, v.minutes ?? 0)} و${count(seconds, v.seconds ?? 0)}`;
