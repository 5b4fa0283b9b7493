/**
 * Hausa texts: `import { ha } from '@passid/core/locales/ha'` and pass `locale: ha` (or
 * `<PASSIDVerify locale={ha}>`). Machine-assisted by the PASSID team, not yet reviewed by a
 * native speaker: corrections are welcome (see CONTRIBUTING.md).
 */
import type { Locale } from '../i18n/messages.js';

export const ha: Locale = {
  code: 'ha',
  dir: 'ltr',
  messages: {
    title: 'Tabbatarwa da PASSID',
    titleWithInstitution: 'Tabbatarwa da PASSID don {institution}',
    generateQr: 'Samar da lambar QR',
    orEnterToken: 'ko shigar da tokin na PASSID',
    tokenLabel: 'Tokin na PASSID',
    tokenPlaceholder: 'PASSID-XXXX-XXXX-XXXX-XXXX',
    tokenHint: 'Abokin ciniki zai sami tokin ɗin a ƙarƙashin Raba a cikin manhajar PASSID.',
    verifyToken: 'Tabbatar da tokin',
    requesting: 'Ana ƙirƙirar zaman tabbatarwa…',
    verifying: 'Ana tabbatar da shaida…',
    scanInstructions:
      'Ka roƙi abokin ciniki ya duba wannan lambar QR da manhajar PASSID, sannan ya taɓa Raba kuma Tabbatar.',
    codeLabel: 'Lamba',
    qrLabel:
      'Lambar QR don tabbatarwa ta PASSID. Duba ta da manhajar PASSID, ko shigar da lamba {code} a cikin manhajar.',
    expiresIn: 'Zai ƙare cikin {time}',
    expiresInSpoken: 'Zai ƙare cikin minti {minutes} da daƙiƙa {seconds}',
    reconnecting: 'Ana sake haɗawa…',
    liveIdle: 'A shirye don tabbatar da shaidar PASSID.',
    liveRequesting: 'Ana ƙirƙirar zaman tabbatarwa…',
    liveAwaiting:
      'Lambar QR ta shirya. Ana jiran abokin ciniki ya amince a cikin manhajar PASSID. Lamba {code}.',
    liveVerifying: 'Ana tabbatar da shaida…',
    liveSuccess: 'An tabbatar da shaida.',
    liveDeclined: 'An ƙi tabbatarwa. {reason}',
    liveError: 'Tabbatarwa ta gaza. {error}',
    successTitle: 'An tabbatar da shaida',
    declinedTitle: 'An ƙi tabbatarwa',
    errorTitle: 'An sami matsala',
    tryAgain: 'Sake gwadawa',
    generateNewCode: 'Samar da sabuwar lamba',
    startOver: 'Fara daga farko',
    nextCustomer: 'Tabbatar da wani abokin ciniki',
    scoreBadge: 'FSI {score}',
    tierBadge: 'Mataki {tier}',
    claimsTitle: 'Bayanan da aka tabbatar',
    decline: {
      TOKEN_NOT_FOUND:
        'Ba mu sami wannan tokin ɗin ba. Ka roƙi abokin ciniki ya ƙirƙiri sabon rabawa a cikin manhajar PASSID.',
      TOKEN_EXPIRED:
        "Wa'adin wannan tokin ya ƙare. Ka roƙi abokin ciniki ya ƙirƙiri sabon rabawa a cikin manhajar PASSID.",
      TOKEN_REVOKED:
        'Abokin ciniki ya soke wannan tokin a cikin walat ɗinsa na PASSID. Ka roƙe shi ya ƙirƙiri sabon rabawa.',
      TOKEN_ALREADY_USED:
        'An riga an yi amfani da wannan tokin na amfani sau ɗaya. Ka roƙi abokin ciniki ya ƙirƙiri sabon rabawa.',
      INSTITUTION_MISMATCH:
        'An bayar da wannan tokin ne ga wata cibiya daban. Ka roƙi abokin ciniki ya sake raba shi da kai.',
      HARD_DENY_SANCTIONS_MATCH:
        'Ba za a iya tabbatar da wannan abokin ciniki ba. Kada ka ci gaba da wannan buƙata.',
      CUSTOMER_DECLINED: 'Abokin ciniki ya ƙi buƙatar a cikin manhajar PASSID.',
      REQUEST_EXPIRED: "Wa'adin buƙatar ya ƙare",
      UNKNOWN_DECLINE: 'An ƙi tabbatarwar.',
    },
    errors: {
      http: 'PASSID ba ta iya kammala buƙatar ba (HTTP {status}). Da fatan za a sake gwadawa.',
      network: 'Ba mu iya isa ga PASSID ba. Duba haɗin intanet sannan ka sake gwadawa.',
      invalid_response: 'PASSID ta aiko da amsar da ba a zata ba. Da fatan za a sake gwadawa nan gaba.',
      live_key_in_browser:
        'Ba za a iya amfani da maɓallin PASSID na gaske (live) a cikin burauza ba. Yi amfani da zaɓin endpoint (yanayin proxy) don maɓallin ya kasance a kan sabar ka.',
      configuration: 'Ba a saita PASSID Verify yadda ya kamata ba. Ba shi apiKey ko endpoint.',
      aborted: 'An soke buƙatar.',
    },
    errorUnauthorized: 'An ƙi maɓallin API na PASSID. Duba maɓallin ko saitin proxy.',
    errorRateLimited: 'Buƙatu sun yi yawa zuwa PASSID. Da fatan a jira ɗan lokaci sannan a sake gwadawa.',
    errorNotFound: 'Wannan buƙatar tabbatarwa ba ta wanzu yanzu. Samar da sabuwar lamba.',
    tokenErrors: {
      EMPTY: 'Shigar da tokin na PASSID.',
      MALFORMED: 'Wannan bai yi kama da tokin na PASSID ba. Ana rubuta shi kamar haka: PASSID-XXXX-XXXX-XXXX-XXXX.',
    },
    claimLabels: {
      fsi_score: 'Makin FSI',
      tier: 'Mataki',
      confidence: 'Tabbaci',
      p_stable: 'Daidaito',
      income_verified: 'Kuɗin shiga',
      income_band: 'Rukunin kuɗin shiga',
      identity_verified: 'Shaidar ainihi',
      sanctions_clear: 'Binciken takunkumi',
      payment_reliability: 'Amincin biyan kuɗi',
      savings_consistency: 'Daidaiton tanadi',
      fraud_risk: 'Haɗarin zamba',
      corridor: 'Hanyar tura kuɗi',
      decision: 'Hukunci',
    },
    values: {
      verified: 'An tabbatar',
      notVerified: 'Ba a tabbatar ba',
      sanctionsClear: 'Babu dacewa',
      sanctionsMatch: 'Akwai dacewa: kada a ci gaba',
      fraudLow: 'Ƙarami',
      fraudMedium: 'Matsakaici',
      fraudHigh: 'Babba',
      decisionApproved: 'An amince',
      decisionReview: 'A sake dubawa',
      percent: '{value}%',
      outOf100: '{value}/100',
      scoreRange: '{score} (tsakanin {low}–{high})',
    },
  },
};
