/**
 * Webhook signature verification: `X-PASSID-Signature: sha256=<hex HMAC-SHA256(secret, rawBody)>`
 * over the exact bytes PASSID sent, compared in constant time, then a freshness check of the
 * event's `createdAt` (stamped afresh on every delivery attempt).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import { WebhookEventSchema, type WebhookEvent } from '@passid/core/wire';
import { PassidConfigError, WebhookVerificationError } from './errors.js';

/** Name of the signature header (lower case, as Node gives it in `req.headers`). */
export const WEBHOOK_SIGNATURE_HEADER = 'x-passid-signature';

/** Default freshness window: five minutes either side of your clock. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** The raw body as received: a string, a Node `Buffer`, a `Uint8Array` or an `ArrayBuffer`. */
export type RawBody = string | Uint8Array | ArrayBuffer;

export interface VerifyWebhookOptions {
  /**
   * The request body exactly as received, before any JSON parsing: `req.body` under
   * `express.raw({ type: 'application/json' })`, or `await request.text()` in a Web handler.
   */
  rawBody: RawBody;
  /** The `X-PASSID-Signature` header value (`sha256=<64 lowercase hex>`). */
  signature: string | string[] | null | undefined;
  /** Your webhook secret (`whsec_…`), from an environment variable. */
  secret: string;
  /**
   * How far `createdAt` may be from your clock, in seconds, either way. Must be a positive,
   * finite number: the check cannot be switched off.
   * @default 300
   */
  toleranceSeconds?: number;
  /** Your clock, in epoch milliseconds (a non-finite value throws `PassidConfigError`). @default Date.now */
  now?: () => number;
}

const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/;

function toBytes(rawBody: unknown): Buffer {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  if (rawBody instanceof Uint8Array) {
    return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  }
  if (rawBody instanceof ArrayBuffer) return Buffer.from(rawBody);
  const what = rawBody === null ? 'null' : typeof rawBody;
  throw new WebhookVerificationError(
    'INVALID_BODY_TYPE',
    `rawBody must be the raw request body (string, Buffer or Uint8Array), got ${what}. ` +
      'The signature covers the exact bytes: use express.raw() for this route ' +
      "(express.raw({ type: 'application/json' })), not express.json(), or " +
      '`await request.text()` in a Web handler.',
  );
}

/**
 * `sha256=<hex HMAC-SHA256(secret, rawBody)>`: the value PASSID puts in `X-PASSID-Signature`.
 * Useful for tests of your own webhook endpoint.
 */
export function computeSignature(secret: string, rawBody: RawBody): string {
  const hex = createHmac('sha256', secret).update(toBytes(rawBody)).digest('hex');
  return `sha256=${hex}`;
}

/**
 * Compares two byte strings in constant time. Different lengths return `false` (the length
 * is not secret here: every valid signature has 32 bytes) instead of throwing.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return timingSafeEqual(a, b);
}

function checkTolerance(toleranceSeconds: number): void {
  if (typeof toleranceSeconds !== 'number' || !Number.isFinite(toleranceSeconds) || toleranceSeconds <= 0) {
    throw new PassidConfigError(
      `toleranceSeconds must be a positive, finite number of seconds (got ${String(toleranceSeconds)}). ` +
        'The freshness check cannot be switched off; use a larger value if your clock drifts.',
    );
  }
}

function parseSignature(signature: VerifyWebhookOptions['signature']): Buffer {
  if (Array.isArray(signature)) {
    throw new WebhookVerificationError(
      'MALFORMED_SIGNATURE',
      'X-PASSID-Signature was sent more than once; PASSID sends exactly one.',
    );
  }
  if (signature === undefined || signature === null || signature === '') {
    throw new WebhookVerificationError('MISSING_SIGNATURE', 'No X-PASSID-Signature header.');
  }
  const match = typeof signature === 'string' ? SIGNATURE_PATTERN.exec(signature) : null;
  if (!match?.[1]) {
    throw new WebhookVerificationError(
      'MALFORMED_SIGNATURE',
      'X-PASSID-Signature must be "sha256=" followed by 64 lowercase hex characters.',
    );
  }
  return Buffer.from(match[1], 'hex');
}

function parseEvent(bytes: Buffer): WebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('INVALID_PAYLOAD', 'The webhook body is not JSON.');
  }
  const result = v.safeParse(WebhookEventSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    throw new WebhookVerificationError(
      'INVALID_PAYLOAD',
      `The webhook body is not a PASSID event${path ? ` (bad field "${path}")` : ''}.`,
    );
  }
  return result.output;
}

/**
 * Verifies a PASSID webhook delivery and returns the typed event. Throws a
 * `WebhookVerificationError` (with a machine-readable `reason`) for anything that is not a
 * fresh, authentic event; answer those with 400. Throws `PassidConfigError` for a bad
 * `toleranceSeconds`.
 *
 * Order: configuration, body type, signature format, HMAC (constant time), JSON and schema,
 * then freshness. Nothing in the payload is trusted before the HMAC matched.
 */
export function verifyWebhook(options: VerifyWebhookOptions): WebhookEvent {
  const { rawBody, signature, secret } = options;
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  checkTolerance(toleranceSeconds);
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new WebhookVerificationError(
      'MISSING_SECRET',
      'No webhook secret given. Read it from an environment variable (e.g. PASSID_WEBHOOK_SECRET).',
    );
  }
  const bytes = toBytes(rawBody);
  const received = parseSignature(signature);
  const expected = createHmac('sha256', secret).update(bytes).digest();
  if (!constantTimeEqual(received, expected)) {
    throw new WebhookVerificationError(
      'SIGNATURE_MISMATCH',
      'The signature does not match the body. Check the secret, and verify the raw bytes ' +
        '(express.raw()), not re-serialised JSON.',
    );
  }

  const event = parseEvent(bytes);
  const now = (options.now ?? Date.now)();
  if (!Number.isFinite(now)) {
    throw new PassidConfigError(`now() must return milliseconds since the epoch (got ${String(now)}).`);
  }
  const createdAt = Date.parse(event.createdAt);
  // A NaN age would pass both comparisons below: an unreadable time is never fresh.
  if (!Number.isFinite(createdAt)) {
    throw new WebhookVerificationError('INVALID_PAYLOAD', "The event's createdAt is not a readable timestamp.");
  }
  const ageMs = now - createdAt;
  const toleranceMs = toleranceSeconds * 1000;
  if (ageMs > toleranceMs) {
    throw new WebhookVerificationError(
      'TIMESTAMP_TOO_OLD',
      `The event's createdAt is more than ${toleranceSeconds} s old (a replay, or a clock problem).`,
    );
  }
  if (-ageMs > toleranceMs) {
    throw new WebhookVerificationError(
      'TIMESTAMP_IN_FUTURE',
      `The event's createdAt is more than ${toleranceSeconds} s in the future; check this server's clock.`,
    );
  }
  return event;
}
