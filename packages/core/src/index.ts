// Wire contract: the constants and types of what the browser reads, and the checks compiled
// from the valibot schemas (no valibot here). The schemas themselves, and the rest (request
// bodies, outcomes, cohorts, wallet, sandbox, webhooks), are in `@passid/core/wire`.
export { PERMISSIONS, DENY_REASONS, REQUEST_STATUSES, TIERS, ISO_TIMESTAMP, TTL_SECONDS, isValidTtl } from './wire/constants.js';
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
// The walker of the compiled checks, for a provider's own specs (pasby's are in its entry)
export { conform } from './wire/conform.js';
export type { Spec } from './wire/conform.js';
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

// The neutral flow: states, sessions, progress, outcomes (any provider)
export type * from './flow/types.js';
export { createFlowController } from './flow/controller.js';
export type { FlowController, FlowOptions, FlowProvider, Normalized } from './flow/controller.js';
export { createTransition, initialFlowState } from './flow/machine.js';
export type { FlowMachineEvent, FlowRules } from './flow/machine.js';
export { EFFECTS } from './flow/effects.js';
export type { Effect, EffectScope, Cleanup, Submission } from './flow/effects.js';
export type { FlowTransport, WatchContext } from './transport/port.js';

// PASSID's public contracts
export type * from './providers/passid/types.js';

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
export { transition, initialState, isSanctionsHit } from './providers/passid/machine.js';
export type { VerifyMachineEvent, VerifyEventType } from './providers/passid/machine.js';

// The retry rule (shared with @passid/server), polling, push and the network
export {
  retryDelay,
  backoffDelay,
  sleep,
  withTimeout,
  defaultClock,
  MAX_RETRY_AFTER_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './transport/retry.js';
export type { BackoffOptions } from './transport/retry.js';
export { watchSession, pollUntil, retryTransient, HIDDEN_POLL_INTERVAL_MS } from './transport/watch.js';
export type { WatchOptions, PollOptions, PollStep, RetryOptions } from './transport/watch.js';
export { readEvents, STREAM_IDLE_MS, STREAM_MAX_BYTES } from './transport/stream.js';
export type { ReadEventsOptions, EventSourceMessage } from './transport/stream.js';
export { browserNetwork } from './transport/network.js';

// Transport
export { createPassidTransport, outcomeOf, toDeclineCode } from './providers/passid/transport.js';
export type { PassidTransportOptions, SessionChecker } from './providers/passid/transport.js';

// Controller
export { createPassidController } from './providers/passid/controller.js';
export type { PassidController } from './providers/passid/controller.js';
export { configurationError, isLiveKey } from './providers/passid/options.js';

// Texts and view
// (Other languages: `@passid/core/locales/<code>`, one entry each: fr, sw, ha, yo, ig, ar.)
export { en, CLAIM_ROW_KEYS, resolveMessages, formatMessage } from './i18n/messages.js';
export type { Messages, MessageOverrides, Locale, ClaimRowKey, Template } from './i18n/messages.js';
export {
  connect,
  claimRows,
  declineText,
  errorText,
  formatCountdown,
  secondsLeft,
  tierTone,
} from './providers/passid/connect.js';
export type { VerifyView, ClaimRow, ClaimTone, ConnectOptions, FocusTarget } from './providers/passid/connect.js';
