/** Every language of both widgets, by code (English is built in: `'en'`). */
import type { Locale } from '@passid/core';
import type { PasbyLocale } from '@passid/core/pasby';
import { ar } from '@passid/core/locales/ar';
import { fr } from '@passid/core/locales/fr';
import { ha } from '@passid/core/locales/ha';
import { ig } from '@passid/core/locales/ig';
import { sw } from '@passid/core/locales/sw';
import { yo } from '@passid/core/locales/yo';
import { ar as pasbyAr } from '@passid/core/pasby/locales/ar';
import { fr as pasbyFr } from '@passid/core/pasby/locales/fr';
import { ha as pasbyHa } from '@passid/core/pasby/locales/ha';
import { ig as pasbyIg } from '@passid/core/pasby/locales/ig';
import { sw as pasbySw } from '@passid/core/pasby/locales/sw';
import { yo as pasbyYo } from '@passid/core/pasby/locales/yo';
import type { LanguageCode } from '../labels';

export const PASSID_LOCALES: Record<LanguageCode, 'en' | Locale> = { en: 'en', fr, sw, ha, yo, ig, ar };
export const PASBY_LOCALES: Record<LanguageCode, 'en' | PasbyLocale> = {
  en: 'en', fr: pasbyFr, sw: pasbySw, ha: pasbyHa, yo: pasbyYo, ig: pasbyIg, ar: pasbyAr,
};
