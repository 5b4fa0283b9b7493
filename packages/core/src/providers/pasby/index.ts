/**
 * `@passid/core/pasby`: pasby e-ID on the neutral flow, for the browser. A separate entry, so
 * a PASSID-only bundle carries none of it. It talks only to the institution's
 * `createPasbyProxy` (`@passid/server/pasby`) through `endpoint`: pasby's keys, secret and
 * private key never reach the browser. Other languages: `@passid/core/pasby/locales/<code>`.
 */

// Controller
export { createPasbyController } from './controller.js';
export type { PasbyController } from './controller.js';
export type { PasbyControllerOptions, PasbyDeclineCode, PasbyEvent, PasbyOutcome, PasbyParams, PasbySession, PasbyState, PasbyTransport } from './types.js';

// Machine
export { pasbyTransition, initialPasbyState } from './machine.js';
export type { PasbyMachineEvent } from './machine.js';

// Transport and client
export { createPasbyTransport, outcomeOf as pasbyOutcomeOf } from './transport.js';
export type { PasbyTransportOptions } from './transport.js';
export { createPasbyClient } from './client.js';
export type { PasbyClient, PasbyClientOptions } from './client.js';
export { SEED_INTERVAL_MS, pickSeed, rotateSeeds } from './seeds.js';
export type { SeedRotation } from './seeds.js';

// Options and input
export { pasbyConfigurationError } from './options.js';
export { normalizeNin } from './nin.js';

// Wire (the proxy's browser contract) and its compiled checks
export { PASBY_CLAIM_KEYS, PASBY_MODES, PASBY_SESSION_STATUSES } from './wire/constants.js';
export type { PasbyClaimKey, PasbyMode, PasbySessionStatus } from './wire/constants.js';
export type { PasbyClaims, PasbySessionCreated, PasbySessionView } from './wire/schemas.js';
export { isPasbySessionCreated, isPasbySessionView } from './wire/checks.gen.js';

// Texts and view
export { pasbyEn, resolvePasbyMessages } from './messages.js';
export type { PasbyLocale, PasbyMessageOverrides, PasbyMessages } from './messages.js';
export { connectPasby, pasbyClaimRows, pasbyErrorText } from './connect.js';
export type { PasbyClaimRow, PasbyConnectOptions, PasbyFocusTarget, PasbyView } from './connect.js';

// The neutral pieces a pasby UI uses too (the very objects of `@passid/core`)
export { PassidError, isPassidError, formatMessage } from '@passid/core';
export type { Clock, Connection, FlowStatus, InputError, NetworkWatch, PassidErrorKind, WatchMode } from '@passid/core';
