/**
 * Swahili (Kiswahili) texts: `import { sw } from '@passid/core/locales/sw'` and pass
 * `locale: sw` (or `<PASSIDVerify locale={sw}>`). Machine-assisted by the PASSID team, not yet
 * reviewed by a native speaker: corrections are welcome (see CONTRIBUTING.md).
 */
import type { Locale } from '../i18n/messages.js';

export const sw: Locale = {
  code: 'sw',
  dir: 'ltr',
  messages: {
    title: 'Thibitisha kwa PASSID',
    titleWithInstitution: 'Thibitisha kwa PASSID kwa ajili ya {institution}',
    generateQr: 'Tengeneza msimbo wa QR',
    orEnterToken: 'au weka tokeni ya PASSID',
    tokenLabel: 'Tokeni ya PASSID',
    tokenPlaceholder: 'PASSID-XXXX-XXXX-XXXX-XXXX',
    tokenHint: 'Mteja hupata tokeni chini ya Shiriki katika programu ya PASSID.',
    verifyToken: 'Thibitisha tokeni',
    requesting: 'Inaunda kipindi cha uthibitishaji…',
    verifying: 'Inathibitisha kitambulisho…',
    scanInstructions:
      'Mwombe mteja achanganue msimbo huu wa QR kwa programu ya PASSID, kisha aguse Shiriki na Uthibitishe.',
    codeLabel: 'Msimbo',
    qrLabel:
      'Msimbo wa QR wa uthibitishaji wa PASSID. Uchanganue kwa programu ya PASSID, au weka msimbo {code} katika programu.',
    expiresIn: 'Inaisha baada ya {time}',
    expiresInSpoken: 'Inaisha baada ya dakika {minutes} na sekunde {seconds}',
    reconnecting: 'Inaunganisha upya…',
    liveIdle: 'Tayari kuthibitisha kitambulisho cha PASSID.',
    liveRequesting: 'Inaunda kipindi cha uthibitishaji…',
    liveAwaiting:
      'Msimbo wa QR uko tayari. Tunasubiri mteja aidhinishe katika programu ya PASSID. Msimbo {code}.',
    liveVerifying: 'Inathibitisha kitambulisho…',
    liveSuccess: 'Kitambulisho kimethibitishwa.',
    liveDeclined: 'Uthibitishaji umekataliwa. {reason}',
    liveError: 'Uthibitishaji umeshindwa. {error}',
    successTitle: 'Kitambulisho kimethibitishwa',
    declinedTitle: 'Uthibitishaji umekataliwa',
    errorTitle: 'Hitilafu imetokea',
    tryAgain: 'Jaribu tena',
    generateNewCode: 'Tengeneza msimbo mpya',
    startOver: 'Anza upya',
    nextCustomer: 'Thibitisha mteja mwingine',
    scoreBadge: 'FSI {score}',
    tierBadge: 'Daraja {tier}',
    claimsTitle: 'Taarifa zilizothibitishwa',
    decline: {
      TOKEN_NOT_FOUND:
        'Hatukuweza kupata tokeni hiyo. Mwombe mteja aunde ushirikishaji mpya katika programu ya PASSID.',
      TOKEN_EXPIRED:
        'Muda wa tokeni hii umekwisha. Mwombe mteja aunde ushirikishaji mpya katika programu ya PASSID.',
      TOKEN_REVOKED:
        'Mteja amebatilisha tokeni hii katika pochi yake ya PASSID. Mwombe aunde ushirikishaji mpya.',
      TOKEN_ALREADY_USED:
        'Tokeni hii ya matumizi ya mara moja imeshatumika. Mwombe mteja aunde ushirikishaji mpya.',
      INSTITUTION_MISMATCH:
        'Tokeni hii ilitolewa kwa taasisi nyingine. Mwombe mteja akushirikishe tena.',
      HARD_DENY_SANCTIONS_MATCH: 'Mteja huyu hawezi kuthibitishwa. Usiendelee na ombi hili.',
      CUSTOMER_DECLINED: 'Mteja amekataa ombi katika programu ya PASSID.',
      REQUEST_EXPIRED: 'Muda wa ombi umekwisha',
      UNKNOWN_DECLINE: 'Uthibitishaji umekataliwa.',
    },
    errors: {
      http: 'PASSID haikuweza kukamilisha ombi (HTTP {status}). Tafadhali jaribu tena.',
      network: 'Hatukuweza kufikia PASSID. Angalia muunganisho kisha ujaribu tena.',
      invalid_response: 'PASSID imetuma jibu lisilotarajiwa. Tafadhali jaribu tena baadaye.',
      live_key_in_browser:
        'Ufunguo halisi (live) wa PASSID hauwezi kutumika kwenye kivinjari. Tumia chaguo la endpoint (hali ya proksi) ili ufunguo ubaki kwenye seva yako.',
      configuration: 'PASSID Verify haijasanidiwa ipasavyo. Ipe apiKey au endpoint.',
      aborted: 'Ombi limeghairiwa.',
    },
    errorUnauthorized: 'Ufunguo wa API wa PASSID umekataliwa. Angalia ufunguo au usanidi wa proksi.',
    errorRateLimited: 'Maombi mengi mno kwa PASSID. Tafadhali subiri kidogo kisha ujaribu tena.',
    errorNotFound: 'Ombi hili la uthibitishaji halipo tena. Tengeneza msimbo mpya.',
    tokenErrors: {
      EMPTY: 'Weka tokeni ya PASSID.',
      MALFORMED: 'Hii haionekani kama tokeni ya PASSID. Tokeni huandikwa hivi: PASSID-XXXX-XXXX-XXXX-XXXX.',
    },
    claimLabels: {
      fsi_score: 'Alama ya FSI',
      tier: 'Daraja',
      confidence: 'Uhakika',
      p_stable: 'Uthabiti',
      income_verified: 'Mapato',
      income_band: 'Kiwango cha mapato',
      identity_verified: 'Utambulisho',
      sanctions_clear: 'Ukaguzi wa vikwazo',
      payment_reliability: 'Uaminifu wa malipo',
      savings_consistency: 'Uthabiti wa akiba',
      fraud_risk: 'Hatari ya ulaghai',
      corridor: 'Njia ya uhamisho',
      decision: 'Uamuzi',
    },
    values: {
      verified: 'Imethibitishwa',
      notVerified: 'Haijathibitishwa',
      sanctionsClear: 'Hakuna mlingano',
      sanctionsMatch: 'Mlingano: usiendelee',
      fraudLow: 'Chini',
      fraudMedium: 'Wastani',
      fraudHigh: 'Juu',
      decisionApproved: 'Imeidhinishwa',
      decisionReview: 'Ikaguliwe',
      percent: '{value}%',
      outOf100: '{value}/100',
      scoreRange: '{score} (kati ya {low}–{high})',
    },
  },
};
