/**
 * French texts: `import { fr } from '@passid/core/locales/fr'` and pass `locale: fr` (or
 * `<PASSIDVerify locale={fr}>`). A separate entry, so English-only bundles do not carry it.
 */
import type { Locale } from '../i18n/messages.js';

export const fr: Locale = {
  code: 'fr',
  dir: 'ltr',
  messages: {
    title: 'Vérifier avec PASSID',
    titleWithInstitution: 'Vérifier avec PASSID pour {institution}',
    generateQr: 'Générer un code QR',
    orEnterToken: 'ou saisir un jeton PASSID',
    tokenLabel: 'Jeton PASSID',
    tokenPlaceholder: 'PASSID-XXXX-XXXX-XXXX-XXXX',
    tokenHint: "Le client trouve le jeton sous Partager dans l'application PASSID.",
    verifyToken: 'Vérifier le jeton',
    requesting: 'Création de la session de vérification…',
    verifying: 'Vérification de la preuve…',
    scanInstructions:
      "Demandez au client de scanner ce code QR avec l'application PASSID puis de toucher Partager et vérifier.",
    codeLabel: 'Code',
    qrLabel:
      "Code QR de vérification PASSID. Scannez-le avec l'application PASSID, ou saisissez le code {code} dans l'application.",
    expiresIn: 'Expire dans {time}',
    expiresInSpoken: 'Expire dans {minutes} min {seconds} s',
    reconnecting: 'Reconnexion…',
    liveIdle: 'Prêt à vérifier une preuve PASSID.',
    liveRequesting: 'Création de la session de vérification…',
    liveAwaiting:
      "Code QR prêt. En attente de l'accord du client dans l'application PASSID. Code {code}.",
    liveVerifying: 'Vérification de la preuve…',
    liveSuccess: 'Preuve vérifiée.',
    liveDeclined: 'Vérification refusée. {reason}',
    liveError: 'La vérification a échoué. {error}',
    successTitle: 'Preuve vérifiée',
    declinedTitle: 'Vérification refusée',
    errorTitle: 'Une erreur est survenue',
    tryAgain: 'Réessayer',
    generateNewCode: 'Générer un nouveau code',
    startOver: 'Recommencer',
    nextCustomer: 'Vérifier un autre client',
    scoreBadge: 'FSI {score}',
    tierBadge: 'Niveau {tier}',
    claimsTitle: 'Attributs vérifiés',
    decline: {
      TOKEN_NOT_FOUND:
        "Nous n'avons pas trouvé ce jeton. Demandez au client de créer un nouveau partage dans l'application PASSID.",
      TOKEN_EXPIRED:
        "Ce jeton a expiré. Demandez au client de créer un nouveau partage dans l'application PASSID.",
      TOKEN_REVOKED:
        'Le client a révoqué ce jeton dans son portefeuille PASSID. Demandez-lui de créer un nouveau partage.',
      TOKEN_ALREADY_USED:
        'Ce jeton à usage unique a déjà été utilisé. Demandez au client de créer un nouveau partage.',
      INSTITUTION_MISMATCH:
        'Ce jeton a été émis pour un autre établissement. Demandez au client de partager à nouveau avec vous.',
      HARD_DENY_SANCTIONS_MATCH:
        'Ce client ne peut pas être vérifié. Ne donnez pas suite à cette demande.',
      CUSTOMER_DECLINED: "Le client a refusé la demande dans l'application PASSID.",
      REQUEST_EXPIRED: 'Demande expirée',
      UNKNOWN_DECLINE: 'La vérification a été refusée.',
    },
    errors: {
      http: "PASSID n'a pas pu traiter la demande (HTTP {status}). Veuillez réessayer.",
      network: 'Impossible de joindre PASSID. Vérifiez la connexion et réessayez.',
      invalid_response: 'PASSID a envoyé une réponse inattendue. Veuillez réessayer plus tard.',
      live_key_in_browser:
        "Une clé PASSID de production ne peut pas être utilisée dans le navigateur. Utilisez l'option endpoint (mode proxy) pour garder la clé sur votre serveur.",
      configuration:
        "PASSID Verify n'est pas configuré correctement. Donnez-lui une apiKey ou un endpoint.",
      aborted: 'La demande a été annulée.',
    },
    errorUnauthorized: 'La clé API PASSID a été refusée. Vérifiez la clé ou la configuration du proxy.',
    errorRateLimited: 'Trop de demandes envoyées à PASSID. Patientez un instant puis réessayez.',
    errorNotFound: "Cette demande de vérification n'existe plus. Générez un nouveau code.",
    tokenErrors: {
      EMPTY: 'Saisissez le jeton PASSID.',
      MALFORMED:
        'Cela ne ressemble pas à un jeton PASSID. Il se présente ainsi : PASSID-XXXX-XXXX-XXXX-XXXX.',
    },
    claimLabels: {
      fsi_score: 'Score FSI',
      tier: 'Niveau',
      confidence: 'Confiance',
      p_stable: 'Stabilité',
      income_verified: 'Revenus',
      income_band: 'Tranche de revenus',
      identity_verified: 'Identité',
      sanctions_clear: 'Contrôle des sanctions',
      payment_reliability: 'Fiabilité des paiements',
      savings_consistency: "Régularité de l'épargne",
      fraud_risk: 'Risque de fraude',
      corridor: 'Corridor',
      decision: 'Décision',
    },
    values: {
      verified: 'Vérifié',
      notVerified: 'Non vérifié',
      sanctionsClear: 'Aucune correspondance',
      sanctionsMatch: 'Correspondance : ne pas donner suite',
      fraudLow: 'Faible',
      fraudMedium: 'Moyen',
      fraudHigh: 'Élevé',
      decisionApproved: 'Approuvé',
      decisionReview: 'À examiner',
      percent: '{value} %',
      outOf100: '{value}/100',
      scoreRange: '{score} (intervalle {low}–{high})',
    },
  },
};
