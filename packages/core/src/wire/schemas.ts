/**
 * The PASSID bridge API wire contract: every request and response body as a valibot schema.
 *
 * This is the one place the wire types are written. `@passid/core` validates every response
 * with them, `apps/sandbox` validates every request with them, and `@passid/server` reuses
 * them. See `docs/bridge-api.md`.
 */
import * as v from 'valibot';

/** The seven permissions an institution can request (the guide's claims reference). */
export const PERMISSIONS = [
  'full_score',
  'income_verified',
  'identity_verified',
  'sanctions_clear',
  'payment_reliability',
  'savings_consistency',
  'fraud_risk',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Why `POST /api/bridge/verify` refused a token. */
export const DENY_REASONS = [
  'TOKEN_NOT_FOUND',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'TOKEN_ALREADY_USED',
  'INSTITUTION_MISMATCH',
  'HARD_DENY_SANCTIONS_MATCH',
] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

/** Lifecycle of a QR verification request on the bridge. */
export const REQUEST_STATUSES = ['pending', 'completed', 'declined', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

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

export const TIERS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Tier = (typeof TIERS)[number];

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

const isoDate = v.pipe(v.string(), v.isoTimestamp());
const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const PermissionSchema = v.picklist(PERMISSIONS);
export const DenyReasonSchema = v.picklist(DENY_REASONS);
export const RequestStatusSchema = v.picklist(REQUEST_STATUSES);
export const OutcomeSchema = v.picklist(OUTCOMES);
export const TierSchema = v.picklist(TIERS);

/**
 * The proven claims. Only the claims of the granted permissions are present, plus
 * `corridor` and `decision`. Unknown keys from a newer server are dropped, never rendered.
 */
export const ClaimsSchema = v.object({
  fsi_score: v.optional(v.pipe(v.number(), v.minValue(300), v.maxValue(850))),
  fsi_low: v.optional(v.number()),
  fsi_high: v.optional(v.number()),
  tier: v.optional(TierSchema),
  confidence: v.optional(unit),
  p_stable: v.optional(unit),
  income_verified: v.optional(v.boolean()),
  income_band: v.optional(v.string()),
  identity_verified: v.optional(v.boolean()),
  sanctions_clear: v.optional(v.boolean()),
  payment_reliability: v.optional(unit),
  savings_consistency: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
  fraud_risk: v.optional(v.picklist(['low', 'medium', 'high'])),
  corridor: v.optional(v.string()),
  decision: v.optional(v.picklist(['approved', 'review'])),
});
export type Claims = v.InferOutput<typeof ClaimsSchema>;

// ---------------------------------------------------------------- errors

export const ErrorEnvelopeSchema = v.object({
  error: v.object({ code: v.string(), message: v.string() }),
});
export type ErrorEnvelope = v.InferOutput<typeof ErrorEnvelopeSchema>;

// ---------------------------------------------------------------- institution endpoints

/** Body of `POST /api/bridge/request`. */
export const CreateRequestBodySchema = v.strictObject({
  institutionName: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80))),
  permissions: v.optional(v.pipe(v.array(PermissionSchema), v.minLength(1))),
  ttlSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(3600))),
});
export type CreateRequestBody = v.InferInput<typeof CreateRequestBodySchema>;

/** 201 of `POST /api/bridge/request`. */
export const CreateRequestResponseSchema = v.object({
  requestId: v.string(),
  code: v.string(),
  deepLink: v.string(),
  expiresAt: isoDate,
  status: v.literal('pending'),
  serverTime: isoDate,
});
export type CreateRequestResponse = v.InferOutput<typeof CreateRequestResponseSchema>;

/** 200 of `GET /api/bridge/request/:requestId` (the endpoint the component polls). */
export const RequestStatusResponseSchema = v.object({
  requestId: v.string(),
  code: v.string(),
  status: RequestStatusSchema,
  permissions: v.array(PermissionSchema),
  createdAt: isoDate,
  expiresAt: isoDate,
  serverTime: isoDate,
  claims: v.optional(ClaimsSchema),
  verifiedAt: v.optional(isoDate),
  declineReason: v.optional(v.string()),
  /**
   * The one-time share token the wallet made to fulfil this request (only when `completed`).
   * It is already used (recorded as verified by this institution), so it cannot be verified
   * again; it is what `POST /api/bridge/outcome` takes to report an outcome for a QR flow.
   */
  token: v.optional(v.string()),
});
export type RequestStatusResponse = v.InferOutput<typeof RequestStatusResponseSchema>;

/** Body of `POST /api/bridge/verify`. */
export const VerifyBodySchema = v.strictObject({
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
});
export type VerifyBody = v.InferInput<typeof VerifyBodySchema>;

/** 200 of `POST /api/bridge/verify`: approved or denied. */
export const VerifyResponseSchema = v.variant('verified', [
  v.object({
    verified: v.literal(true),
    token: v.string(),
    claims: ClaimsSchema,
    proofType: v.literal('share_token'),
    verifiedAt: isoDate,
  }),
  v.object({
    verified: v.literal(false),
    token: v.string(),
    denyReason: DenyReasonSchema,
  }),
]);
export type VerifyResponse = v.InferOutput<typeof VerifyResponseSchema>;

/** Body of `POST /api/bridge/outcome`. `other` requires `notes`. */
export const OutcomeBodySchema = v.pipe(
  v.strictObject({
    token: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    outcome: OutcomeSchema,
    productType: v.optional(v.pipe(v.string(), v.maxLength(80))),
    amount: v.optional(v.pipe(v.number(), v.minValue(0))),
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
export const OutcomeResponseSchema = v.object({
  outcomeId: v.string(),
  token: v.string(),
  outcome: OutcomeSchema,
  fsiScore: v.nullable(v.number()),
  reportedAt: isoDate,
});
export type OutcomeResponse = v.InferOutput<typeof OutcomeResponseSchema>;

/** 200 of `GET /api/bridge/cohorts`. */
export const CohortsResponseSchema = v.object({
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
export const PublicRequestResponseSchema = v.object({
  requestId: v.string(),
  institutionName: v.string(),
  permissions: v.array(PermissionSchema),
  expiresAt: isoDate,
  status: v.literal('pending'),
});
export type PublicRequestResponse = v.InferOutput<typeof PublicRequestResponseSchema>;

/** Body of `POST /api/bridge/request/:id/decline`. */
export const DeclineBodySchema = v.strictObject({
  reason: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export type DeclineBody = v.InferInput<typeof DeclineBodySchema>;

export const WalletStatusResponseSchema = v.object({
  status: v.picklist(['completed', 'declined']),
});
export type WalletStatusResponse = v.InferOutput<typeof WalletStatusResponseSchema>;

// ---------------------------------------------------------------- sandbox-only endpoints

export const SANDBOX_PERSONAS = ['amina', 'chidi', 'kwame', 'zed'] as const;
export type SandboxPersona = (typeof SANDBOX_PERSONAS)[number];

export const WalletLoginBodySchema = v.strictObject({ persona: v.picklist(SANDBOX_PERSONAS) });
export const WalletLoginResponseSchema = v.object({ jwt: v.string() });
export const WalletShareBodySchema = v.strictObject({
  permissions: v.optional(v.pipe(v.array(PermissionSchema), v.minLength(1))),
  institutionId: v.optional(v.string()),
});
export const WalletShareResponseSchema = v.object({ token: v.string(), expiresAt: isoDate });
export const WalletRevokeBodySchema = v.strictObject({ token: v.pipe(v.string(), v.minLength(1)) });
export const WebhookEndpointBodySchema = v.strictObject({
  url: v.pipe(v.string(), v.url()),
});
export const WebhookEndpointResponseSchema = v.object({ url: v.string(), secret: v.string() });

// ---------------------------------------------------------------- webhooks

/** The envelope of every webhook event. `createdAt` is stamped afresh on each attempt. */
export const WebhookEventSchema = v.object({
  id: v.string(),
  type: v.picklist(WEBHOOK_EVENT_TYPES),
  createdAt: isoDate,
  institutionId: v.string(),
  data: v.record(v.string(), v.unknown()),
});
export type WebhookEvent = v.InferOutput<typeof WebhookEventSchema>;
