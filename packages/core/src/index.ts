// Wire contract: the constants and types of what the browser reads, and the checks compiled
// from the valibot schemas (no valibot here). The schemas themselves, and the rest (request
// bodies, outcomes, cohorts, wallet, sandbox, webhooks), are in `@passid/core/wire`.
export { PERMISSIONS, DENY_REASONS, REQUEST_STATUSES, TIERS, ISO_TIMESTAMP } from './wire/constants.js';
export type {
  Claims,
  CreateRequestResponse,
  DenyReason,
  ErrorEnvelope,
  Permission,
  RequestStatus,
  RequestStatusResponse,
  Tier,
  VerifyResponse,
} from './wire/schemas.js';
export {
  CLAIM_KEYS,
  isCreateRequestResponse,
  isErrorEnvelope,
  isRequestStatusResponse,
  isVerifyResponse,
} from './wire/checks.gen.js';
export * from './wire/format.js';
export type {
  ApiErrorCode,
  CohortsResponse,
  CreateRequestBody,
  DeclineBody,
  Outcome,
  OutcomeBody,
  OutcomeResponse,
  PublicRequestResponse,
  SandboxPersona,
  VerifyBody,
  WalletStatusResponse,
  WebhookEvent,
  WebhookEventType,
} from './wire/server.js';

// Public contracts
export type * from './types.js';

// Errors
export { PassidError, isPassidError, isTransientError, parseRetryAfter, redact, toPassidError } from './errors.js';
export type { PassidErrorInit } from './errors.js';

// Bridge client
export { createBridgeClient, DEFAULT_BASE_URL } from './client.js';
export type { BridgeClient, BridgeClientOptions, CallOptions } from './client.js';

// Tokens and codes
export { normalizeToken, normalizeCode, maskToken } from './tokens.js';
export type { NormalizeResult } from './tokens.js';

// Machine
export { transition, initialState, isSanctionsHit } from './machine.js';
export type { VerifyMachineEvent, VerifyEventType } from './machine.js';

// Polling and retry
export { pollUntil, retryTransient, backoffDelay, sleep, defaultClock } from './poll.js';
export type { PollOptions, RetryOptions, BackoffOptions, PollStep } from './poll.js';

// Transport
export { createPassidTransport, outcomeOf, toDeclineCode } from './transports/passid.js';
export type { PassidTransportOptions, SessionChecker } from './transports/passid.js';

// Controller
export { createPassidController, configurationError } from './controller.js';
export type { PassidController } from './controller.js';

// Texts and view
// (French: `@passid/core/locales/fr`.)
export { en, CLAIM_ROW_KEYS, resolveMessages, formatMessage } from './messages.js';
export type { Messages, MessageOverrides, Locale, ClaimRowKey } from './messages.js';
export {
  connect,
  claimRows,
  declineText,
  errorText,
  formatCountdown,
  secondsLeft,
} from './connect.js';
export type { VerifyView, ClaimRow, ClaimTone, ConnectOptions, FocusTarget } from './connect.js';
