/**
 * The wire contract's plain constants: no valibot, so the browser entry can import them
 * without pulling the schemas in. `schemas.ts` builds the schemas from these.
 */

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

/**
 * The claim keys each permission releases (docs/bridge-api.md, "Permissions and claims").
 * Every set of claims also carries `ALWAYS_CLAIMS`.
 */
export const PERMISSION_CLAIMS = {
  full_score: ['fsi_score', 'fsi_low', 'fsi_high', 'tier', 'confidence', 'p_stable'],
  income_verified: ['income_verified', 'income_band'],
  identity_verified: ['identity_verified'],
  sanctions_clear: ['sanctions_clear'],
  payment_reliability: ['payment_reliability'],
  savings_consistency: ['savings_consistency'],
  fraud_risk: ['fraud_risk'],
} as const satisfies Record<Permission, readonly string[]>;

/** Claims that come with every set of claims, whatever the permissions. */
export const ALWAYS_CLAIMS = ['corridor', 'decision'] as const;

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

/**
 * An ISO 8601 timestamp in ECMAScript's date-time string format (`YYYY-MM-DDTHH:mm:ss`, an
 * optional fraction of 1–9 digits, `Z` or `±HH:mm`), the form `Date.parse` is specified to
 * read. `checks.test.ts` proves V8 reads every string of this form. Forms engines read
 * differently (a space for `T`, `+0100`, `+01`) are refused. A day the month does not have
 * (`2026-02-31`) still passes here; an engine that cannot read it gives NaN, and the
 * controller then fails the session with `invalid_response` instead of counting down.
 */
export const ISO_TIMESTAMP =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:[12]\d|0[1-9]|3[01])T(?:[01]\d|2[0-3])(?::[0-5]\d){2}(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Lifetime of a QR request in seconds: the bounds and the default of `ttlSeconds`. */
export const TTL_SECONDS = { min: 60, max: 3600, default: 600 } as const;

/** True for a whole number of seconds a QR request may live. */
export const isValidTtl = (ttl: unknown): ttl is number =>
  Number.isInteger(ttl) && (ttl as number) >= TTL_SECONDS.min && (ttl as number) <= TTL_SECONDS.max;
