/**
 * Hausa texts of the pasby widget: `import { ha } from '@passid/core/pasby/locales/ha'` and
 * pass `locale: ha` (or `<PasbyVerify locale={ha}>`). Machine-assisted by the PASSID team, not
 * yet reviewed by a native speaker: corrections are welcome (see CONTRIBUTING.md).
 */
import type { PasbyLocale } from '../messages.js';

export const ha: PasbyLocale = {
  code: 'ha',
  dir: 'ltr',
  messages: {
    title: 'Tabbatarwa da pasby',
    titleWithInstitution: 'Tabbatarwa da pasby don {institution}',
    start: {
      wildcard: 'Nuna lambar QR',
      'same-device': 'Ci gaba da pasby',
      'different-device': 'Aika zuwa manhajar pasby',
    },
    ninLabel: 'Lambar shaidar ɗan ƙasa (NIN)',
    ninHint: 'Lambobi 11 na NIN. Za mu aika buƙatar zuwa manhajar pasby ta wannan mutumin.',
    ninErrors: {
      EMPTY: 'Shigar da lambar shaidar ɗan ƙasa.',
      MALFORMED: 'Lambar shaidar ɗan ƙasa tana da lambobi 11 daidai.',
    },
    requesting: {
      wildcard: 'Ana ƙirƙirar lambar QR…',
      'same-device': 'Ana shirya pasby…',
      'different-device': 'Ana aika buƙatar zuwa manhajar pasby…',
    },
    instructions: {
      wildcard:
        "Duba wannan lambar QR da manhajar pasby. Lambar tana canzawa bayan 'yan daƙiƙoƙi; duba wadda kake gani.",
      'same-device': "Buɗe manhajar pasby a wannan na'urar, sannan ka amince da buƙatar.",
      'different-device': 'Mun aika buƙata zuwa manhajar pasby. Buɗe pasby a wayar sannan ka amince da ita.',
    },
    qrLabel: 'Lambar QR don tabbatarwa da pasby. Duba ta da manhajar pasby.',
    openPasby: 'Buɗe pasby',
    pickedUpTitle: 'Ka amince a manhajar pasby ɗinka',
    pickedUpText: 'Buƙatar a buɗe take a manhajar pasby. Duba ta a can sannan ka amince da ita.',
    expiresIn: 'Zai ƙare cikin {time}',
    expiresInSpoken: 'Zai ƙare cikin minti {minutes} da daƙiƙa {seconds}',
    reconnecting: 'Ana sake haɗawa…',
    liveIdle: 'A shirye don tabbatarwa da pasby.',
    liveAwaiting: {
      wildcard: 'Lambar QR ta shirya. Ana jiran a duba ta da manhajar pasby.',
      'same-device': 'pasby ya shirya. Buɗe manhajar pasby don ka amince.',
      'different-device': 'An aika buƙata zuwa manhajar pasby. Ana jiran amincewa.',
    },
    livePickedUp: 'Buƙatar a buɗe take a manhajar pasby. Ana jiran amincewa.',
    liveSuccess: 'pasby ya tabbatar da ainihi.',
    liveDeclined: 'Ba a kammala tabbatarwa ba. {reason}',
    liveError: 'Tabbatarwa ta gaza. {error}',
    successTitle: 'An tabbatar da ainihi',
    declinedTitle: 'Ba a kammala tabbatarwa ba',
    notOnPasbyTitle: 'Babu shaidar pasby ga wannan lambar',
    errorTitle: 'An sami matsala',
    tryAgain: 'Sake gwadawa',
    startAgain: 'Sake farawa',
    otherNin: 'Gwada wata lamba',
    fallback: {
      wildcard: 'Yi amfani da lambar QR maimakon haka',
      'same-device': "Yi amfani da pasby a wannan na'urar maimakon haka",
      'different-device': 'Aika zuwa waya maimakon haka',
    },
    claimsTitle: 'pasby ya tabbatar',
    claimLabels: {
      'naming.given': 'Sunan farko',
      'naming.middle': 'Sunan tsakiya',
      'naming.family': 'Sunan iyali',
      'contact.email': 'Imel',
      'bio.birthdate': 'Ranar haihuwa',
      'bio.gender': 'Jinsi',
      'bio.birthnumber': 'Lambar haihuwa',
      'nationality.primary': 'Ƙasar asali',
      'nationality.residence': 'Ƙasar zama',
    },
    decline: {
      CANCELLED: 'An ƙi buƙatar a manhajar pasby, ko an soke ta.',
      EXPIRED: "Wa'adin buƙatar ya ƙare",
      NOT_ON_PASBY: 'Wannan lambar shaidar ɗan ƙasa ba ta da shaidar dijital ta pasby.',
      UNKNOWN_DECLINE: 'Ba a kammala tabbatarwar ba.',
    },
    errors: {
      http: 'Sabis ɗin tabbatarwa bai iya kammala buƙatar ba (HTTP {status}). Da fatan za a sake gwadawa.',
      network: 'Ba mu iya isa ga sabis ɗin tabbatarwa ba. Duba haɗin intanet sannan ka sake gwadawa.',
      invalid_response: 'Sabis ɗin tabbatarwa ya aiko da amsar da ba a zata ba. Da fatan za a sake gwadawa nan gaba.',
      live_key_in_browser: 'Ba za a iya amfani da maɓallan pasby a cikin burauza ba.',
      configuration: 'Ba a saita pasby yadda ya kamata ba. Ba shi endpoint na proxy ɗinka na pasby.',
      aborted: 'An soke buƙatar.',
    },
    errorUnauthorized: 'Sabar ta ƙi fara pasby. Sake shiga, ko duba saitin proxy.',
    errorRateLimited: 'Buƙatu sun yi yawa. Da fatan a jira ɗan lokaci sannan a sake gwadawa.',
    errorNotFound: 'Wannan buƙatar pasby ba ta wanzu yanzu. Sake farawa.',
  },
};
