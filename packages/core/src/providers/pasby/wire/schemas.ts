/**
 * The pasby proxy's answers as the browser reads them (`createPasbyProxy` from
 * `@passid/server/pasby`; docs/pasby.md, "The proxy's browser contract"): the created session,
 * the session status (also the `data` of each `status` event) and the decrypted claims.
 *
 * The browser does not run these schemas: `checks.gen.ts` beside this file is compiled from
 * them (`pnpm gen:checks`), and only the `@passid/core/pasby` entry imports it. They may use
 * only what the generator compiles (see `src/wire/schemas.ts`).
 */
import * as v from 'valibot';
import { ISO_TIMESTAMP } from '../../../wire/constants.js';
import { PASBY_MODES, PASBY_SESSION_STATUSES } from './constants.js';

export * from './constants.js';

const iso = /*#__PURE__*/ v.pipe(v.string(), v.regex(ISO_TIMESTAMP));
const text = /*#__PURE__*/ v.optional(v.string());

/**
 * Decrypted claims: plain strings, only those that were asked for. Unknown keys are dropped,
 * never rendered; every value is rendered as text.
 */
export const PasbyClaimsSchema = /*#__PURE__*/ v.object({
  naming: v.optional(v.object({ given: text, middle: text, family: text })),
  contact: v.optional(v.object({ email: text })),
  bio: v.optional(v.object({ birthdate: text, gender: text, birthnumber: text })),
  nationality: v.optional(v.object({ primary: text, residence: text })),
});
export type PasbyClaims = v.InferOutput<typeof PasbyClaimsSchema>;

/** `POST {endpoint}/session` → 201. */
export const PasbySessionCreatedSchema = /*#__PURE__*/ v.object({
  handle: v.string(),
  mode: v.picklist(PASBY_MODES),
  /** Wildcard: the seeds to show as QR codes, one at a time. */
  seeds: v.optional(v.array(v.string())),
  /**
   * Same-device: the link that opens the pasby app. Only `https:` and `pasby:` links: the page
   * renders it as an `<a href>`, so a `javascript:` link must never get through.
   */
  link: v.optional(v.pipe(v.string(), v.regex(/^(?:https|pasby):\/\/\S+$/))),
  expiresAt: iso,
  serverTime: iso,
});
export type PasbySessionCreated = v.InferOutput<typeof PasbySessionCreatedSchema>;

/** `GET {endpoint}/session/:handle` → 200, and the `data` of each `status` event. */
export const PasbySessionViewSchema = /*#__PURE__*/ v.object({
  handle: v.string(),
  status: v.picklist(PASBY_SESSION_STATUSES),
  /** A pasby device holds (or held) the flow. */
  pickedUp: v.boolean(),
  expiresAt: iso,
  serverTime: iso,
  /** Completed only. */
  claims: v.optional(PasbyClaimsSchema),
  /** Declined only: `CANCELLED` today (the user declined, or the flow was cancelled). */
  declineReason: v.optional(v.string()),
});
export type PasbySessionView = v.InferOutput<typeof PasbySessionViewSchema>;
