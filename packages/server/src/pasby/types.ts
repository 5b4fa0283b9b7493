/**
 * pasby's wire contract as `@passid/server` reads it (docs/pasby.md): the claim keys, actions
 * and modes, the identification model, the flow model, and valibot schemas that check every
 * answer. Objects are not strict: a field pasby adds later is dropped, not an error.
 */
import * as v from 'valibot';

/** pasby's live API. Its own sandbox is `https://s.pasby.africa`; the local one `http://localhost:8787/pasby`. */
export const PASBY_LIVE_URL = 'https://l.pasby.africa';

/** The claim keys an identification may ask for, and the three modes: the contract's one list. */
import type { PasbyClaimKey } from '@passid/core/wire';

export { PASBY_CLAIM_KEYS, PASBY_MODES } from '@passid/core/wire';
export type { PasbyClaimKey, PasbyMode } from '@passid/core/wire';

export const PASBY_ACTIONS = ['login', 'signup', 'link'] as const;
export type PasbyAction = (typeof PASBY_ACTIONS)[number];


/** Claims as pasby returns them: each leaf RSA-encrypted (PKCS#1 v1.5) and base64-encoded. */
export type PasbyEncryptedClaims = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Decrypted claims of the keys this kit knows (only those that were asked for are present). */
export interface PasbyClaims {
  naming?: { given?: string; family?: string; middle?: string };
  contact?: { email?: string };
  bio?: { birthnumber?: string; birthdate?: string; gender?: string };
  nationality?: { residence?: string; primary?: string };
}

const str = v.string();
const num = v.number();

/** The identification model (`request` of a create answer, `model` of a cancel answer). */
export const IdentificationModelSchema = v.object({
  id: v.pipe(str, v.minLength(1)),
  consumer: v.optional(str),
  app: v.optional(str),
  name: v.optional(str),
  mode: v.optional(str),
  action: v.optional(str),
  user: v.optional(str),
  acquireClaims: v.optional(v.array(str)),
  signature: v.optional(str),
  iat: v.optional(num),
  exp: v.optional(num),
  ip: v.optional(str),
  useragent: v.optional(str),
  payload: v.optional(str),
});
export type PasbyIdentificationModel = v.InferOutput<typeof IdentificationModelSchema>;

export const EncryptedClaimsSchema = v.record(str, v.record(str, str));

/** The flow model: `data.request` of ping and polling, the `data` of each SSE event. */
export const FlowSchema = v.object({
  reference: v.pipe(str, v.minLength(1)),
  requester: v.optional(str),
  requestee: v.optional(str),
  iat: v.optional(num),
  mode: v.optional(str),
  cancelled: v.boolean(),
  onsession: v.optional(v.boolean()),
  signedAt: v.optional(num),
  signature: v.optional(str),
  claims: v.optional(EncryptedClaimsSchema),
});
export type PasbyFlow = v.InferOutput<typeof FlowSchema>;

/** pasby's envelope around `data`. */
export const successful = <S extends v.GenericSchema>(data: S) =>
  v.object({ status: v.literal('successful'), reason: v.optional(str), data });

export const FailedEnvelopeSchema = v.object({ status: v.literal('failed'), reason: str });

export const SameDeviceDataSchema = v.object({ link: v.pipe(str, v.url()), request: IdentificationModelSchema });
export const WildcardDataSchema = v.object({ request: IdentificationModelSchema, seeds: v.pipe(v.array(str), v.minLength(1)) });
export const DifferentDeviceDataSchema = v.object({ request: IdentificationModelSchema });
export const FlowDataSchema = v.object({ request: FlowSchema });
export const CancelDataSchema = v.object({ model: IdentificationModelSchema });
export const TokenDataSchema = v.object({ token: v.pipe(str, v.minLength(1)) });

/** What an identification asks for, in every mode. */
export interface PasbyIdentificationBody {
  action: PasbyAction;
  claims: readonly PasbyClaimKey[];
  /** The intent text shown to the user, at most 200 characters. */
  payload: string;
}

/** An event of a flow's SSE stream: the flow as ping shows it, or its expiry. */
export type PasbyFlowEvent = { type: 'flow'; flow: PasbyFlow } | { type: 'expired' };
