/**
 * The PASSID bridge API wire contract, browser half: the responses `@passid/core` validates
 * (create request, request status, verify, error envelope) and the claims. This is the one
 * place these wire types are written; the bodies the servers validate and the other
 * endpoints' responses are in `server.ts` (the `@passid/core/wire` entry, which re-exports
 * this file too). See `docs/bridge-api.md`.
 *
 * Every schema is built in a call annotated pure, so a bundler drops the ones a bundle
 * does not use.
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

export const TIERS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Tier = (typeof TIERS)[number];

/** An ISO 8601 timestamp string that `Date.parse` reads (a form it cannot read is refused). */
const ISO = /^\d{4}-(?:0[1-9]|1[0-2])-(?:[12]\d|0[1-9]|3[01])[T ](?:[01]\d|2[0-3])(?::[0-5]\d){2}(?:\.\d{1,9})?(?:Z| ?[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/;
export const IsoTimestampSchema = /*#__PURE__*/ v.pipe(v.string(), v.check((s) => ISO.test(s) && !Number.isNaN(Date.parse(s))));
/** A number in [lo, hi]. */
const range = (lo: number, hi: number) => /*#__PURE__*/ v.pipe(v.number(), v.check((n) => n >= lo && n <= hi));
const unit = /*#__PURE__*/ range(0, 1);

export const PermissionSchema = /*#__PURE__*/ v.picklist(PERMISSIONS);
export const DenyReasonSchema = /*#__PURE__*/ v.picklist(DENY_REASONS);
export const RequestStatusSchema = /*#__PURE__*/ v.picklist(REQUEST_STATUSES);
export const TierSchema = /*#__PURE__*/ v.picklist(TIERS);

/**
 * The proven claims. Only the claims of the granted permissions are present, plus
 * `corridor` and `decision`. Unknown keys from a newer server are dropped, never rendered.
 */
export const ClaimsSchema = /*#__PURE__*/ v.object({
  fsi_score: v.optional(range(300, 850)),
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
  savings_consistency: v.optional(range(0, 100)),
  fraud_risk: v.optional(v.picklist(['low', 'medium', 'high'])),
  corridor: v.optional(v.string()),
  decision: v.optional(v.picklist(['approved', 'review'])),
});
export type Claims = v.InferOutput<typeof ClaimsSchema>;

// ---------------------------------------------------------------- errors

export const ErrorEnvelopeSchema = /*#__PURE__*/ v.object({
  error: v.object({ code: v.string(), message: v.string() }),
});
export type ErrorEnvelope = v.InferOutput<typeof ErrorEnvelopeSchema>;

// ---------------------------------------------------------------- what the browser reads

/** 201 of `POST /api/bridge/request`. */
export const CreateRequestResponseSchema = /*#__PURE__*/ v.object({
  requestId: v.string(),
  code: v.string(),
  deepLink: v.string(),
  expiresAt: IsoTimestampSchema,
  status: v.literal('pending'),
  serverTime: IsoTimestampSchema,
});
export type CreateRequestResponse = v.InferOutput<typeof CreateRequestResponseSchema>;

/** 200 of `GET /api/bridge/request/:requestId` (the endpoint the component polls). */
export const RequestStatusResponseSchema = /*#__PURE__*/ v.object({
  requestId: v.string(),
  code: v.string(),
  status: RequestStatusSchema,
  permissions: v.array(PermissionSchema),
  createdAt: IsoTimestampSchema,
  expiresAt: IsoTimestampSchema,
  serverTime: IsoTimestampSchema,
  claims: v.optional(ClaimsSchema),
  verifiedAt: v.optional(IsoTimestampSchema),
  declineReason: v.optional(v.string()),
  /**
   * The one-time share token the wallet made to fulfil this request (only when `completed`).
   * It is already used (recorded as verified by this institution), so it cannot be verified
   * again; it is what `POST /api/bridge/outcome` takes to report an outcome for a QR flow.
   */
  token: v.optional(v.string()),
});
export type RequestStatusResponse = v.InferOutput<typeof RequestStatusResponseSchema>;

/** 200 of `POST /api/bridge/verify`: approved or denied. */
export const VerifyResponseSchema = /*#__PURE__*/ v.union([
  v.object({
    verified: v.literal(true),
    token: v.string(),
    claims: ClaimsSchema,
    proofType: v.literal('share_token'),
    verifiedAt: IsoTimestampSchema,
  }),
  v.object({
    verified: v.literal(false),
    token: v.string(),
    denyReason: DenyReasonSchema,
  }),
]);
export type VerifyResponse = v.InferOutput<typeof VerifyResponseSchema>;
