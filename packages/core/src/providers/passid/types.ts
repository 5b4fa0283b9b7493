/**
 * PASSID's public contracts: the neutral flow (`flow/types.ts`) with PASSID's claims, decline
 * codes and sessions filled in, its transport and the options of `createPassidController`.
 * These shapes are what `@passid/react`, `@passid/server` and the Storybook build on.
 */
import type { FlowOptions } from '../../flow/controller.js';
import type {
  FlowEvent,
  FlowMode,
  FlowState,
  FlowStatus,
  InputError,
  FlowOutcome,
  Progress,
  Session,
  WatchMode,
} from '../../flow/types.js';
import type { Locale, MessageOverrides } from '../../i18n/messages.js';
import type { FlowTransport } from '../../transport/port.js';
import type { Claims, DenyReason, Permission } from '../../wire/schemas.js';


/** The guide's states. Booleans (busy, showQr…) are derived from this, never stored. */
export type VerifyStatus = FlowStatus;

/** How the current (or last) attempt started. */
export type VerifyMode = FlowMode;

export type TokenInputError = InputError;

/**
 * Why a session ended in `declined`: a deny reason of the verify endpoint, the customer's
 * decline in the app, or expiry of the QR request.
 */
export type DeclineCode = DenyReason | 'CUSTOMER_DECLINED' | 'REQUEST_EXPIRED' | 'UNKNOWN_DECLINE';

/** A PASSID QR session. Times are epoch milliseconds on the server's clock. */
export interface SessionInfo extends Session {
  /** `requestId` (or, in proxy mode, the proxy's opaque handle for it). */
  id: string;
  /** The short code shown beside the QR, e.g. `AB3X-7YQM`. */
  code: string;
  /** What the QR encodes: the deep link. */
  qrValue: string;
}

/** The whole state of one widget. One store per widget instance. */
export type VerifyState = FlowState<Claims, DeclineCode, SessionInfo>;

export interface CreateSessionParams {
  institutionName?: string;
  permissions?: Permission[];
  ttlSeconds?: number;
}

/** Something the watcher learned while the session is still open. */
export type SessionProgress = Progress;

/** How a watched session ended. */
export type SessionOutcome = FlowOutcome<Claims, DeclineCode>;

/**
 * How a PASSID session is created, watched and verified: the PASSID transport
 * (`createPassidTransport`, push with polling as the floor), or your own (tests, Storybook).
 * `verifyToken` answers like `POST /api/bridge/verify`.
 */
export type VerificationTransport = FlowTransport<Claims, DeclineCode, CreateSessionParams, SessionInfo>;

/** Every state change, for analytics (`onEvent`). Carries no key and no full token. */
export type VerifyEvent = FlowEvent<DeclineCode>;

/** Options of one verification widget. Every option may change later through `setOptions`. */
export interface PassidControllerOptions extends FlowOptions<Claims, DeclineCode> {
  /**
   * Institution API key, sent as `X-Institution-Key`. Sandbox keys (`sk_sandbox_…`) work in
   * the browser; a live key (`sk_live_…`) in a browser is refused unless
   * `dangerouslyAllowBrowserKey` is set: use `endpoint` (proxy mode) instead.
   * @default undefined (no key sent: give `endpoint` or `transport` instead)
   */
  apiKey?: string;
  /**
   * Proxy mode: URL prefix of the institution's own backend running `createPassidProxy`
   * from `@passid/server` (e.g. `/api/passid`). No key is sent from the browser.
   * @default undefined (direct mode: `baseUrl` with `apiKey`)
   */
  endpoint?: string;
  /** PASSID backend base URL. @default 'https://api.passid.io' */
  baseUrl?: string;
  /**
   * Shown in the PASSID app's consent screen and the component header.
   * @default undefined (not sent, the server decides what the app shows; the header reads the plain title)
   */
  institutionName?: string;
  /** Claims to request. @default all seven permissions */
  permissions?: Permission[];
  /** Lifetime of a QR request, 60–3600 s. @default 600 */
  ttlSeconds?: number;
  /**
   * How the open QR session is watched. `'auto'`: the push stream
   * (`GET …/request/:id/events`), with polling every `pollIntervalMs` at once when the stream
   * cannot be opened or drops, and the stream tried again by the retry rule; `'push'`: the
   * stream only; `'poll'`: polling only (what every network and every proxy supports).
   * @default 'auto'
   */
  watch?: WatchMode;
  /** Poll interval while awaiting (and polling). @default 2500 */
  pollIntervalMs?: number;
  /** Allow an `sk_live_…` key in a browser. Do not. @default false */
  dangerouslyAllowBrowserKey?: boolean;
  /** `fetch` to use. @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /**
   * Replace the whole transport (tests, Storybook, other providers). Overrides apiKey/endpoint.
   * @default undefined (the PASSID transport built from apiKey/endpoint/baseUrl)
   */
  transport?: VerificationTransport;
  /** Called once per session with the proven claims. Never for a sanctions hit. @default undefined (not called) */
  onSuccess?: (claims: Claims) => void;
  /**
   * Language of the text passed to `onDecline`: `'en'`, or a `Locale` imported from its own
   * entry (`import { fr } from '@passid/core/locales/fr'`). @default 'en'
   */
  locale?: 'en' | Locale;
  /** Overrides of the texts passed to `onDecline`. @default none */
  messages?: MessageOverrides;
}
