/**
 * Public contracts of the headless core. The implementation lives beside this file; these
 * shapes are what `@passid/react`, `@passid/server` and the Storybook build on.
 */
import type { Claims, DenyReason, Permission, VerifyResponse } from '../wire/schemas.js';
import type { Locale, MessageOverrides } from '../i18n/messages.js';

// ---------------------------------------------------------------- state

/** The guide's states. Booleans (busy, showQr…) are derived from this, never stored. */
export type VerifyStatus =
  | 'idle'
  | 'requesting'
  | 'awaiting'
  | 'verifying'
  | 'success'
  | 'declined'
  | 'error';

/**
 * Why a session ended in `declined`: a deny reason of the verify endpoint, the customer's
 * decline in the app, or expiry of the QR request.
 */
export type DeclineCode = DenyReason | 'CUSTOMER_DECLINED' | 'REQUEST_EXPIRED' | 'UNKNOWN_DECLINE';

/** How the current (or last) attempt started. */
export type VerifyMode = 'qr' | 'token';

/** A QR session as the transport created it. Times are epoch milliseconds on the server's clock. */
export interface SessionInfo {
  /** `requestId` for PASSID. */
  id: string;
  /** The short code shown beside the QR, e.g. `AB3X-7YQM`. */
  code: string;
  /** What the QR encodes (the deep link for PASSID; a rotating seed for other providers). */
  qrValue: string;
  /** When the session expires, epoch ms on the server's clock. */
  expiresAt: number;
  /** The server's clock when it answered, epoch ms (for skew correction). */
  serverTime: number;
}

/** The whole state of one widget. One store per widget instance. */
export interface VerifyState {
  status: VerifyStatus;
  /** How the current (or last) attempt started; `token` in `idle` after "Try again" on a refused token. */
  mode: VerifyMode | null;
  session: SessionInfo | null;
  /** `serverTime - localNow` measured when the server last answered. */
  clockOffsetMs: number;
  /** Local clock (ms), refreshed every second while `awaiting` so countdowns re-render. */
  now: number;
  claims: Claims | null;
  decline: DeclineCode | null;
  error: PassidError | null;
  /** Consecutive failed polls while awaiting (0 when healthy). */
  pollFailures: number;
  /** Validation message for the manual token field, if the last input was malformed. */
  tokenInputError: TokenInputError | null;
}

export type TokenInputError = 'EMPTY' | 'MALFORMED';

// ---------------------------------------------------------------- errors

/** What went wrong, machine-readable. */
export type PassidErrorKind =
  /** The server answered with an error status (see `status`, `code`). */
  | 'http'
  /** No answer: DNS, connection refused, CORS, offline. */
  | 'network'
  /** The server answered 2xx with a body that does not match the contract. */
  | 'invalid_response'
  /** A live key was given to a browser component without `dangerouslyAllowBrowserKey`. */
  | 'live_key_in_browser'
  /** Options are wrong (no `apiKey` and no `endpoint`, bad `ttlSeconds`…). */
  | 'configuration'
  /** The call was aborted by its `AbortSignal`. */
  | 'aborted';

/**
 * Interface of the error class the core throws and stores (`PassidError` in `errors.ts`).
 * `message` is prefixed with `[passid]` and never contains a key or a full token.
 */
export interface PassidErrorShape extends Error {
  kind: PassidErrorKind;
  /** HTTP status, when `kind === 'http'`. */
  status?: number;
  /** The error envelope's `code` (e.g. `RATE_LIMITED`), when the server sent one. */
  code?: string;
  /** `Retry-After` in milliseconds, when the server sent one. */
  retryAfterMs?: number;
}
export type PassidError = PassidErrorShape;

// ---------------------------------------------------------------- transport

export interface CreateSessionParams {
  institutionName?: string;
  permissions?: Permission[];
  ttlSeconds?: number;
}

/** Something the watcher learned while the session is still open. */
export interface SessionProgress {
  /** New expiry / clock reading from the server. */
  expiresAt?: number;
  serverTime?: number;
  /** Providers with rotating QR seeds publish the next one here. */
  qrValue?: string;
  /** Consecutive failures so far (0 after a good answer). */
  failures?: number;
}

/** How a watched session ended. */
export type SessionOutcome =
  | { status: 'completed'; claims: Claims; verifiedAt?: string }
  | { status: 'declined'; reason: DeclineCode }
  | { status: 'expired' };

/**
 * How a session is created, watched and verified. PASSID's polling transport is one
 * implementation; pasby (rotating QR seeds + server-sent events) or a PASSID push channel
 * plug in here without touching the state machine.
 */
export interface VerificationTransport {
  createSession(params: CreateSessionParams, ctx: { signal: AbortSignal }): Promise<SessionInfo>;
  /**
   * Resolves when the session reaches an end state; rejects (with a `PassidError`) only when
   * watching failed persistently. Must stop all I/O when `signal` aborts.
   */
  watchSession(
    session: SessionInfo,
    ctx: { signal: AbortSignal; onProgress: (progress: SessionProgress) => void },
  ): Promise<SessionOutcome>;
  verifyToken(
    params: { token: string; idempotencyKey: string },
    ctx: { signal: AbortSignal },
  ): Promise<VerifyResponse>;
  /**
   * Optional: one status check, made when the local countdown runs out (the customer may
   * have approved at the last second). `null` means still pending. Without it, local expiry
   * goes straight to `declined` / `REQUEST_EXPIRED`.
   */
  checkSession?(session: SessionInfo, ctx: { signal: AbortSignal }): Promise<SessionOutcome | null>;
}

// ---------------------------------------------------------------- events

/** Every state change, for analytics (`onEvent`). Carries no key and no full token. */
export interface VerifyEvent {
  type: `state.${VerifyStatus}`;
  from: VerifyStatus;
  to: VerifyStatus;
  mode: VerifyMode | null;
  /** Session id when there is one. */
  sessionId?: string;
  decline?: DeclineCode;
  errorKind?: PassidErrorKind;
  at: number;
}

// ---------------------------------------------------------------- controller

/** Time and timers, injectable so tests use fake timers. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** In [0, 1): jitter of the retry backoff. @default Math.random */
  random?(): number;
}

/** Options of one verification widget. Every option may change later through `setOptions`. */
export interface PassidControllerOptions {
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
  /** Poll interval while awaiting. @default 2500 */
  pollIntervalMs?: number;
  /**
   * A request without an answer after this many ms is aborted and counts as a transient
   * `network` failure ("The request timed out after …"): retried by the usual rule. The final
   * status check at expiry uses it too, and settles as expired when it times out.
   * @default 15000
   */
  requestTimeoutMs?: number;
  /** Allow an `sk_live_…` key in a browser. Do not. @default false */
  dangerouslyAllowBrowserKey?: boolean;
  /** `fetch` to use. @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /**
   * Replace the whole transport (tests, Storybook, other providers). Overrides apiKey/endpoint.
   * @default undefined (the PASSID polling transport built from apiKey/endpoint/baseUrl)
   */
  transport?: VerificationTransport;
  /** Called once per session with the proven claims. Never for a sanctions hit. @default undefined (not called) */
  onSuccess?: (claims: Claims) => void;
  /** Called with a friendly reason ("Request expired", …) and the machine-readable code. @default undefined (not called) */
  onDecline?: (reason: string, detail: { code: DeclineCode }) => void;
  /** Called when the flow ends in `error`. @default undefined (not called) */
  onError?: (error: PassidError) => void;
  /** Called on every state change. @default undefined (not called) */
  onEvent?: (event: VerifyEvent) => void;
  /** Injected clock and timers. @default Date.now / globalThis.setTimeout */
  clock?: Clock;
  /** Makes Idempotency-Keys. @default crypto.randomUUID, looked up at call time */
  createIdempotencyKey?: () => string;
  /**
   * Language of the text passed to `onDecline`: `'en'`, or a `Locale` imported from its own
   * entry (`import { fr } from '@passid/core/locales/fr'`). @default 'en'
   */
  locale?: 'en' | Locale;
  /** Overrides of the texts passed to `onDecline`. @default none */
  messages?: MessageOverrides;
}
