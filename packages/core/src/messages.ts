/**
 * Every user-facing text of PASSID Verify, as `en` and `fr` catalogues. Components render
 * these (through `connect`), never strings of their own. `{placeholder}`s are filled by
 * `formatMessage`.
 */
import type { DeclineCode, PassidErrorKind, TokenInputError } from './types.js';

/** Keys of the claim rows, in the order they are shown. */
export const CLAIM_ROW_KEYS = [
  'fsi_score',
  'tier',
  'confidence',
  'p_stable',
  'income_verified',
  'income_band',
  'identity_verified',
  'sanctions_clear',
  'payment_reliability',
  'savings_consistency',
  'fraud_risk',
  'corridor',
  'decision',
] as const;
export type ClaimRowKey = (typeof CLAIM_ROW_KEYS)[number];

/** The texts of one locale. */
export interface Messages {
  /** Header when no `institutionName` is given. */
  title: string;
  /** Header with an institution: `{institution}`. */
  titleWithInstitution: string;
  /** The QR button in `idle`. */
  generateQr: string;
  /** Separator between the QR button and the manual entry. */
  orEnterToken: string;
  /** Label of the manual token field. */
  tokenLabel: string;
  /** Placeholder of the manual token field. */
  tokenPlaceholder: string;
  /** Hint under the manual token field. */
  tokenHint: string;
  /** Submit button of the manual token field. */
  verifyToken: string;
  /** Spinner text in `requesting`. */
  requesting: string;
  /** Spinner text in `verifying`. */
  verifying: string;
  /** Instructions beside the QR. */
  scanInstructions: string;
  /** Instructions for the code when the camera is not available: `{code}`. */
  codeInstructions: string;
  /** Label before the 8-character code. */
  codeLabel: string;
  /** Accessible name of the QR canvas: `{code}`. */
  qrLabel: string;
  /** Countdown: `{time}` is `m:ss`. */
  expiresIn: string;
  /** Spoken countdown (screen readers): `{minutes}`, `{seconds}`. */
  expiresInSpoken: string;
  /** Shown while polls keep failing but the session is still alive. */
  reconnecting: string;
  /** Live-region texts per state: `{code}` in awaiting. */
  liveIdle: string;
  liveRequesting: string;
  liveAwaiting: string;
  liveVerifying: string;
  liveSuccess: string;
  /** `{reason}` is the friendly decline text. */
  liveDeclined: string;
  /** `{error}` is the friendly error text. */
  liveError: string;
  /** Heading in `success`. */
  successTitle: string;
  /** Heading in `declined`. */
  declinedTitle: string;
  /** Heading in `error`. */
  errorTitle: string;
  /** Retry button after a decline or error. */
  tryAgain: string;
  /** Retry button after expiry. */
  generateNewCode: string;
  /** Button that goes back to the start. */
  startOver: string;
  /** Score badge: `{score}`. */
  scoreBadge: string;
  /** Tier badge: `{tier}`. */
  tierBadge: string;
  /** Heading of the claims summary. */
  claimsTitle: string;
  /** Friendly text per decline code (deny reasons, customer decline, expiry). */
  decline: Record<DeclineCode, string>;
  /** Friendly text per error kind. `http` may use `{status}`. */
  errors: Record<PassidErrorKind, string>;
  /** Extra error texts for well-known HTTP statuses. */
  errorUnauthorized: string;
  errorRateLimited: string;
  errorNotFound: string;
  /** Manual token field errors. */
  tokenErrors: Record<TokenInputError, string>;
  /** Claim row labels. */
  claimLabels: Record<ClaimRowKey, string>;
  /** Claim values. */
  values: {
    verified: string;
    notVerified: string;
    sanctionsClear: string;
    sanctionsMatch: string;
    fraudLow: string;
    fraudMedium: string;
    fraudHigh: string;
    decisionApproved: string;
    decisionReview: string;
    /** `{value}` is 0–100. */
    percent: string;
    /** `{value}` is 0–100. */
    outOf100: string;
    /** `{score}`, `{low}`, `{high}`. */
    scoreRange: string;
  };
}

export const en: Messages = {
  title: 'Verify with PASSID',
  titleWithInstitution: 'Verify with PASSID for {institution}',
  generateQr: 'Generate QR code',
  orEnterToken: 'or enter a PASSID token',
  tokenLabel: 'PASSID token',
  tokenPlaceholder: 'PASSID-XXXX-XXXX-XXXX-XXXX',
  tokenHint: 'The customer finds the token under Share in the PASSID app.',
  verifyToken: 'Verify token',
  requesting: 'Creating verification session…',
  verifying: 'Verifying credential…',
  scanInstructions: 'Ask the customer to scan this QR code with the PASSID app and tap Share & Verify.',
  codeInstructions: 'No camera? In the PASSID app, enter the code {code}.',
  codeLabel: 'Code',
  qrLabel: 'QR code for PASSID verification. Scan it with the PASSID app, or enter the code {code} in the app.',
  expiresIn: 'Expires in {time}',
  expiresInSpoken: 'Expires in {minutes} min {seconds} s',
  reconnecting: 'Reconnecting…',
  liveIdle: 'Ready to verify a PASSID credential.',
  liveRequesting: 'Creating verification session…',
  liveAwaiting: 'QR code ready. Waiting for the customer to approve in the PASSID app. Code {code}.',
  liveVerifying: 'Verifying credential…',
  liveSuccess: 'Credential verified.',
  liveDeclined: 'Verification declined. {reason}',
  liveError: 'Verification failed. {error}',
  successTitle: 'Credential verified',
  declinedTitle: 'Verification declined',
  errorTitle: 'Something went wrong',
  tryAgain: 'Try again',
  generateNewCode: 'Generate new code',
  startOver: 'Start over',
  scoreBadge: 'FSI {score}',
  tierBadge: 'Tier {tier}',
  claimsTitle: 'Verified claims',
  decline: {
    TOKEN_NOT_FOUND:
      "We couldn't find that token. Ask the customer to create a new share in the PASSID app.",
    TOKEN_EXPIRED: 'This token has expired. Ask the customer to create a fresh share in the PASSID app.',
    TOKEN_REVOKED: 'The customer revoked this token in their PASSID wallet. Ask them to create a new share.',
    TOKEN_ALREADY_USED: 'This one-time token was already used. Ask the customer to create a new share.',
    INSTITUTION_MISMATCH:
      'This token was issued for a different institution. Ask the customer to share with you again.',
    HARD_DENY_SANCTIONS_MATCH:
      'This customer cannot be verified. Do not proceed with this application.',
    CUSTOMER_DECLINED: 'The customer declined the request in the PASSID app.',
    REQUEST_EXPIRED: 'Request expired',
    UNKNOWN_DECLINE: 'The verification was declined.',
  },
  errors: {
    http: 'PASSID could not complete the request (HTTP {status}). Please try again.',
    network: "We couldn't reach PASSID. Check the connection and try again.",
    invalid_response: 'PASSID sent an unexpected response. Please try again later.',
    live_key_in_browser:
      'A live PASSID key cannot be used in the browser. Use the endpoint option (proxy mode) so the key stays on your server.',
    configuration: 'PASSID Verify is not configured correctly. Give it an apiKey or an endpoint.',
    aborted: 'The request was cancelled.',
  },
  errorUnauthorized: 'The PASSID API key was refused. Check the key or the proxy configuration.',
  errorRateLimited: 'Too many requests to PASSID. Please wait a moment and try again.',
  errorNotFound: 'This verification request no longer exists. Generate a new code.',
  tokenErrors: {
    EMPTY: 'Enter the PASSID token.',
    MALFORMED: 'That does not look like a PASSID token. It reads like PASSID-XXXX-XXXX-XXXX-XXXX.',
  },
  claimLabels: {
    fsi_score: 'FSI score',
    tier: 'Tier',
    confidence: 'Confidence',
    p_stable: 'Stability',
    income_verified: 'Income',
    income_band: 'Income band',
    identity_verified: 'Identity',
    sanctions_clear: 'Sanctions screening',
    payment_reliability: 'Payment reliability',
    savings_consistency: 'Savings consistency',
    fraud_risk: 'Fraud risk',
    corridor: 'Corridor',
    decision: 'Decision',
  },
  values: {
    verified: 'Verified',
    notVerified: 'Not verified',
    sanctionsClear: 'Clear',
    sanctionsMatch: 'Match: do not proceed',
    fraudLow: 'Low',
    fraudMedium: 'Medium',
    fraudHigh: 'High',
    decisionApproved: 'Approved',
    decisionReview: 'Review',
    percent: '{value}%',
    outOf100: '{value}/100',
    scoreRange: '{score} (range {low}–{high})',
  },
};

export const fr: Messages = {
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
  codeInstructions: "Pas d'appareil photo ? Dans l'application PASSID, saisissez le code {code}.",
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
};

/** The built-in catalogues. */
export const MESSAGES = { en, fr } as const;
export type Locale = keyof typeof MESSAGES;

/** Partial overrides of a catalogue; the nested records may be partial too. */
export type MessageOverrides = {
  [K in keyof Messages]?: Messages[K] extends string ? string : Partial<Messages[K]>;
};

/**
 * The catalogue for `locale` (`'fr'`, `'fr-FR'`, `'en-GB'`…; unknown locales fall back to
 * English) with `overrides` merged over it.
 * @param locale @default 'en'
 */
export function resolveMessages(locale?: string, overrides?: MessageOverrides): Messages {
  const lang = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  const base: Messages = lang in MESSAGES ? MESSAGES[lang as Locale] : en;
  if (!overrides) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] =
      typeof value === 'object' && value !== null && typeof current === 'object'
        ? { ...current, ...value }
        : value;
  }
  return merged as unknown as Messages;
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function formatMessage(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match,
  );
}
