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
  DedupeClaim,
  DedupeStore,
  MemoryDedupeStoreOptions,
  OnceResult,
  WebhookDeduplicator,
  WebhookDeduplicatorOptions,
} from './dedupe.js';
export { PassidApiError, PassidConfigError, PassidStoreError, WebhookVerificationError } from './errors.js';
export type { WebhookVerificationReason } from './errors.js';
export { createPassidClient } from './client.js';
export type { CallOptions, OutcomeOptions, PassidClient, PassidClientOptions, VerifyOptions, VerifyResult } from './client.js';
export { createPassidProxy } from './proxy.js';
export { errorResponse } from './proxy-errors.js';
export type { PassidProxyHandler, PassidProxyOptions, ProxyAuthorizeContext } from './proxy.js';
export { createMemoryRateLimitStore, trustForwardedFor } from './rate-limit.js';
export type {
  MemoryRateLimitStore,
  MemoryRateLimitStoreOptions,
  ProxyRateLimitOptions,
  RateLimitResult,
  RateLimitRule,
  RateLimitStore,
} from './rate-limit.js';
export { toNodeHandler } from './node.js';
export type { NodeHandler, NodeHandlerOptions } from './node.js';
export { DEFAULT_BASE_URL, INSTITUTION_KEY_HEADER, readBodyWithLimit } from './http.js';
export type {
  CohortsResponse,
  CreateRequestBody,
  CreateRequestResponse,
  OutcomeBody,
  OutcomeResponse,
  Permission,
  RequestStatusResponse,
  VerifyResponse,
  WebhookEvent,
  WebhookEventType,
} from '@passid/core/wire';
