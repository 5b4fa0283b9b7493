/**
 * Identifier formats of the bridge API (see `docs/bridge-api.md`, "Identifiers and formats").
 * Shared by the client (normalisation) and the sandbox (generation).
 */

/** Alphabet of request codes and share tokens: no 0, O, 1 or I. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Prefix of wallet-made share tokens (`PASSID-XXXX-XXXX-XXXX-XXXX`). */
export const SHARE_TOKEN_PREFIX = 'PASSID-';

/** Scheme and path of the deep link the QR code carries. */
export const DEEP_LINK_BASE = 'passid://verify-request';

/** Builds `passid://verify-request?r=<requestId>&i=<institutionId>`. */
export function buildDeepLink(requestId: string, institutionId: string): string {
  const params = new URLSearchParams({ r: requestId, i: institutionId });
  return `${DEEP_LINK_BASE}?${params.toString()}`;
}
