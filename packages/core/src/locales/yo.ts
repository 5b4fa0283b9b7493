/**
 * Yoruba (Yorùbá) texts: `import { yo } from '@passid/core/locales/yo'` and pass `locale: yo`
 * (or `<PASSIDVerify locale={yo}>`). Machine-assisted by the PASSID team, not yet reviewed by
 * a native speaker: corrections are welcome (see CONTRIBUTING.md). Tone marks are written in
 * full (NFC).
 */
import type { Locale } from '../i18n/messages.js';

export const yo: Locale = {
  code: 'yo',
  dir: 'ltr',
  messages: {
    title: 'Jẹ́rìísí pẹ̀lú PASSID',
    titleWithInstitution: 'Jẹ́rìísí pẹ̀lú PASSID fún {institution}',
    generateQr: 'Ṣẹ̀dá kóòdù QR',
    orEnterToken: 'tàbí tẹ tókìnì PASSID sí i',
    tokenLabel: 'Tókìnì PASSID',
    tokenPlaceholder: 'PASSID-XXXX-XXXX-XXXX-XXXX',
    tokenHint: 'Oníbàárà yóò rí tókìnì náà lábẹ́ Pín nínú áàpù PASSID.',
    verifyToken: 'Jẹ́rìísí tókìnì',
    requesting: 'À ń ṣẹ̀dá ìgbà ìjẹ́rìísí…',
    verifying: 'À ń jẹ́rìísí ìwé-ẹ̀rí…',
    scanInstructions:
      'Sọ fún oníbàárà pé kí ó fi áàpù PASSID ṣàyẹ̀wò kóòdù QR yìí, kí ó sì tẹ Pín & Jẹ́rìísí.',
    codeLabel: 'Kóòdù',
    qrLabel:
      'Kóòdù QR fún ìjẹ́rìísí PASSID. Fi áàpù PASSID ṣàyẹ̀wò rẹ̀, tàbí tẹ kóòdù {code} sínú áàpù náà.',
    expiresIn: 'Yóò parí lẹ́yìn {time}',
    expiresInSpoken: 'Yóò parí lẹ́yìn ìṣẹ́jú {minutes} àti ìṣẹ́jú-àáyá {seconds}',
    reconnecting: 'À ń tún so pọ̀…',
    liveIdle: 'Ó ti ṣetán láti jẹ́rìísí ìwé-ẹ̀rí PASSID.',
    liveRequesting: 'À ń ṣẹ̀dá ìgbà ìjẹ́rìísí…',
    liveAwaiting:
      'Kóòdù QR ti ṣetán. À ń dúró de oníbàárà láti fọwọ́ sí i nínú áàpù PASSID. Kóòdù {code}.',
    liveVerifying: 'À ń jẹ́rìísí ìwé-ẹ̀rí…',
    liveSuccess: 'A ti jẹ́rìísí ìwé-ẹ̀rí náà.',
    liveDeclined: 'A kọ ìjẹ́rìísí náà. {reason}',
    liveError: 'Ìjẹ́rìísí kò yọrí sí rere. {error}',
    successTitle: 'A ti jẹ́rìísí ìwé-ẹ̀rí náà',
    declinedTitle: 'A kọ ìjẹ́rìísí náà',
    errorTitle: 'Nǹkan kan ṣàṣìṣe',
    tryAgain: 'Tún gbìyànjú',
    generateNewCode: 'Ṣẹ̀dá kóòdù tuntun',
    startOver: 'Bẹ̀rẹ̀ lẹ́ẹ̀kan sí i',
    nextCustomer: 'Jẹ́rìísí oníbàárà mìíràn',
    scoreBadge: 'FSI {score}',
    tierBadge: 'Ìpele {tier}',
    claimsTitle: 'Àwọn àlàyé tí a jẹ́rìísí',
    decline: {
      TOKEN_NOT_FOUND: 'A kò rí tókìnì yẹn. Sọ fún oníbàárà kí ó ṣẹ̀dá ìpín tuntun nínú áàpù PASSID.',
      TOKEN_EXPIRED: 'Tókìnì yìí ti parí. Sọ fún oníbàárà kí ó ṣẹ̀dá ìpín tuntun nínú áàpù PASSID.',
      TOKEN_REVOKED:
        'Oníbàárà ti fagi lé tókìnì yìí nínú àpamọ́wọ́ PASSID rẹ̀. Sọ fún un kí ó ṣẹ̀dá ìpín tuntun.',
      TOKEN_ALREADY_USED:
        'A ti lo tókìnì ìlò-ẹ̀ẹ̀kan yìí tẹ́lẹ̀. Sọ fún oníbàárà kí ó ṣẹ̀dá ìpín tuntun.',
      INSTITUTION_MISMATCH:
        'Ilé-iṣẹ́ mìíràn ni a ṣe tókìnì yìí fún. Sọ fún oníbàárà kí ó tún pín in pẹ̀lú yín.',
      HARD_DENY_SANCTIONS_MATCH:
        'A kò lè jẹ́rìísí oníbàárà yìí. Ẹ má ṣe tẹ̀síwájú pẹ̀lú ìbéèrè yìí.',
      CUSTOMER_DECLINED: 'Oníbàárà kọ ìbéèrè náà nínú áàpù PASSID.',
      REQUEST_EXPIRED: 'Ìbéèrè ti parí',
      UNKNOWN_DECLINE: 'A kọ ìjẹ́rìísí náà.',
    },
    errors: {
      http: 'PASSID kò lè parí ìbéèrè náà (HTTP {status}). Jọ̀wọ́ tún gbìyànjú.',
      network: 'A kò lè dé ọ̀dọ̀ PASSID. Ṣàyẹ̀wò ìsopọ̀ rẹ kí o sì tún gbìyànjú.',
      invalid_response: 'PASSID fi èsì tí a kò retí ránṣẹ́. Jọ̀wọ́ tún gbìyànjú nígbà míì.',
      live_key_in_browser:
        'A kò lè lo kọ́kọ́rọ́ PASSID gidi (live) nínú aṣàwákiri. Lo àṣàyàn endpoint (ipò proxy) kí kọ́kọ́rọ́ náà lè wà lórí sáfà rẹ.',
      configuration: 'A kò ṣètò PASSID Verify dáadáa. Fún un ní apiKey tàbí endpoint.',
      aborted: 'A ti fagi lé ìbéèrè náà.',
    },
    errorUnauthorized: 'A kọ kọ́kọ́rọ́ API PASSID. Ṣàyẹ̀wò kọ́kọ́rọ́ náà tàbí ètò proxy.',
    errorRateLimited: 'Ìbéèrè ti pọ̀ jù sí PASSID. Jọ̀wọ́ dúró díẹ̀ kí o sì tún gbìyànjú.',
    errorNotFound: 'Ìbéèrè ìjẹ́rìísí yìí kò sí mọ́. Ṣẹ̀dá kóòdù tuntun.',
    tokenErrors: {
      EMPTY: 'Tẹ tókìnì PASSID sí i.',
      MALFORMED: 'Èyí kò jọ tókìnì PASSID. Ó máa ń rí báyìí: PASSID-XXXX-XXXX-XXXX-XXXX.',
    },
    claimLabels: {
      fsi_score: 'Máàkì FSI',
      tier: 'Ìpele',
      confidence: 'Ìdánilójú',
      p_stable: 'Ìdúróṣinṣin',
      income_verified: 'Owó-wọlé',
      income_band: 'Ìpele owó-wọlé',
      identity_verified: 'Ìdánimọ̀',
      sanctions_clear: 'Àyẹ̀wò ìjẹníyà',
      payment_reliability: 'Ìgbẹ́kẹ̀lé ìsanwó',
      savings_consistency: 'Ìdúróṣinṣin ìfowópamọ́',
      fraud_risk: 'Ewu jìbìtì',
      corridor: 'Ọ̀nà ìfiránṣẹ́ owó',
      decision: 'Ìpinnu',
    },
    values: {
      verified: 'A ti jẹ́rìísí',
      notVerified: 'A kò tíì jẹ́rìísí',
      sanctionsClear: 'Kò sí ìbáramu',
      sanctionsMatch: 'Ìbáramu wà: má ṣe tẹ̀síwájú',
      fraudLow: 'Kéré',
      fraudMedium: 'Àárín',
      fraudHigh: 'Ga',
      decisionApproved: 'A fọwọ́ sí i',
      decisionReview: 'Àtúnyẹ̀wò',
      percent: '{value}%',
      outOf100: '{value}/100',
      scoreRange: '{score} (láàrin {low}–{high})',
    },
  },
};
