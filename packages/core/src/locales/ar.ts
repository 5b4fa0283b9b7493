/**
 * Arabic texts, written right to left: `import { ar } from '@passid/core/locales/ar'` and pass
 * `locale: ar` (or `<PASSIDVerify locale={ar}>`, whose root then gets `dir="rtl"`).
 * Machine-assisted by the PASSID team, not yet reviewed by a native speaker: corrections are
 * welcome (see CONTRIBUTING.md). Numbers, codes and tokens stay in Latin digits.
 */
import type { Locale } from '../i18n/messages.js';

type PluralForms = Record<Intl.LDMLPluralRule, (n: number) => string>;

const rules = /*#__PURE__*/ new Intl.PluralRules('ar');
/** `n` with its noun in the plural form Arabic asks for (after a preposition: genitive). */
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

export const ar: Locale = {
  code: 'ar',
  dir: 'rtl',
  messages: {
    title: 'التحقق عبر PASSID',
    titleWithInstitution: 'التحقق عبر PASSID لصالح {institution}',
    generateQr: 'إنشاء رمز QR',
    orEnterToken: 'أو أدخل رمز PASSID المميز',
    tokenLabel: 'رمز PASSID المميز',
    tokenPlaceholder: 'PASSID-XXXX-XXXX-XXXX-XXXX',
    tokenHint: 'يجد العميل الرمز المميز ضمن «مشاركة» في تطبيق PASSID.',
    verifyToken: 'التحقق من الرمز المميز',
    requesting: 'جارٍ إنشاء جلسة التحقق…',
    verifying: 'جارٍ التحقق من بيانات الاعتماد…',
    scanInstructions: 'اطلب من العميل مسح رمز QR هذا بتطبيق PASSID ثم النقر على «مشاركة وتحقق».',
    codeLabel: 'الرمز',
    qrLabel: 'رمز QR للتحقق عبر PASSID. امسحه بتطبيق PASSID، أو أدخل الرمز {code} في التطبيق.',
    expiresIn: 'ينتهي خلال {time}',
    expiresInSpoken: (v) => `ينتهي خلال ${count(minutes, v.minutes ?? 0)} و${count(seconds, v.seconds ?? 0)}`,
    reconnecting: 'جارٍ إعادة الاتصال…',
    liveIdle: 'جاهز للتحقق من بيانات اعتماد PASSID.',
    liveRequesting: 'جارٍ إنشاء جلسة التحقق…',
    liveAwaiting: 'رمز QR جاهز. بانتظار موافقة العميل في تطبيق PASSID. الرمز {code}.',
    liveVerifying: 'جارٍ التحقق من بيانات الاعتماد…',
    liveSuccess: 'تم التحقق من بيانات الاعتماد.',
    liveDeclined: 'تم رفض التحقق. {reason}',
    liveError: 'فشل التحقق. {error}',
    successTitle: 'تم التحقق من بيانات الاعتماد',
    declinedTitle: 'تم رفض التحقق',
    errorTitle: 'حدث خطأ ما',
    tryAgain: 'إعادة المحاولة',
    generateNewCode: 'إنشاء رمز جديد',
    startOver: 'البدء من جديد',
    nextCustomer: 'التحقق من عميل آخر',
    scoreBadge: 'FSI {score}',
    tierBadge: 'الفئة {tier}',
    claimsTitle: 'البيانات التي تم التحقق منها',
    decline: {
      TOKEN_NOT_FOUND: 'لم نعثر على هذا الرمز المميز. اطلب من العميل إنشاء مشاركة جديدة في تطبيق PASSID.',
      TOKEN_EXPIRED: 'انتهت صلاحية هذا الرمز المميز. اطلب من العميل إنشاء مشاركة جديدة في تطبيق PASSID.',
      TOKEN_REVOKED: 'ألغى العميل هذا الرمز المميز في محفظة PASSID الخاصة به. اطلب منه إنشاء مشاركة جديدة.',
      TOKEN_ALREADY_USED:
        'سبق استخدام هذا الرمز المميز المخصص للاستخدام مرة واحدة. اطلب من العميل إنشاء مشاركة جديدة.',
      INSTITUTION_MISMATCH: 'صدر هذا الرمز المميز لمؤسسة أخرى. اطلب من العميل المشاركة معك مرة أخرى.',
      HARD_DENY_SANCTIONS_MATCH: 'لا يمكن التحقق من هذا العميل. لا تتابع هذا الطلب.',
      CUSTOMER_DECLINED: 'رفض العميل الطلب في تطبيق PASSID.',
      REQUEST_EXPIRED: 'انتهت صلاحية الطلب',
      UNKNOWN_DECLINE: 'تم رفض التحقق.',
    },
    errors: {
      http: 'تعذّر على PASSID إتمام الطلب (HTTP {status}). يُرجى المحاولة مرة أخرى.',
      network: 'تعذّر الوصول إلى PASSID. تحقّق من الاتصال وحاول مرة أخرى.',
      invalid_response: 'أرسل PASSID استجابة غير متوقعة. يُرجى المحاولة لاحقًا.',
      live_key_in_browser:
        'لا يمكن استخدام مفتاح PASSID الفعلي (live) في المتصفح. استخدم الخيار endpoint (وضع الوكيل) ليبقى المفتاح على خادمك.',
      configuration: 'لم يتم إعداد PASSID Verify بشكل صحيح. زوّده بـ apiKey أو endpoint.',
      aborted: 'تم إلغاء الطلب.',
    },
    errorUnauthorized: 'تم رفض مفتاح API الخاص بـ PASSID. تحقّق من المفتاح أو من إعدادات الوكيل.',
    errorRateLimited: 'طلبات كثيرة جدًا إلى PASSID. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
    errorNotFound: 'لم يعد طلب التحقق هذا موجودًا. أنشئ رمزًا جديدًا.',
    tokenErrors: {
      EMPTY: 'أدخل رمز PASSID المميز.',
      MALFORMED: 'لا يبدو هذا رمز PASSID مميزًا. صيغته: PASSID-XXXX-XXXX-XXXX-XXXX.',
    },
    claimLabels: {
      fsi_score: 'درجة FSI',
      tier: 'الفئة',
      confidence: 'الثقة',
      p_stable: 'الاستقرار',
      income_verified: 'الدخل',
      income_band: 'شريحة الدخل',
      identity_verified: 'الهوية',
      sanctions_clear: 'فحص العقوبات',
      payment_reliability: 'موثوقية السداد',
      savings_consistency: 'انتظام الادخار',
      fraud_risk: 'خطر الاحتيال',
      corridor: 'ممر التحويل',
      decision: 'القرار',
    },
    values: {
      verified: 'تم التحقق',
      notVerified: 'لم يتم التحقق',
      sanctionsClear: 'لا يوجد تطابق',
      sanctionsMatch: 'يوجد تطابق: لا تتابع',
      fraudLow: 'منخفض',
      fraudMedium: 'متوسط',
      fraudHigh: 'مرتفع',
      decisionApproved: 'مقبول',
      decisionReview: 'قيد المراجعة',
      percent: '{value}%',
      outOf100: '{value}/100',
      scoreRange: '{score} (النطاق {low}–{high})',
    },
  },
};
