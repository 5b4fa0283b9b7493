/**
 * Swahili (Kiswahili) texts of the pasby widget: `import { sw } from '@passid/core/pasby/locales/sw'`
 * and pass `locale: sw` (or `<PasbyVerify locale={sw}>`). Machine-assisted by the PASSID
 * team, not yet reviewed by a native speaker: corrections are welcome (see CONTRIBUTING.md).
 */
import type { PasbyLocale } from '../messages.js';

export const sw: PasbyLocale = {
  code: 'sw',
  dir: 'ltr',
  messages: {
    title: 'Thibitisha kwa pasby',
    titleWithInstitution: 'Thibitisha kwa pasby kwa ajili ya {institution}',
    start: {
      wildcard: 'Onyesha msimbo wa QR',
      'same-device': 'Endelea na pasby',
      'different-device': 'Tuma kwa programu ya pasby',
    },
    ninLabel: 'Namba ya Utambulisho wa Taifa (NIN)',
    ninHint: 'Tarakimu 11 za NIN. Tunatuma ombi kwa programu ya pasby ya mtu huyu.',
    ninErrors: {
      EMPTY: 'Weka namba ya utambulisho wa taifa.',
      MALFORMED: 'Namba ya utambulisho wa taifa ina tarakimu 11 kamili.',
    },
    requesting: {
      wildcard: 'Inaunda msimbo wa QR…',
      'same-device': 'Inaandaa pasby…',
      'different-device': 'Inatuma ombi kwa programu ya pasby…',
    },
    instructions: {
      wildcard:
        'Changanua msimbo huu wa QR kwa programu ya pasby. Msimbo hubadilika kila baada ya sekunde chache; changanua ule unaouona.',
      'same-device': 'Fungua programu ya pasby kwenye kifaa hiki, kisha uidhinishe ombi.',
      'different-device': 'Tumetuma ombi kwa programu ya pasby. Fungua pasby kwenye simu na uliidhinishe.',
    },
    qrLabel: 'Msimbo wa QR wa kuthibitisha kwa pasby. Uchanganue kwa programu ya pasby.',
    openPasby: 'Fungua pasby',
    pickedUpTitle: 'Idhinisha katika programu yako ya pasby',
    pickedUpText: 'Ombi limefunguliwa katika programu ya pasby. Likague hapo na uliidhinishe.',
    expiresIn: 'Inaisha baada ya {time}',
    expiresInSpoken: 'Inaisha baada ya dakika {minutes} na sekunde {seconds}',
    reconnecting: 'Inaunganisha upya…',
    liveIdle: 'Tayari kuthibitisha kwa pasby.',
    liveAwaiting: {
      wildcard: 'Msimbo wa QR uko tayari. Tunasubiri uchanganuzi kwa programu ya pasby.',
      'same-device': 'pasby iko tayari. Fungua programu ya pasby ili uidhinishe.',
      'different-device': 'Ombi limetumwa kwa programu ya pasby. Tunasubiri idhini.',
    },
    livePickedUp: 'Ombi limefunguliwa katika programu ya pasby. Tunasubiri idhini.',
    liveSuccess: 'Utambulisho umethibitishwa na pasby.',
    liveDeclined: 'Uthibitishaji haujakamilika. {reason}',
    liveError: 'Uthibitishaji umeshindwa. {error}',
    successTitle: 'Utambulisho umethibitishwa',
    declinedTitle: 'Uthibitishaji haujakamilika',
    notOnPasbyTitle: 'Hakuna kitambulisho cha pasby kwa namba hii',
    errorTitle: 'Hitilafu imetokea',
    tryAgain: 'Jaribu tena',
    startAgain: 'Anza tena',
    otherNin: 'Jaribu namba nyingine',
    fallback: {
      wildcard: 'Tumia msimbo wa QR badala yake',
      'same-device': 'Tumia pasby kwenye kifaa hiki badala yake',
      'different-device': 'Tuma kwa simu badala yake',
    },
    claimsTitle: 'Imethibitishwa na pasby',
    claimLabels: {
      'naming.given': 'Jina la kwanza',
      'naming.middle': 'Jina la kati',
      'naming.family': 'Jina la ukoo',
      'contact.email': 'Barua pepe',
      'bio.birthdate': 'Tarehe ya kuzaliwa',
      'bio.gender': 'Jinsia',
      'bio.birthnumber': 'Namba ya kuzaliwa',
      'nationality.primary': 'Uraia',
      'nationality.residence': 'Nchi ya makazi',
    },
    decline: {
      CANCELLED: 'Ombi limekataliwa katika programu ya pasby, au limeghairiwa.',
      EXPIRED: 'Muda wa ombi umekwisha',
      NOT_ON_PASBY: 'Namba hii ya utambulisho wa taifa haina kitambulisho cha kidijitali cha pasby.',
      UNKNOWN_DECLINE: 'Uthibitishaji haujakamilika.',
    },
    errors: {
      http: 'Huduma ya uthibitishaji haikuweza kukamilisha ombi (HTTP {status}). Tafadhali jaribu tena.',
      network: 'Hatukuweza kufikia huduma ya uthibitishaji. Angalia muunganisho kisha ujaribu tena.',
      invalid_response: 'Huduma ya uthibitishaji imetuma jibu lisilotarajiwa. Tafadhali jaribu tena baadaye.',
      live_key_in_browser: 'Funguo za pasby haziwezi kutumika kwenye kivinjari.',
      configuration: 'pasby haijasanidiwa ipasavyo. Ipe endpoint ya proksi yako ya pasby.',
      aborted: 'Ombi limeghairiwa.',
    },
    errorUnauthorized: 'Seva imekataa kuanzisha pasby. Ingia tena, au angalia usanidi wa proksi.',
    errorRateLimited: 'Maombi mengi mno. Tafadhali subiri kidogo kisha ujaribu tena.',
    errorNotFound: 'Ombi hili la pasby halipo tena. Anza tena.',
  },
};
