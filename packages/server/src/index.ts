export {
  computeSignature,
  constantTimeEqual,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
} from './webhook.js';
export type { RawBody, VerifyWebhookOptions } from './webhook.js';
export { createMemoryDedupeStore, createWebhookDeduplicator } from './dedupe.js';
export type {
  DedupeStore,
  MemoryDedupeStoreOptions,
  OnceResult,
  WebhookDeduplicator,
  WebhookDeduplicatorOptions,
} from './dedupe.js';
export { PassidApiError, PassidConfigError, WebhookVerificationError } from './errors.js';
export type { PassidApiErrorKind, WebhookVerificationReason } from './errors.js';
