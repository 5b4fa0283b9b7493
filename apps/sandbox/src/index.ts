/**
 * `@passid/sandbox`: a local PASSID bridge server (Hono + SQLite) that implements the whole
 * bridge API deterministically. See README.md and docs/bridge-api.md.
 */
export { startSandbox } from './server.js';
export type { SandboxOptions, RunningSandbox } from './server.js';
export { signWebhookPayload, RETRY_DELAYS_S, MAX_ATTEMPTS } from './webhooks.js';
export { FIXTURE_TOKENS, DENY_FIXTURES, PERSONAS, INSTITUTIONS, claimsFor } from './fixtures.js';
export type { Persona, ClaimsProfile, SandboxInstitution } from './fixtures.js';
export { createApp } from './app.js';
export { createContext } from './context.js';
export type { SandboxContext } from './context.js';
export { normalizeToken, normalizeCode } from './ids.js';
export { PASBY_APPS, PASBY_CLAIMS, PASBY_PERSONAS } from './pasby/index.js';
export type { PasbyApp, PasbyClaim, PasbyOptions, PasbyPersona } from './pasby/index.js';
