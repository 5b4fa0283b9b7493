/**
 * Errors of `@passid/server`. Every message starts with `[passid]` and never contains an API
 * key, a webhook secret or a full token.
 */
import { PassidError, type PassidErrorKind } from '@passid/core';

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

/**
 * Thrown by the client created with `createPassidClient`: core's `PassidError` (so
 * `isPassidError` and `isTransientError` from `@passid/core` work on it) with the HTTP
 * `status`, the error envelope's `code` and `Retry-After`. Its message and JSON never contain
 * the API key or a full token. `kind`: `http` (PASSID answered an error status), `network`
 * (no answer, or a timeout), `invalid_response` (2xx that breaks the contract), `aborted`,
 * `configuration` (arguments refused before anything was sent; `code: 'INVALID_REQUEST'`).
 */
export class PassidApiError extends PassidError {
  constructor(kind: PassidErrorKind, message: string, init: PassidErrorInit = {}) {
    super(kind, message, init);
    this.name = 'PassidApiError';
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

interface PassidErrorInit {
  status?: number;
  code?: string;
  retryAfterMs?: number;
  cause?: unknown;
}


/**
 * A shared store (`@passid/server/redis`) could not do its work: the server is down, did not
 * answer within the store's `timeoutMs`, or refused the command. `cause` holds the client's
 * error. A webhook route answers 503 (PASSID delivers the event again); the proxy's limiter
 * lets the request through and warns.
 */
export class PassidStoreError extends Error {
  override readonly name = 'PassidStoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`[passid] ${message}`, options);
  }
}
