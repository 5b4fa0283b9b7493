/**
 * Every user-facing text of PASSID Verify, in English (`en`; other languages are in
 * `locales/`, one entry each). Components render
 * these (through `connect`), never strings of their own. `{placeholder}`s are filled by
 * `formatMessage`.
 */
import { warn } from '../env.js';

declare const process: { env: Record<string, string | undefined> };
import type { InputError as TokenInputError, PassidErrorKind } from '../flow/types.js';
import type { DeclineCode } from '../providers/passid/types.js';

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

/**
 * A text with `{placeholders}`, or a function of the values, for languages whose words change
 * with a number (plural forms through `Intl.PluralRules`, e.g. Arabic minutes). Values are
 * given as numbers where they are numbers; write them with Latin digits (`String(n)`).
 */
export type Template = string | ((values: Readonly<Record<string, string | number>>) => string);

/** The texts of one locale. */
export interface Messages {
  /** Header when no `institutionName` is given. */
  title: string;
  /** Header with an institution: `{institution}`. */
  titleWithInstitution: Template;
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
  /**
   * @deprecated Never shown by the component; ignored. Kept optional so existing overrides
   * still type-check.
   */
  codeInstructions?: string;
  /** Label before the 8-character code. */
  codeLabel: string;
  /** Accessible name of the QR canvas: `{code}`. */
  qrLabel: Template;
  /** Countdown: `{time}` is `m:ss`. */
  expiresIn: Template;
  /** Spoken countdown (screen readers): `{minutes}`, `{seconds}`. */
  expiresInSpoken: Template;
  /** Shown while polls keep failing but the session is still alive. */
  reconnecting: string;
  /** Live-region texts per state: `{code}` in awaiting. */
  liveIdle: string;
  liveRequesting: string;
  liveAwaiting: Template;
  liveVerifying: string;
  liveSuccess: string;
  /** `{reason}` is the friendly decline text. */
  liveDeclined: Template;
  /** `{error}` is the friendly error text. */
  liveError: Template;
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
  /** Button after a success, with `nextCustomer` on: a fresh idle widget for the next customer. */
  nextCustomer: string;
  /** Score badge: `{score}`. */
  scoreBadge: Template;
  /** Tier badge: `{tier}`. */
  tierBadge: Template;
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
    percent: Template;
    /** `{value}` is 0–100. */
    outOf100: Template;
    /** `{score}`, `{low}`, `{high}`. */
    scoreRange: Template;
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
  nextCustomer: 'Verify another customer',
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

/**
 * A language: its code and its catalogue. Only English is built in; the others (`fr`, `sw`,
 * `ha`, `yo`, `ig`, `ar`) are imported from their own entry, so a bundle carries only the
 * languages it uses: `import { fr } from '@passid/core/locales/fr'`.
 */
export interface Locale {
  /** BCP 47 language code, e.g. `'fr'`. */
  code: string;
  /**
   * Writing direction of the language; the widget's root takes it as its `dir` attribute
   * (a `dir` prop wins). Every built-in language sets it (`ar`: `'rtl'`). Without it, the
   * widget inherits the page's direction. @default undefined (inherit)
   */
  dir?: 'ltr' | 'rtl';
  messages: Messages;
}

/** Partial overrides of a catalogue; the nested records may be partial too. */
export type MessageOverrides = {
  [K in keyof Messages]?: Messages[K] extends Template | undefined ? Messages[K] : Partial<Messages[K]>;
};

/**
 * The catalogue of `locale` (`'en'` or a `Locale` object such as `fr`) with `overrides`
 * merged over it. Any other value falls back to English (with a warning in development).
 * @param locale @default 'en'
 */
/**
 * Unknown locales already warned about (development only). Module-level on purpose: the
 * warning is about the code, not a widget, and hooks resolve messages on every render.
 */
const warnedLocales = /*#__PURE__*/ new Set<string>();

export function resolveMessages(locale?: 'en' | Locale, overrides?: MessageOverrides): Messages {
  const base = typeof locale === 'object' && locale ? locale.messages : en;
  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production' && base === en && locale && locale !== 'en') {
    const name = JSON.stringify(locale);
    if (!warnedLocales.has(name)) {
      warnedLocales.add(name);
      warn(
        `locale ${name} is not built in; English is used. Import the language and pass it: ` +
          "import { fr } from '@passid/react/locales/fr' (or '@passid/core/locales/fr'), then locale={fr}.",
      );
    }
  }
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

/** Fills `{name}` placeholders (unknown ones are left as they are), or calls a function template. */
export function formatMessage(template: Template, values: Record<string, string | number> = {}): string {
  if (typeof template === 'function') return template(values);
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match,
  );
}
