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
export type * from './flow/types.js';

// Errors
export { PassidError, isPassidError, isTransientError, parseRetryAfter, redact, toPassidError } from './errors.js';
export type { PassidErrorInit } from './errors.js';

// Bridge client
export { createBridgeClient, DEFAULT_BASE_URL } from './providers/passid/client.js';
export type { BridgeClient, BridgeClientOptions, CallOptions } from './providers/passid/client.js';

// Tokens and codes
export { normalizeToken, normalizeCode, maskToken } from './providers/passid/tokens.js';
export type { NormalizeResult } from './providers/passid/tokens.js';

// Machine
export { transition, initialState, isSanctionsHit } from './flow/machine.js';
export type { VerifyMachineEvent, VerifyEventType } from './flow/machine.js';

// Polling and retry
export { pollUntil, retryTransient, backoffDelay, sleep, defaultClock } from './transport/poll.js';
export type { PollOptions, RetryOptions, BackoffOptions, PollStep } from './transport/poll.js';

// Transport
export { createPassidTransport, outcomeOf, toDeclineCode } from './providers/passid/transport.js';
export type { PassidTransportOptions, SessionChecker } from './providers/passid/transport.js';

// Controller
export { createPassidController, configurationError } from './flow/controller.js';
export type { PassidController } from './flow/controller.js';

// Texts and view
// (French: `@passid/core/locales/fr`.)
export { en, CLAIM_ROW_KEYS, resolveMessages, formatMessage } from './i18n/messages.js';
export type { Messages, MessageOverrides, Locale, ClaimRowKey } from './i18n/messages.js';
export {
  connect,
  claimRows,
  declineText,
  errorText,
  formatCountdown,
  secondsLeft,
} from './providers/passid/connect.js';
export type { VerifyView, ClaimRow, ClaimTone, ConnectOptions, FocusTarget } from './providers/passid/connect.js';
