/**
 * `@passid/core/wire`: the whole bridge API wire contract (every body and response schema,
 * the identifier formats). For servers (the sandbox, `@passid/server`); the browser entry
 * `@passid/core` carries no schema, only the checks compiled from them (`checks.gen.ts`).
 */
export * from './schemas.js';
export * from './server.js';
export * from './format.js';
// pasby's claim keys, modes and session statuses: one list for the browser entry, the proxy
// and the sandbox.
export * from '../providers/pasby/wire/constants.js';
