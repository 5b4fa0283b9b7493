/**
 * The PASSID bridge API wire contract, server half: the request bodies the sandbox and
 * `@passid/server` validate, and the responses no browser reads (outcomes, cohorts, the
 * wallet's and the sandbox's endpoints, webhooks). Published as `@passid/core/wire` (with
 * `schemas.ts` and `format.ts`), so none of it reaches a browser bundle of the widget.
 */
import * as v from 'valibot';
import { IsoTimestampSchema, PermissionSchema, TierSchema } from './schemas.js';
import { TTL_SECONDS } from './constants.js';

/** What an institution reports happened after a PASSID-verified decision. */
export const OUTCOMES = [
  'repaid',
  'no_default',
  'delinquent',
  'defaulted',
  'fraud_confirmed',
  'account_closed',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const WEBHOOK_EVENT_TYPES = [
  'verification.completed',
  'verification.denied',
  'outcome.reported',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Error codes of the error envelope. */
export const API_ERROR_CODES = [
  'INVALID_REQUEST',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'GONE',
  'PAYLOAD_TOO_LARGE',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * The codes the proxies of `@passid/server` answer besides the bridge's own: refusals of
 * their own (method, media type, cross-site, pasby modes and identities) and upstream
 * failures. With `API_ERROR_CODES`, every `{ error: { code } }` the kit sends.
 */
export const PROXY_ERROR_CODES = [
  'FORBIDDEN',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_ERROR',
  'MODE_NOT_ALLOWED',
  'NOT_ON_PASBY',
  'DECRYPTION_FAILED',
] as const;
/** Every error code of the kit: the bridge's, and the proxies' own. */
export type ErrorCode = ApiErrorCode | (typeof PROXY_ERROR_CODES)[number];

export const OutcomeSchema = /*#__PURE__*/ v.picklist(OUTCOMES);

// ---------------------------------------------------------------- institution endpoints

/** Body of `POST /api/bridge/request`. */
export const CreateRequestBodySchema = /*#__PURE__*/ v.strictObject({
  institutionName: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80))),
  permissions: v.optional(v.pipe(v.array(PermissionSchema), v.minLength(1))),
  ttlSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(TTL_SECONDS.min), v.maxValue(TTL_SECONDS.max))),
});
export type CreateRequestBody = v.InferInput<typeof CreateRequestBodySchema>;

/** Body of `POST /api/bridge/verify`. */
export const VerifyBodySchema = /*#__PURE__*/ v.strictObject({
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
});
export type VerifyBody = v.InferInput<typeof VerifyBodySchema>;

/** Body of `POST /api/bridge/outcome`. `other` requires `notes`. */
export const OutcomeBodySchema = /*#__PURE__*/ v.pipe(
  v.strictObject({
    token: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    outcome: OutcomeSchema,
    productType: v.optional(v.pipe(v.string(), v.maxLength(80))),
    amount: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
    currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/))),
    notes: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  }),
  v.check(
    (body) => body.outcome !== 'other' || (body.notes ?? '').trim().length > 0,
    'notes is required when outcome is "other"',
  ),
);
export type OutcomeBody = v.InferInput<typeof OutcomeBodySchema>;

/** 201 of `POST /api/bridge/outcome`. */
export const OutcomeResponseSchema = /*#__PURE__*/ v.object({
  outcomeId: v.string(),
  token: v.string(),
  outcome: OutcomeSchema,
  fsiScore: v.nullable(v.number()),
  reportedAt: IsoTimestampSchema,
});
export type OutcomeResponse = v.InferOutput<typeof OutcomeResponseSchema>;

/** 200 of `GET /api/bridge/cohorts`. */
export const CohortsResponseSchema = /*#__PURE__*/ v.object({
  tiers: v.array(
    v.object({
      tier: TierSchema,
      verified: v.number(),
      outcomes: v.record(OutcomeSchema, v.number()),
      defaultRate: v.nullable(v.number()),
    }),
  ),
});
export type CohortsResponse = v.InferOutput<typeof CohortsResponseSchema>;

// ---------------------------------------------------------------- public / wallet endpoints

/** 200 of `GET /api/bridge/request/:id/public` and `GET /api/bridge/request/by-code/:code`. */
export const PublicRequestResponseSchema = /*#__PURE__*/ v.object({
  requestId: v.string(),
  institutionName: v.string(),
  permissions: v.array(PermissionSchema),
  expiresAt: IsoTimestampSchema,
  status: v.literal('pending'),
});
export type PublicRequestResponse = v.InferOutput<typeof PublicRequestResponseSchema>;

/** Body of `POST /api/bridge/request/:id/decline`. */
export const DeclineBodySchema = /*#__PURE__*/ v.strictObject({
  reason: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export type DeclineBody = v.InferInput<typeof DeclineBodySchema>;

export const WalletStatusResponseSchema = /*#__PURE__*/ v.object({
  status: v.picklist(['completed', 'declined']),
});
export type WalletStatusResponse = v.InferOutput<typeof WalletStatusResponseSchema>;

// ---------------------------------------------------------------- sandbox-only endpoints

export const SANDBOX_PERSONAS = ['amina', 'chidi', 'kwame', 'zed'] as const;
export type SandboxPersona = (typeof SANDBOX_PERSONAS)[number];

export const WalletLoginBodySchema = /*#__PURE__*/ v.strictObject({ persona: v.picklist(SANDBOX_PERSONAS) });
export const WalletLoginResponseSchema = /*#__PURE__*/ v.object({ jwt: v.string() });
export const WalletShareBodySchema = /*#__PURE__*/ v.strictObject({
  permissions: v.optional(v.pipe(v.array(PermissionSchema), v.minLength(1))),
  institutionId: v.optional(v.string()),
});
export const WalletShareResponseSchema = /*#__PURE__*/ v.object({ token: v.string(), expiresAt: IsoTimestampSchema });
export const WalletRevokeBodySchema = /*#__PURE__*/ v.strictObject({ token: v.pipe(v.string(), v.minLength(1)) });
export const WebhookEndpointBodySchema = /*#__PURE__*/ v.strictObject({
  url: v.pipe(v.string(), v.url()),
});
export const WebhookEndpointResponseSchema = /*#__PURE__*/ v.object({ url: v.string(), secret: v.string() });

// ---------------------------------------------------------------- webhooks

/** The envelope of every webhook event. `createdAt` is stamped afresh on each attempt. */
export const WebhookEventSchema = /*#__PURE__*/ v.object({
  id: v.string(),
  type: v.picklist(WEBHOOK_EVENT_TYPES),
  createdAt: IsoTimestampSchema,
  institutionId: v.string(),
  data: v.record(v.string(), v.unknown()),
});
export type WebhookEvent = v.InferOutput<typeof WebhookEventSchema>;
