/**
 * The plain constants of the pasby proxy's browser contract (docs/pasby.md, "The proxy's
 * browser contract"): no valibot, so the browser entry can import them without the schemas.
 */

/** The three ways to start a pasby identification. */
export const PASBY_MODES = ['wildcard', 'same-device', 'different-device'] as const;
export type PasbyMode = (typeof PASBY_MODES)[number];

/** The claim keys an identification may ask for, in the order a summary shows them. */
export const PASBY_CLAIM_KEYS = [
  'naming.given',
  'naming.middle',
  'naming.family',
  'contact.email',
  'bio.birthdate',
  'bio.gender',
  'bio.birthnumber',
  'nationality.primary',
  'nationality.residence',
] as const;
export type PasbyClaimKey = (typeof PASBY_CLAIM_KEYS)[number];

/** What `GET {endpoint}/session/:handle` says of a session. */
export const PASBY_SESSION_STATUSES = ['pending', 'completed', 'declined', 'expired'] as const;
export type PasbySessionStatus = (typeof PASBY_SESSION_STATUSES)[number];
