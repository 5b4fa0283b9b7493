/**
 * Errors of `@passid/server`. Every message starts with `[passid]` and never contains an API
 * key, a webhook secret or a full token.
 */

/** Why `verifyWebhook` refused a delivery. */
export type WebhookVerificationReason =
  /** No `X-PASSID-Signature` header. */
  | 'MISSING_SIGNATURE'
  /** The header is not `sha256=` + 64 lowercase hex characters (or came as an array). */
  | 'MALFORMED_SIGNATURE'
  /** The HMAC of the raw body does not match: wrong secret, or the body was altered. */
  | 'SIGNATURE_MISMATCH'
  /** `createdAt` is older than the tolerance: a replay, or a very slow delivery. */
  | 'TIMESTAMP_TOO_OLD'
  /** `createdAt` is further in the future than the tolerance: check your clock. */
  | 'TIMESTAMP_IN_FUTURE'
  /** The body is not raw bytes (a parsed object): use `express.raw()`, not `express.json()`. */
  | 'INVALID_BODY_TYPE'
  /** The signed body is not JSON, or not a PASSID webhook event. */
  | 'INVALID_PAYLOAD'
  /** No webhook secret was given (check your environment variables). */
  | 'MISSING_SECRET';

/** Thrown by `verifyWebhook`. Answer the delivery with 400; PASSID retries non-2xx. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  /** Machine-readable reason. */
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(`[passid] ${message}`);
    this.reason = reason;
  }

  toJSON(): { name: string; reason: WebhookVerificationReason; message: string } {
    return { name: this.name, reason: this.reason, message: this.message };
  }
}

/** A programming or configuration mistake (bad option). Never caused by a request. */
export class PassidConfigError extends Error {
  override readonly name = 'PassidConfigError';
  constructor(message: string) {
    super(`[passid] ${message}`);
  }
}

/** What kind of failure a `PassidApiError` is. */
export type PassidApiErrorKind =
  /** PASSID answered with an error status (see `status` and `code`). */
  | 'http'
  /** No answer: DNS, connection refused, reset, timeout. */
  | 'network'
  /** PASSID answered 2xx with a body that does not match the contract. */
  | 'invalid_response'
  /** The call was aborted by the caller's `AbortSignal`. */
  | 'aborted';

export interface PassidApiErrorInit {
  kind: PassidApiErrorKind;
  status?: number;
  code?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Thrown by the client created with `createPassidClient`. Carries the HTTP status, the error
 * envelope's `code` and `Retry-After`; never the API key.
 */
export class PassidApiError extends Error {
  override readonly name = 'PassidApiError';
  readonly kind: PassidApiErrorKind;
  /** HTTP status, when `kind === 'http'` or `'invalid_response'`. */
  readonly status: number | undefined;
  /** The error envelope's `code` (`RATE_LIMITED`, `NOT_FOUND`…), when PASSID sent one. */
  readonly code: string | undefined;
  /** `Retry-After` in milliseconds, when PASSID sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: PassidApiErrorInit) {
    super(`[passid] ${message}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** `Retry-After` in whole seconds (as the header gives it), when PASSID sent one. */
  get retryAfter(): number | undefined {
    return this.retryAfterMs === undefined ? undefined : Math.ceil(this.retryAfterMs / 1000);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      code: this.code,
      retryAfterMs: this.retryAfterMs,
      message: this.message,
    };
  }
}

/** `sk_live_abcdef` → `sk_l…`: safe to log. */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '…' : `${secret.slice(0, 4)}…`;
}
