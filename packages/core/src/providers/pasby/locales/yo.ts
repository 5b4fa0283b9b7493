/**
 * Yoruba (Yorùbá) texts of the pasby widget: `import { yo } from '@passid/core/pasby/locales/yo'`
 * and pass `locale: yo` (or `<PasbyVerify locale={yo}>`). Machine-assisted by the PASSID team,
 * not yet reviewed by a native speaker: corrections are welcome (see CONTRIBUTING.md).
 */
import type { PasbyLocale } from '../messages.js';

export const yo: PasbyLocale = {
  code: 'yo',
  dir: 'ltr',
  messages: {
    title: 'Jẹ́rìísí pẹ̀lú pasby',
    titleWithInstitution: 'Jẹ́rìísí pẹ̀lú pasby fún {institution}',
    start: {
      wildcard: 'Fi kóòdù QR hàn',
      'same-device': 'Tẹ̀síwájú pẹ̀lú pasby',
      'different-device': 'Fi ránṣẹ́ sí áàpù pasby',
    },
    ninLabel: 'Nọ́mbà ìdánimọ̀ orílẹ̀-èdè (NIN)',
    ninHint: 'Àwọn nọ́mbà 11 ti NIN. A máa fi ìbéèrè náà ránṣẹ́ sí áàpù pasby ẹni yìí.',
    ninErrors: {
      EMPTY: 'Tẹ nọ́mbà ìdánimọ̀ orílẹ̀-èdè sí i.',
      MALFORMED: 'Nọ́mbà ìdánimọ̀ orílẹ̀-èdè ní nọ́mbà 11 gẹ́lẹ́.',
    },
    requesting: {
      wildcard: 'À ń ṣẹ̀dá kóòdù QR…',
      'same-device': 'À ń pèsè pasby sílẹ̀…',
      'different-device': 'À ń fi ìbéèrè ránṣẹ́ sí áàpù pasby…',
    },
    instructions: {
      wildcard:
        'Fi áàpù pasby ṣàyẹ̀wò kóòdù QR yìí. Kóòdù náà ń yípadà lẹ́yìn ìṣẹ́jú-àáyá díẹ̀; ṣàyẹ̀wò èyí tí o rí.',
      'same-device': 'Ṣí áàpù pasby lórí ẹ̀rọ yìí, lẹ́yìn náà fọwọ́ sí ìbéèrè náà.',
      'different-device': 'A ti fi ìbéèrè ránṣẹ́ sí áàpù pasby. Ṣí pasby lórí fóònù náà kí o sì fọwọ́ sí i.',
    },
    qrLabel: 'Kóòdù QR láti jẹ́rìísí pẹ̀lú pasby. Fi áàpù pasby ṣàyẹ̀wò rẹ̀.',
    openPasby: 'Ṣí pasby',
    pickedUpTitle: 'Fọwọ́ sí i nínú áàpù pasby rẹ',
    pickedUpText: 'Ìbéèrè náà ti ṣí sílẹ̀ nínú áàpù pasby. Ṣàyẹ̀wò rẹ̀ níbẹ̀ kí o sì fọwọ́ sí i.',
    expiresIn: 'Yóò parí lẹ́yìn {time}',
    expiresInSpoken: 'Yóò parí lẹ́yìn ìṣẹ́jú {minutes} àti ìṣẹ́jú-àáyá {seconds}',
    reconnecting: 'À ń tún so pọ̀…',
    liveIdle: 'Ó ti ṣetán láti jẹ́rìísí pẹ̀lú pasby.',
    liveAwaiting: {
      wildcard: 'Kóòdù QR ti ṣetán. À ń dúró de àyẹ̀wò pẹ̀lú áàpù pasby.',
      'same-device': 'pasby ti ṣetán. Ṣí áàpù pasby láti fọwọ́ sí i.',
      'different-device': 'A ti fi ìbéèrè ránṣẹ́ sí áàpù pasby. À ń dúró de ìfọwọ́sí.',
    },
    livePickedUp: 'Ìbéèrè náà ti ṣí sílẹ̀ nínú áàpù pasby. À ń dúró de ìfọwọ́sí.',
    liveSuccess: 'pasby ti fìdí ìdánimọ̀ múlẹ̀.',
    liveDeclined: 'Ìjẹ́rìísí kò parí. {reason}',
    liveError: 'Ìjẹ́rìísí kò yọrí sí rere. {error}',
    successTitle: 'A ti fìdí ìdánimọ̀ múlẹ̀',
    declinedTitle: 'Ìjẹ́rìísí kò parí',
    notOnPasbyTitle: 'Kò sí ìdánimọ̀ pasby fún nọ́mbà yìí',
    errorTitle: 'Nǹkan kan ṣàṣìṣe',
    tryAgain: 'Tún gbìyànjú',
    startAgain: 'Bẹ̀rẹ̀ lẹ́ẹ̀kan sí i',
    otherNin: 'Gbìyànjú nọ́mbà mìíràn',
    fallback: {
      wildcard: 'Lo kóòdù QR dípò rẹ̀',
      'same-device': 'Lo pasby lórí ẹ̀rọ yìí dípò rẹ̀',
      'different-device': 'Fi ránṣẹ́ sí fóònù dípò rẹ̀',
    },
    claimsTitle: 'pasby ti fìdí rẹ̀ múlẹ̀',
    claimLabels: {
      'naming.given': 'Orúkọ àkọ́kọ́',
      'naming.middle': 'Orúkọ àárín',
      'naming.family': 'Orúkọ ìdílé',
      'contact.email': 'Ímeèlì',
      'bio.birthdate': 'Ọjọ́ ìbí',
      'bio.gender': 'Akọ tàbí abo',
      'bio.birthnumber': 'Nọ́mbà ìbí',
      'nationality.primary': 'Ọmọ orílẹ̀-èdè',
      'nationality.residence': 'Orílẹ̀-èdè ibùgbé',
    },
    decline: {
      CANCELLED: 'A kọ ìbéèrè náà nínú áàpù pasby, tàbí a fagi lé e.',
      EXPIRED: 'Ìbéèrè ti parí',
      NOT_ON_PASBY: 'Nọ́mbà ìdánimọ̀ orílẹ̀-èdè yìí kò ní ìdánimọ̀ oní-nọ́mbà pasby.',
      UNKNOWN_DECLINE: 'Ìjẹ́rìísí náà kò parí.',
    },
    errors: {
      http: 'Iṣẹ́ ìjẹ́rìísí kò lè parí ìbéèrè náà (HTTP {status}). Jọ̀wọ́ tún gbìyànjú.',
      network: 'A kò lè dé ọ̀dọ̀ iṣẹ́ ìjẹ́rìísí. Ṣàyẹ̀wò ìsopọ̀ rẹ kí o sì tún gbìyànjú.',
      invalid_response: 'Iṣẹ́ ìjẹ́rìísí fi èsì tí a kò retí ránṣẹ́. Jọ̀wọ́ tún gbìyànjú nígbà míì.',
      live_key_in_browser: 'A kò lè lo àwọn kọ́kọ́rọ́ pasby nínú aṣàwákiri.',
      configuration: 'A kò ṣètò pasby dáadáa. Fún un ní endpoint ti proxy pasby rẹ.',
      aborted: 'A ti fagi lé ìbéèrè náà.',
    },
    errorUnauthorized: 'Sáfà kọ̀ láti bẹ̀rẹ̀ pasby. Tún wọlé, tàbí ṣàyẹ̀wò ètò proxy.',
    errorRateLimited: 'Ìbéèrè ti pọ̀ jù. Jọ̀wọ́ dúró díẹ̀ kí o sì tún gbìyànjú.',
    errorNotFound: 'Ìbéèrè pasby yìí kò sí mọ́. Bẹ̀rẹ̀ lẹ́ẹ̀kan sí i.',
  },
};
