/**
 * The PASSID bridge API wire contract, browser half: the responses `@passid/core` validates
 * (create request, request status, verify, error envelope) and the claims. This is the one
 * place these wire types are written; the bodies the servers validate and the other
 * endpoints' responses are in `server.ts` (the `@passid/core/wire` entry, which re-exports
 * this file too). See `docs/bridge-api.md`.
 *
 * The browser does not run these schemas: `checks.gen.ts` is compiled from them at build time
 * (`pnpm gen:checks`), so validation costs the bundle about 1 KB instead of valibot's 2.6 KB.
 * They may use only what compiles: object, optional, array, picklist, literal,
 * string, number, boolean, union (of objects told apart by a literal key), and the actions
 * regex (no flags), minValue, maxValue, finite; the
 * generator refuses anything else (a `v.check` would silently vanish). Every schema is built
 * in a call annotated pure, so a bundler drops the ones a bundle does not use.
 */
import * as v from 'valibot';

import { DENY_REASONS, ISO_TIMESTAMP, PERMISSIONS, REQUEST_STATUSES, TIERS } from './constants.js';

export * from './constants.js';

export const IsoTimestampSchema = /*#__PURE__*/ v.pipe(v.string(), v.regex(ISO_TIMESTAMP));
/** A number in [lo, hi]. */
const range = (lo: number, hi: number) => /*#__PURE__*/ v.pipe(v.number(), v.minValue(lo), v.maxValue(hi));
/** A finite number (`JSON.parse('1e400')` is Infinity: refused, as the compiled checks refuse it). */
const finite = /*#__PURE__*/ v.pipe(v.number(), v.finite());
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
  fsi_low: v.optional(finite),
  fsi_high: v.optional(finite),
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
