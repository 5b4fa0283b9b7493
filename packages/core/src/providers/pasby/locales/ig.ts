/**
 * Igbo texts of the pasby widget: `import { ig } from '@passid/core/pasby/locales/ig'` and
 * pass `locale: ig` (or `<PasbyVerify locale={ig}>`). Machine-assisted by the PASSID team, not
 * yet reviewed by a native speaker: corrections are welcome (see CONTRIBUTING.md).
 */
import type { PasbyLocale } from '../messages.js';

export const ig: PasbyLocale = {
  code: 'ig',
  dir: 'ltr',
  messages: {
    title: 'Nyochaa site na pasby',
    titleWithInstitution: 'Nyochaa site na pasby maka {institution}',
    start: {
      wildcard: 'Gosi koodu QR',
      'same-device': "Gaa n'ihu na pasby",
      'different-device': 'Ziga ya na ngwa pasby',
    },
    ninLabel: 'Nọmba njirimara mba (NIN)',
    ninHint: 'Ọnụọgụgụ 11 nke NIN. Anyị na-eziga arịrịọ ahụ na ngwa pasby nke onye a.',
    ninErrors: {
      EMPTY: 'Tinye nọmba njirimara mba.',
      MALFORMED: 'Nọmba njirimara mba nwere ọnụọgụgụ 11 kpọmkwem.',
    },
    requesting: {
      wildcard: 'A na-emepụta koodu QR…',
      'same-device': 'A na-akwadebe pasby…',
      'different-device': 'A na-eziga arịrịọ ahụ na ngwa pasby…',
    },
    instructions: {
      wildcard:
        'Jiri ngwa pasby gụọ koodu QR a. Koodu ahụ na-agbanwe mgbe sekọnd ole na ole gachara; gụọ nke ị hụrụ.',
      'same-device': 'Mepee ngwa pasby na ngwaọrụ a, wee kwado arịrịọ ahụ.',
      'different-device': 'Anyị ezigala arịrịọ na ngwa pasby. Mepee pasby na ekwentị ahụ wee kwado ya.',
    },
    qrLabel: 'Koodu QR iji nyochaa site na pasby. Jiri ngwa pasby gụọ ya.',
    openPasby: 'Mepee pasby',
    pickedUpTitle: 'Kwado ya na ngwa pasby gị',
    pickedUpText: "Arịrịọ ahụ emeghere na ngwa pasby. Lelee ya n'ebe ahụ wee kwado ya.",
    expiresIn: "Ọ ga-agwụ n'ime {time}",
    expiresInSpoken: "Ọ ga-agwụ n'ime nkeji {minutes} na sekọnd {seconds}",
    reconnecting: 'A na-ejikọ ọzọ…',
    liveIdle: 'Ọ dịla njikere inyocha site na pasby.',
    liveAwaiting: {
      wildcard: 'Koodu QR adịla njikere. A na-eche ka e jiri ngwa pasby gụọ ya.',
      'same-device': 'pasby adịla njikere. Mepee ngwa pasby ka ị kwado.',
      'different-device': 'E zigala arịrịọ na ngwa pasby. A na-eche nkwado.',
    },
    livePickedUp: 'Arịrịọ ahụ emeghere na ngwa pasby. A na-eche nkwado.',
    liveSuccess: 'pasby akwadola njirimara.',
    liveDeclined: 'Nyocha ahụ emezughị. {reason}',
    liveError: 'Nyocha ahụ agaghị nke ọma. {error}',
    successTitle: 'Akwadola njirimara',
    declinedTitle: 'Nyocha ahụ emezughị',
    notOnPasbyTitle: 'Enweghị njirimara pasby maka nọmba a',
    errorTitle: 'Nsogbu dapụtara',
    tryAgain: 'Nwaa ọzọ',
    startAgain: 'Malite ọzọ',
    otherNin: 'Nwaa nọmba ọzọ',
    fallback: {
      wildcard: 'Jiri koodu QR kama',
      'same-device': 'Jiri pasby na ngwaọrụ a kama',
      'different-device': 'Ziga ya na ekwentị kama',
    },
    claimsTitle: 'pasby kwadoro ya',
    claimLabels: {
      'naming.given': 'Aha mbụ',
      'naming.middle': 'Aha etiti',
      'naming.family': 'Aha ezinụlọ',
      'contact.email': 'Ozi-e',
      'bio.birthdate': 'Ụbọchị ọmụmụ',
      'bio.gender': 'Nwoke ma ọ bụ nwanyị',
      'bio.birthnumber': 'Nọmba ọmụmụ',
      'nationality.primary': 'Mba onye si',
      'nationality.residence': 'Mba obibi',
    },
    decline: {
      CANCELLED: 'A jụrụ arịrịọ ahụ na ngwa pasby, ma ọ bụ kagbuo ya.',
      EXPIRED: 'Oge arịrịọ agwụla',
      NOT_ON_PASBY: 'Nọmba njirimara mba a enweghị njirimara dijitalụ pasby.',
      UNKNOWN_DECLINE: 'Nyocha ahụ emezughị.',
    },
    errors: {
      http: 'Ọrụ nyocha enweghị ike imecha arịrịọ ahụ (HTTP {status}). Biko nwaa ọzọ.',
      network: 'Anyị enweghị ike iru ọrụ nyocha. Lelee njikọ gị wee nwaa ọzọ.',
      invalid_response: 'Ọrụ nyocha zitere nzaghachi a na-atụghị anya ya. Biko nwaa ọzọ ma emechaa.',
      live_key_in_browser: 'Enweghị ike iji igodo pasby na ihe nchọgharị.',
      configuration: 'Edoziteghị pasby nke ọma. Nye ya endpoint nke proxy pasby gị.',
      aborted: 'Akagburu arịrịọ ahụ.',
    },
    errorUnauthorized: 'Sava ahụ jụrụ ịmalite pasby. Banye ọzọ, ma ọ bụ lelee nhazi proxy.',
    errorRateLimited: 'Arịrịọ karịrị akarị. Biko chere ntakịrị wee nwaa ọzọ.',
    errorNotFound: 'Arịrịọ pasby a adịkwaghị. Malite ọzọ.',
  },
};
