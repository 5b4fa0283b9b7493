/**
 * The sandbox-only side of pasby: what the pasby app would do (scan a seed, open a same-device
 * link, see the flows pushed to a NIN, approve, decline), the personas, and the app's
 * communication keys. The persona is in the body: the sandbox has no real users.
 */
import type { Hono } from 'hono';
import * as v from 'valibot';
import { SANDBOX_PERSONAS } from '@passid/core/wire';
import { encryptLeaf, userSignature } from './crypto.js';
import { nestClaims, PASBY_APPS, PASBY_PERSONAS, type PasbyClaim, type PasbyPersona } from './fixtures.js';
import { check, PasbyFailure, readBody, requireApp, successful } from './http.js';
import type { PasbyEnv } from './env.js';
import { flowState, type FlowRow } from './store.js';

const persona = v.pipe(
  v.picklist(SANDBOX_PERSONAS, `must be one of ${SANDBOX_PERSONAS.join(', ')}`),
  v.transform((name) => PASBY_PERSONAS[name]),
);
const request = v.pipe(v.string('must be a request id (req_…)'), v.minLength(1, 'is required'), v.maxLength(128, 'is too long'));
const ScanBody = v.object({ persona, seed: v.pipe(v.string('must be a seed (pasby://…)'), v.maxLength(200, 'is too long')) });
const FlowActionBody = v.object({ persona, request });
const PersonaQuery = v.object({ persona });

const VOID = 'This code is void: its request was already picked up, cancelled or expired, or never existed.';
const appOf = (row: FlowRow) => PASBY_APPS.find((a) => a.app === row.app) ?? PASBY_APPS[0]!;

/** What the pasby app shows about a flow. */
function summary(row: FlowRow) {
  return {
    request: row.id,
    name: appOf(row).name,
    action: row.action,
    payload: row.payload,
    acquireClaims: JSON.parse(row.claims) as string[],
    iat: row.iat,
    exp: row.exp,
    onsession: row.onsession === 1,
  };
}

export function walletRoutes(app: Hono, env: PasbyEnv): void {
  const { ctx, flows, keys } = env;

  /** The flow `id` if `who` may act on it now: 409 when not open for them, 410 when expired. */
  function openFor(who: PasbyPersona, id: string): FlowRow {
    const row = flows.get(id);
    if (!row) throw new PasbyFailure(409, 'No such request.');
    const state = flowState(row, ctx.now());
    if (state === 'expired' || state === 'gone') throw new PasbyFailure(410, 'Request expired');
    if (state === 'completed' || state === 'cancelled') throw new PasbyFailure(409, `This request is already ${state}.`);
    if (row.kind === 'different-device') {
      if (row.user !== who.nin) throw new PasbyFailure(409, `This request is for another national, not ${who.persona}.`);
    } else if (row.holder !== who.persona) {
      throw new PasbyFailure(409, `This request is not open on ${who.persona}'s device: scan its code or open its link first.`);
    }
    return row;
  }

  app.post('/sandbox/wallet/scan', async (c) => {
    const body = await readBody(c, ScanBody);
    const row = flows.bySeed(body.seed.trim());
    if (!row || flowState(row, ctx.now()) !== 'open' || !flows.pickUp(row.id, body.persona.persona)) {
      throw new PasbyFailure(409, VOID);
    }
    return successful(c, 'Request picked up', summary(flows.get(row.id)!));
  });

  app.post('/sandbox/wallet/open', async (c) => {
    const body = await readBody(c, FlowActionBody);
    const row = flows.get(body.request);
    const targetOk = row?.kind === 'same-device' || (row?.kind === 'different-device' && row.user === body.persona.nin);
    if (!row || !targetOk || flowState(row, ctx.now()) !== 'open' || !flows.pickUp(row.id, body.persona.persona)) {
      throw new PasbyFailure(409, VOID);
    }
    return successful(c, 'Request picked up', summary(flows.get(row.id)!));
  });

  app.get('/sandbox/wallet/flows', (c) => {
    const who = check(PersonaQuery, { persona: c.req.query('persona') }).persona;
    const now = ctx.now();
    const open = flows.forUser(who.nin, now).filter((row) => {
      const state = flowState(row, now);
      return state === 'open' || (state === 'session' && row.holder === who.persona);
    });
    return successful(c, 'Flows listed', { flows: open.map(summary) });
  });

  app.post('/sandbox/wallet/approve', async (c) => {
    const body = await readBody(c, FlowActionBody);
    const who = body.persona;
    const { publicKey } = await keys.pair(); // before the checks, so nothing changes between them and the write
    const row = openFor(who, body.request);
    const now = ctx.now();
    if (who.declinesEverything) {
      flows.cancel(row.id, now, who.persona);
      return successful(c, `${who.persona} declines every request: it is now cancelled.`, { request: row.id, cancelled: true });
    }
    const signedAt = Math.floor(now / 1000);
    const claims = nestClaims(who.claims, JSON.parse(row.claims) as PasbyClaim[], (value) => encryptLeaf(publicKey, value));
    if (!flows.complete(row.id, who.persona, signedAt, userSignature(keys.jwtSecret, row.id, who.nin, signedAt), claims, now)) {
      throw new PasbyFailure(409, 'This request changed while it was being approved.');
    }
    return successful(c, 'Request approved', { request: row.id, signedAt });
  });

  app.post('/sandbox/wallet/decline', async (c) => {
    const body = await readBody(c, FlowActionBody);
    const row = openFor(body.persona, body.request);
    flows.cancel(row.id, ctx.now(), body.persona.persona);
    return successful(c, 'Request declined', { request: row.id, cancelled: true });
  });

  app.get('/sandbox/personas', (c) =>
    successful(c, 'Personas listed', {
      personas: Object.values(PASBY_PERSONAS).map((p) => ({
        persona: p.persona, nin: p.nin, displayName: p.displayName, declinesEverything: p.declinesEverything, claims: p.claims,
      })),
    }),
  );

  app.get('/sandbox/communication-keys', async (c) => {
    requireApp(ctx, c, keys.jwtSecret, 'secret');
    const { publicKey, privateKey } = await keys.pair();
    return successful(c, 'Communication keys (sandbox only)', { publicKey, privateKey });
  });
}
