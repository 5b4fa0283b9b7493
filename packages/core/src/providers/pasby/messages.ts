/**
 * Every user-facing text of the pasby widget, in English (`pasbyEn`; French is
 * `@passid/core/pasby/locales/fr`, its own entry). Components render these (through
 * `connectPasby`), never strings of their own. `{placeholder}`s are filled by `formatMessage`.
 */
import type { InputError, PassidErrorKind, Template } from '@passid/core';
import type { PasbyDeclineCode } from './types.js';
import type { PasbyClaimKey, PasbyMode } from './wire/constants.js';

declare const process: { env: Record<string, string | undefined> };

/** The texts of one locale. */
export interface PasbyMessages {
  /** Header when no `institutionName` is given. */
  title: string;
  /** Header with an institution: `{institution}`. */
  titleWithInstitution: Template;
  /** The button of `idle`, per mode (different-device: the NIN form's submit button). */
  start: Record<PasbyMode, string>;
  /** Label of the NIN field (different-device). */
  ninLabel: string;
  /** Hint under the NIN field. */
  ninHint: string;
  /** NIN field errors. */
  ninErrors: Record<InputError, string>;
  /** Spinner text (and live text) in `requesting`, per mode. */
  requesting: Record<PasbyMode, string>;
  /** What to do while awaiting, per mode. */
  instructions: Record<PasbyMode, string>;
  /** Accessible name of the QR canvas. */
  qrLabel: string;
  /** The link that opens the pasby app (same-device). */
  openPasby: string;
  /** Heading once a device picked the session up. */
  pickedUpTitle: string;
  /** Text once a device picked the session up. */
  pickedUpText: string;
  /** Countdown: `{time}` is `m:ss`. */
  expiresIn: Template;
  /** Spoken countdown (screen readers): `{minutes}`, `{seconds}` (numbers: plural forms may use them). */
  expiresInSpoken: Template;
  /** Shown while reads keep failing (or the page is offline) but the session is still alive. */
  reconnecting: string;
  /** Live-region texts. */
  liveIdle: string;
  /** While awaiting, per mode (stable while the QR rotates: nothing is announced every few seconds). */
  liveAwaiting: Record<PasbyMode, string>;
  livePickedUp: string;
  liveSuccess: string;
  /** `{reason}` is the friendly decline text. */
  liveDeclined: Template;
  /** `{error}` is the friendly error text. */
  liveError: Template;
  /** Heading in `success`. */
  successTitle: string;
  /** Heading in `declined`. */
  declinedTitle: string;
  /** Heading in `declined` when the NIN has no pasby ID. */
  notOnPasbyTitle: string;
  /** Heading in `error`. */
  errorTitle: string;
  /** Retry button after a decline or error. */
  tryAgain: string;
  /** Retry button after expiry. */
  startAgain: string;
  /** Retry button when the NIN has no pasby ID (back to the field). */
  otherNin: string;
  /** The way onward when the NIN has no pasby ID, per the mode it switches to. */
  fallback: Record<PasbyMode, string>;
  /** Heading of the claims summary. */
  claimsTitle: string;
  /** Claim row labels. */
  claimLabels: Record<PasbyClaimKey, string>;
  /** Friendly text per decline code. */
  decline: Record<PasbyDeclineCode, string>;
  /** Friendly text per error kind. `http` may use `{status}`. */
  errors: Record<PassidErrorKind, string>;
  /** Extra error texts for well-known HTTP statuses (401/403, 429, 404/410). */
  errorUnauthorized: string;
  errorRateLimited: string;
  errorNotFound: string;
}

export const pasbyEn: PasbyMessages = {
  title: 'Verify with pasby',
  titleWithInstitution: 'Verify with pasby for {institution}',
  start: {
    wildcard: 'Show QR code',
    'same-device': 'Continue with pasby',
    'different-device': 'Send to the pasby app',
  },
  ninLabel: 'National identification number (NIN)',
  ninHint: 'The 11 digits of the NIN. We send the request to the pasby app of this person.',
  ninErrors: {
    EMPTY: 'Enter the national identification number.',
    MALFORMED: 'A national identification number has exactly 11 digits.',
  },
  requesting: {
    wildcard: 'Creating a QR code…',
    'same-device': 'Preparing pasby…',
    'different-device': 'Sending the request to the pasby app…',
  },
  instructions: {
    wildcard: 'Scan this QR code with the pasby app. The code changes every few seconds; scan the one you see.',
    'same-device': 'Open the pasby app on this device, then approve the request.',
    'different-device': 'We sent a request to the pasby app. Open pasby on the phone and approve it.',
  },
  qrLabel: 'QR code to verify with pasby. Scan it with the pasby app.',
  openPasby: 'Open pasby',
  pickedUpTitle: 'Approve in your pasby app',
  pickedUpText: 'The request is open in the pasby app. Check it there and approve it.',
  expiresIn: 'Expires in {time}',
  expiresInSpoken: 'Expires in {minutes} min {seconds} s',
  reconnecting: 'Reconnecting…',
  liveIdle: 'Ready to verify with pasby.',
  liveAwaiting: {
    wildcard: 'QR code ready. Waiting for a scan with the pasby app.',
    'same-device': 'pasby is ready. Open the pasby app to approve.',
    'different-device': 'Request sent to the pasby app. Waiting for approval.',
  },
  livePickedUp: 'The request is open in the pasby app. Waiting for approval.',
  liveSuccess: 'Identity confirmed by pasby.',
  liveDeclined: 'Verification not completed. {reason}',
  liveError: 'Verification failed. {error}',
  successTitle: 'Identity confirmed',
  declinedTitle: 'Verification not completed',
  notOnPasbyTitle: 'No pasby ID for this number',
  errorTitle: 'Something went wrong',
  tryAgain: 'Try again',
  startAgain: 'Start again',
  otherNin: 'Try another number',
  fallback: {
    wildcard: 'Use a QR code instead',
    'same-device': 'Use pasby on this device instead',
    'different-device': 'Send to a phone instead',
  },
  claimsTitle: 'Confirmed by pasby',
  claimLabels: {
    'naming.given': 'Given name',
    'naming.middle': 'Middle name',
    'naming.family': 'Family name',
    'contact.email': 'Email',
    'bio.birthdate': 'Date of birth',
    'bio.gender': 'Gender',
    'bio.birthnumber': 'Birth number',
    'nationality.primary': 'Nationality',
    'nationality.residence': 'Country of residence',
  },
  decline: {
    CANCELLED: 'The request was declined in the pasby app, or cancelled.',
    EXPIRED: 'Request expired',
    NOT_ON_PASBY: 'This national identification number has no pasby digital ID.',
    UNKNOWN_DECLINE: 'The verification was not completed.',
  },
  errors: {
    http: 'The verification service could not complete the request (HTTP {status}). Please try again.',
    network: "We couldn't reach the verification service. Check the connection and try again.",
    invalid_response: 'The verification service sent an unexpected response. Please try again later.',
    live_key_in_browser: 'pasby keys cannot be used in the browser.',
    configuration: 'pasby is not configured correctly. Give it the endpoint of your pasby proxy.',
    aborted: 'The request was cancelled.',
  },
  errorUnauthorized: 'The server refused to start pasby. Sign in again, or check the proxy configuration.',
  errorRateLimited: 'Too many requests. Please wait a moment and try again.',
  errorNotFound: 'This pasby request no longer exists. Start again.',
};

/**
 * A language of the pasby widget. Only English is built in; others are imported from their
 * own entry: `import { fr } from '@passid/core/pasby/locales/fr'`.
 */
export interface PasbyLocale {
  /** BCP 47 language code, e.g. `'fr'`. */
  code: string;
  /**
   * Writing direction of the language; the widget's root takes it as its `dir` attribute
   * (a `dir` prop wins). Every built-in language sets it (`ar`: `'rtl'`). Without it, the
   * widget inherits the page's direction. @default undefined (inherit)
   */
  dir?: 'ltr' | 'rtl';
  messages: PasbyMessages;
}

/** Partial overrides of a catalogue; the nested records may be partial too. */
export type PasbyMessageOverrides = {
  [K in keyof PasbyMessages]?: PasbyMessages[K] extends Template | undefined ? PasbyMessages[K] : Partial<PasbyMessages[K]>;
};

/** Unknown locales already warned about (development only; about the code, not a widget). */
const warned = /*#__PURE__*/ new Set<string>();

/**
 * The catalogue of `locale` (`'en'` or a `PasbyLocale` such as `fr`) with `overrides` merged
 * over it, records key by key. Any other value falls back to English (with a warning in development).
 */
export function resolvePasbyMessages(locale?: 'en' | PasbyLocale, overrides?: PasbyMessageOverrides): PasbyMessages {
  const base = typeof locale === 'object' && locale ? locale.messages : pasbyEn;
  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production' && base === pasbyEn && locale && locale !== 'en') {
    const name = JSON.stringify(locale);
    if (!warned.has(name)) {
      warned.add(name);
      console.warn(`[passid] locale ${name} is not built in; English is used. Import the language and pass it: import { fr } from '@passid/react/pasby/locales/fr', then locale={fr}.`);
    }
  }
  if (!overrides) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    // Records merge key by key; a text (a string, or a function of its values) replaces.
    if (value !== undefined) merged[key] = typeof value === 'object' ? { ...(merged[key] as object), ...value } : value;
  }
  return merged as unknown as PasbyMessages;
}
