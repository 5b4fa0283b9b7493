/**
 * pasby's public contracts: the neutral flow (`flow/types.ts`) with pasby's claims, decline
 * codes and sessions filled in, its transport and the options of `createPasbyController`.
 * The browser talks only to the institution's `createPasbyProxy` (`@passid/server/pasby`):
 * pasby's API key, secret and private key never reach it, so there is no direct mode.
 */
import type { FlowEvent, FlowOptions, FlowOutcome, FlowState, FlowTransport, Session, WatchMode } from '@passid/core';
import type { PasbyMessageOverrides, PasbyLocale } from './messages.js';
import type { PasbyClaimKey, PasbyMode } from './wire/constants.js';
import type { PasbyClaims } from './wire/schemas.js';

/**
 * Why a pasby session ended in `declined`: the user declined in the pasby app or the flow was
 * cancelled (pasby tells the two apart by nothing), the flow expired, the national
 * identification number has no pasby ID (`NOT_ON_PASBY`, a refused different-device
 * session: offer a way onward), or something the proxy does not name.
 */
export type PasbyDeclineCode = 'CANCELLED' | 'EXPIRED' | 'NOT_ON_PASBY' | 'UNKNOWN_DECLINE';

/** A pasby session. Times are epoch milliseconds on the server's clock. */
export interface PasbySession extends Session {
  /** The proxy's opaque handle. */
  id: string;
  mode: PasbyMode;
  /** Wildcard: every seed of the flow; `qrValue` is the one on the QR now. */
  seeds?: readonly string[];
  /** Same-device: the link that opens the pasby app. */
  link?: string;
}

/** What a new session asks the proxy for. */
export interface PasbyParams {
  mode: PasbyMode;
  /** Different-device: the national identification number, 11 digits. */
  nin?: string;
  /** A subset of the claims the proxy allows; absent: all it allows. */
  claims?: readonly PasbyClaimKey[];
}

export type PasbyState = FlowState<PasbyClaims, PasbyDeclineCode, PasbySession>;
export type PasbyOutcome = FlowOutcome<PasbyClaims, PasbyDeclineCode>;
/** Every state change, for analytics (`onEvent`). Carries no NIN. */
export type PasbyEvent = FlowEvent<PasbyDeclineCode>;

/**
 * How a pasby session is created, watched, checked and cancelled: `createPasbyTransport`
 * (the proxy, push with polling as the floor, rotating seeds, cancel when left early), or
 * your own (tests, Storybook).
 */
export type PasbyTransport = FlowTransport<PasbyClaims, PasbyDeclineCode, PasbyParams, PasbySession>;

/** Options of one pasby widget. Every option may change later through `setOptions`. */
export interface PasbyControllerOptions extends FlowOptions<PasbyClaims, PasbyDeclineCode> {
  /**
   * URL prefix of the institution's backend running `createPasbyProxy` from
   * `@passid/server/pasby` (e.g. `/api/pasby`). Required unless `transport` is given.
   * @default undefined
   */
  endpoint?: string;
  /**
   * How the customer answers: `wildcard`, a QR code to scan with the pasby app (its seed
   * changes every `seedIntervalMs`); `same-device`, a link that opens the pasby app on this
   * device; `different-device`, a request pushed to the pasby app of the person whose national
   * identification number (NIN) is typed in. The proxy decides which modes it allows.
   * @default 'wildcard'
   */
  mode?: PasbyMode;
  /** The claims to ask for, a subset of what the proxy allows. @default undefined (all the proxy allows) */
  claims?: readonly PasbyClaimKey[];
  /**
   * When a NIN has no pasby ID (`NOT_ON_PASBY`), the mode offered instead ("Use a QR code
   * instead"); `false` offers none. @default 'wildcard'
   */
  fallbackMode?: PasbyMode | false;
  /** How long each wildcard seed stays on the QR before the next one, in ms (≥ 1000). @default 5000 */
  seedIntervalMs?: number;
  /**
   * How the open session is watched: `'auto'`, the proxy's event stream with polling at once
   * when it cannot be opened or drops; `'push'`, the stream only; `'poll'`, polling only.
   * @default 'auto'
   */
  watch?: WatchMode;
  /** Poll interval while awaiting (and polling). @default 2500 */
  pollIntervalMs?: number;
  /** Extra headers on every call to the proxy (e.g. a CSRF token). @default {} */
  headers?: Record<string, string>;
  /** `fetch` to use. @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /**
   * Start a session as soon as the first subscriber arrives. Not for `different-device`, which
   * waits for the NIN form. @default false
   */
  autoStart?: boolean;
  /** Replace the whole transport (tests, Storybook). Overrides `endpoint`. @default undefined */
  transport?: PasbyTransport;
  /** Named in the heading ("Verify with pasby for {institution}"). @default undefined (the plain title) */
  institutionName?: string;
  /**
   * Language of the texts: `'en'`, or a `PasbyLocale` imported from its own entry
   * (`import { fr } from '@passid/core/pasby/locales/fr'`). @default 'en'
   */
  locale?: 'en' | PasbyLocale;
  /** Overrides of the texts. @default none */
  messages?: PasbyMessageOverrides;
}
