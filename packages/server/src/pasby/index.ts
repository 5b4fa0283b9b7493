/**
 * `@passid/server/pasby`: pasby e-ID for the institution's backend — a typed client (v2 and v1),
 * claim decryption, and the browser proxy. A subpath of its own, so a PASSID-only backend never
 * loads node-forge. See README.md ("pasby") and docs/pasby.md.
 */
export { createPasbyClient } from './client.js';
export type { PasbyCallOptions, PasbyClient, PasbyClientOptions, PasbyEventsOptions } from './client.js';
export type { FlowEventStream } from './sse.js';
export { decryptPasbyClaims, parsePasbyPrivateKey } from './decrypt.js';
export type { DecryptedClaims, PasbyPrivateKey } from './decrypt.js';
export { PasbyApiError, PasbyDecryptionError } from './errors.js';
export type { PasbyErrorCode } from './errors.js';
export { createPasbyProxy } from './proxy.js';
export type { PasbyProxyAuthorizeContext, PasbyProxyHandler, PasbyProxyOptions, PasbySessionCreated } from './proxy.js';
export type { PasbySessionStatus, PasbySessionView } from './view.js';
export { PASBY_ACTIONS, PASBY_CLAIM_KEYS, PASBY_LIVE_URL, PASBY_MODES } from './types.js';
export type {
  PasbyAction,
  PasbyClaimKey,
  PasbyClaims,
  PasbyEncryptedClaims,
  PasbyFlow,
  PasbyFlowEvent,
  PasbyIdentificationBody,
  PasbyIdentificationModel,
  PasbyMode,
} from './types.js';
