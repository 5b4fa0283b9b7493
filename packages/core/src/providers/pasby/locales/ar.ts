/**
 * Arabic texts of the pasby widget, written right to left:
 * `import { ar } from '@passid/core/pasby/locales/ar'` and pass `locale: ar` (or
 * `<PasbyVerify locale={ar}>`, whose root then gets `dir="rtl"`). Machine-assisted by the
 * PASSID team, not yet reviewed by a native speaker: corrections are welcome (see
 * CONTRIBUTING.md). Numbers and codes stay in Latin digits.
 */
import type { PasbyLocale } from '../messages.js';
import { arExpiresInSpoken } from '../../../i18n/ar-time.js';

export const ar: PasbyLocale = {
  code: 'ar',
  dir: 'rtl',
  messages: {
    title: 'التحقق عبر pasby',
    titleWithInstitution: 'التحقق عبر pasby لصالح {institution}',
    start: {
      wildcard: 'عرض رمز QR',
      'same-device': 'المتابعة باستخدام pasby',
      'different-device': 'الإرسال إلى تطبيق pasby',
    },
    ninLabel: 'رقم الهوية الوطنية (NIN)',
    ninHint: 'رقم NIN المكوّن من 11 رقمًا. نرسل الطلب إلى تطبيق pasby الخاص بهذا الشخص.',
    ninErrors: {
      EMPTY: 'أدخل رقم الهوية الوطنية.',
      MALFORMED: 'يتكوّن رقم الهوية الوطنية من 11 رقمًا بالضبط.',
    },
    requesting: {
      wildcard: 'جارٍ إنشاء رمز QR…',
      'same-device': 'جارٍ تجهيز pasby…',
      'different-device': 'جارٍ إرسال الطلب إلى تطبيق pasby…',
    },
    instructions: {
      wildcard: 'امسح رمز QR هذا بتطبيق pasby. يتغيّر الرمز كل بضع ثوانٍ؛ امسح الرمز الظاهر أمامك.',
      'same-device': 'افتح تطبيق pasby على هذا الجهاز، ثم وافق على الطلب.',
      'different-device': 'أرسلنا طلبًا إلى تطبيق pasby. افتح pasby على الهاتف ووافق عليه.',
    },
    qrLabel: 'رمز QR للتحقق عبر pasby. امسحه بتطبيق pasby.',
    openPasby: 'فتح pasby',
    pickedUpTitle: 'وافق في تطبيق pasby',
    pickedUpText: 'الطلب مفتوح في تطبيق pasby. راجعه هناك ووافق عليه.',
    expiresIn: 'ينتهي خلال {time}',
    expiresInSpoken: arExpiresInSpoken,
    reconnecting: 'جارٍ إعادة الاتصال…',
    liveIdle: 'جاهز للتحقق عبر pasby.',
    liveAwaiting: {
      wildcard: 'رمز QR جاهز. بانتظار المسح بتطبيق pasby.',
      'same-device': 'pasby جاهز. افتح تطبيق pasby للموافقة.',
      'different-device': 'أُرسل الطلب إلى تطبيق pasby. بانتظار الموافقة.',
    },
    livePickedUp: 'الطلب مفتوح في تطبيق pasby. بانتظار الموافقة.',
    liveSuccess: 'أكّد pasby الهوية.',
    liveDeclined: 'لم يكتمل التحقق. {reason}',
    liveError: 'فشل التحقق. {error}',
    successTitle: 'تم تأكيد الهوية',
    declinedTitle: 'لم يكتمل التحقق',
    notOnPasbyTitle: 'لا توجد هوية pasby لهذا الرقم',
    errorTitle: 'حدث خطأ ما',
    tryAgain: 'إعادة المحاولة',
    startAgain: 'البدء من جديد',
    otherNin: 'تجربة رقم آخر',
    fallback: {
      wildcard: 'استخدام رمز QR بدلًا من ذلك',
      'same-device': 'استخدام pasby على هذا الجهاز بدلًا من ذلك',
      'different-device': 'الإرسال إلى هاتف بدلًا من ذلك',
    },
    claimsTitle: 'أكّده pasby',
    claimLabels: {
      'naming.given': 'الاسم الأول',
      'naming.middle': 'الاسم الأوسط',
      'naming.family': 'اسم العائلة',
      'contact.email': 'البريد الإلكتروني',
      'bio.birthdate': 'تاريخ الميلاد',
      'bio.gender': 'الجنس',
      'bio.birthnumber': 'رقم الميلاد',
      'nationality.primary': 'الجنسية',
      'nationality.residence': 'بلد الإقامة',
    },
    decline: {
      CANCELLED: 'رُفض الطلب في تطبيق pasby، أو أُلغي.',
      EXPIRED: 'انتهت صلاحية الطلب',
      NOT_ON_PASBY: 'لا يملك رقم الهوية الوطنية هذا هوية رقمية على pasby.',
      UNKNOWN_DECLINE: 'لم يكتمل التحقق.',
    },
    errors: {
      http: 'تعذّر على خدمة التحقق إتمام الطلب (HTTP {status}). يُرجى المحاولة مرة أخرى.',
      network: 'تعذّر الوصول إلى خدمة التحقق. تحقّق من الاتصال وحاول مرة أخرى.',
      invalid_response: 'أرسلت خدمة التحقق استجابة غير متوقعة. يُرجى المحاولة لاحقًا.',
      live_key_in_browser: 'لا يمكن استخدام مفاتيح pasby في المتصفح.',
      configuration: 'لم يتم إعداد pasby بشكل صحيح. زوّده بعنوان endpoint للوكيل (proxy) الخاص بك.',
      aborted: 'تم إلغاء الطلب.',
    },
    errorUnauthorized: 'رفض الخادم بدء pasby. سجّل الدخول مرة أخرى، أو تحقّق من إعدادات الوكيل.',
    errorRateLimited: 'طلبات كثيرة جدًا. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
    errorNotFound: 'لم يعد طلب pasby هذا موجودًا. ابدأ من جديد.',
  },
};
