/**
 * The provider-neutral contracts of a verification flow: its states, its sessions, what a
 * watcher learns and how a session ends. Claims (`C`), decline reasons (`D`) and the session
 * shape (`S`) are type parameters: PASSID (`providers/passid`) and pasby fill them in.
 * Nothing here names a provider.
 */

// ---------------------------------------------------------------- state

/** The guide's states. Booleans (busy, showQr…) are derived from this, never stored. */
export type FlowStatus = 'idle' | 'requesting' | 'awaiting' | 'verifying' | 'success' | 'declined' | 'error';

/**
 * How the current (or last) attempt started: `qr`, a session the customer answers on a
 * device (a QR code, a link, a push to their phone); `token`, a direct check of input a
 * person typed (PASSID's one-time share token).
 */
export type FlowMode = 'qr' | 'token';

/**
 * How an open session is being watched: `live`, a push stream is open; `polling`, the status
 * is read every few seconds (the stream is unavailable, or `watch: 'poll'`); `offline`, the
 * browser is offline, so no request is made until it is back.
 */
export type Connection = 'live' | 'polling' | 'offline';

/** What is wrong with typed input (a token, a national id number). */
export type InputError = 'EMPTY' | 'MALFORMED';

/** A session as a transport created it. Times are epoch milliseconds on the server's clock. */
export interface Session {
  /** The provider's id for the session (PASSID's `requestId`, pasby's `req_…`, or a proxy handle). */
  id: string;
  /** A short code a person can read out or type, when the provider has one (PASSID's `AB3X-7YQM`). */
  code?: string;
  /** What the QR code shows now (PASSID's deep link, one of pasby's rotating seeds); absent when there is no QR. */
  qrValue?: string;
  /** A link that opens the provider's app on this device (pasby's same-device flow). */
  link?: string;
  /** A device has picked the session up: the QR has done its job, the customer approves on the device. */
  pickedUp?: boolean;
  /** When the session expires, epoch ms on the server's clock. */
  expiresAt: number;
  /** The server's clock when it answered, epoch ms (for skew correction). */
  serverTime: number;
}

/** Something the watcher learned while the session is still open. Absent fields did not change. */
export interface Progress {
  /** New expiry / clock reading from the server. */
  expiresAt?: number;
  serverTime?: number;
  /** The next value to show on the QR (rotating seeds). */
  qrValue?: string;
  /** A device picked the session up. */
  pickedUp?: boolean;
  /** How the session is watched now. */
  connection?: Connection;
  /** Consecutive failed reads so far (0 after a good answer). */
  failures?: number;
}

/** How a watched session ended. */
export type FlowOutcome<C, D> =
  | { status: 'completed'; claims: C; verifiedAt?: string }
  | { status: 'declined'; reason: D }
  | { status: 'expired' };

/** The answer of a direct check (a typed token): approved with claims, or refused with a reason. */
export type DirectResult<C, D> = { verified: true; claims: C } | { verified: false; denyReason: D };

/** The whole state of one widget. One store per widget instance. */
export interface FlowState<C, D, S extends Session = Session> {
  status: FlowStatus;
  /** How the current (or last) attempt started; `token` in `idle` after "Try again" on a refused token. */
  mode: FlowMode | null;
  session: S | null;
  /** `serverTime - localNow` measured when the server last answered. */
  clockOffsetMs: number;
  /** Local clock (ms), refreshed every second while `awaiting` so countdowns re-render. */
  now: number;
  claims: C | null;
  decline: D | null;
  error: PassidError | null;
  /** Consecutive failed reads while awaiting (0 when healthy). */
  pollFailures: number;
  /** How the open session is watched, while `awaiting`; null otherwise. */
  connection: Connection | null;
  /** Validation message for the typed input (token, national id), if the last input was malformed. */
  tokenInputError: InputError | null;
}

// ---------------------------------------------------------------- errors

/** What went wrong, machine-readable. */
export type PassidErrorKind =
  /** The server answered with an error status (see `status`, `code`). */
  | 'http'
  /** No answer: DNS, connection refused, CORS, offline, a timeout, a stream that dropped. */
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

// ---------------------------------------------------------------- time and network

/** Time and timers, injectable so tests use fake timers. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** In [0, 1): jitter of the retry backoff. @default Math.random */
  random?(): number;
}

/**
 * What the page knows about the network, injectable so tests can go offline and hide the
 * page. The default reads `navigator.onLine` and `document.visibilityState` and listens to
 * `online`, `offline` and `visibilitychange`; outside a browser it is always online and visible.
 */
export interface NetworkWatch {
  online(): boolean;
  visible(): boolean;
  /** Calls `listener` whenever either may have changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** How an open session is watched: push with polling as the floor, push only, or polling only. */
export type WatchMode = 'auto' | 'push' | 'poll';

// ---------------------------------------------------------------- events

/** Every state change, for analytics (`onEvent`). Carries no key and no full token. */
export interface FlowEvent<D> {
  type: `state.${FlowStatus}`;
  from: FlowStatus;
  to: FlowStatus;
  mode: FlowMode | null;
  /** Session id when there is one. */
  sessionId?: string;
  decline?: D;
  errorKind?: PassidErrorKind;
  at: number;
}
