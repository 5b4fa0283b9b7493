/** The options of `createPassidProxy`, and what its `authorize` is told. */
import type { Permission } from '@passid/core/wire';
import type { ProxyRateLimitOptions } from './rate-limit.js';

export interface PassidProxyOptions {
  /** Institution API key, from an environment variable. Never sent to the browser. */
  apiKey: string;
  /** PASSID backend base URL. @default 'https://api.passid.io' */
  baseUrl?: string;
  /** Path the handler is mounted at; the browser component's `endpoint`. @default '/api/passid' */
  prefix?: string;
  /**
   * Permissions the browser may request. A request for any other → 400 `INVALID_REQUEST`;
   * a request without permissions gets this whole set. @default all seven
   */
  permissions?: Permission[];
  /**
   * Lifetime of a QR request in seconds (60–3600): used when the browser sends none, and the
   * most the browser may ask for. @default PASSID's default (600), browser may ask up to 3600
   */
  ttlSeconds?: number;
  /**
   * Name shown on the PASSID consent screen. When set, it replaces whatever the browser sent.
   * @default the browser's value, or none
   */
  institutionName?: string;
  /**
   * Your own session check, called before anything is forwarded. Return `false` or throw and
   * the browser gets 401 `UNAUTHORIZED` (nothing is sent to PASSID). Receives the request (for
   * a POST a clone, so reading its body is fine), and what the browser is doing: `action` (`create`,
   * `status`, `events` or `verify`) and, for `status` and `events`, the PASSID `requestId` the
   * (valid) handle stands for — bind requests to your own sessions with it.
   * @default allow every request
   */
  authorize?: (request: Request, context: ProxyAuthorizeContext) => boolean | Promise<boolean>;
  /**
   * Secret for the opaque request handles the browser gets instead of raw request ids: at
   * least 32 bytes (shorter, or empty → `PassidConfigError`).
   * @default derived from `apiKey` (HMAC-SHA256(apiKey, 'passid-proxy-request-handle')), so
   * every instance of your backend agrees
   */
  handleSecret?: string;
  /**
   * Per-client limits, so one browser cannot spend your whole PASSID rate limit: per request
   * handle (status reads and streams, default 60 a minute) and per client IP (every call,
   * default 300 a minute; the address comes from `toNodeHandler`'s socket, or `clientIp`). Over
   * a limit → 429 `RATE_LIMITED` with `Retry-After`, nothing sent to PASSID. `false` turns both
   * off. @default both on, in memory
   */
  rateLimit?: ProxyRateLimitOptions | false;
  /**
   * Origins (`https://app.example.com`) of pages on other sites that may call the proxy. A
   * request a browser marks `Sec-Fetch-Site: cross-site`, or whose `Origin` is neither this
   * host nor listed here, gets 403 `FORBIDDEN`. Requests without those headers (curl, servers)
   * are not affected. @default none: same-origin pages only
   */
  allowedOrigins?: string[];
  /**
   * `fetch` to call PASSID with (a test double, a custom transport). Without it, create, status
   * and verify go through Node's own http/https client with kept-alive connections (a status
   * read costs a third of the CPU it costs through Node 20's global `fetch`), and the status
   * stream through the global `fetch`, looked up at call time.
   * @default Node's http/https client; the global `fetch` for the status stream
   */
  fetch?: typeof fetch;
  /**
   * Time limit for PASSID's answer, in ms (then 504). For a status stream it bounds the wait
   * for the stream to open, not its life. @default 10000
   */
  timeoutMs?: number;
  /** Largest request body accepted, in bytes (then 413). @default 16384 */
  maxBodyBytes?: number;
  /**
   * Makes an Idempotency-Key when the browser sent none. (A key the browser sends is not
   * forwarded as is: PASSID gets `pxy_` + an HMAC of it, so browsers cannot use the keys of
   * your backend's own calls.) @default crypto.randomUUID
   */
  createIdempotencyKey?: () => string;
}

/** What `authorize` is asked about. */
export interface ProxyAuthorizeContext {
  /**
   * `create`: POST /request; `status`: GET /request/:handle; `events`: GET
   * /request/:handle/events (the status stream); `verify`: POST /verify.
   */
  action: 'create' | 'status' | 'events' | 'verify';
  /** For `status` and `events` with a valid handle: the PASSID request id it stands for. */
  requestId?: string;
}

/** `(request) => Promise<Response>`, with the prefix it serves (used by `toNodeHandler`). */
export interface PassidProxyHandler {
  (request: Request): Promise<Response>;
  /** The path prefix this handler serves, e.g. `/api/passid`. */
  readonly prefix: string;
}
