/**
 * The institution side of pasby's API in the sandbox: v2 identification (same-device, wildcard,
 * different-device), flow ping and cancel on v1 and v2, v1 authorize, and the health check.
 * SSE and long polling are in `stream.ts`.
 */
import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import * as v from 'valibot';
import { signJwt } from './crypto.js';
import { PASBY_ACTIONS, PASBY_APPS, PASBY_CLAIMS, personaByNin, type PasbyApp } from './fixtures.js';
import { PasbyFailure, readBody, requireApp, successful, V1_TOKEN_TTL_S, type Credential } from './http.js';
import type { PasbyEnv } from './env.js';
import { flowState, type FlowKind, type FlowRow } from './store.js';
import { modelOf, pingOf } from './views.js';

const claimsSchema = v.pipe(
  v.array(v.picklist(PASBY_CLAIMS, `must be one of ${PASBY_CLAIMS.join(', ')}`), 'must be an array of claim keys'),
  v.minLength(1, 'ask for at least one claim'),
  v.check((list) => new Set(list).size === list.length, 'must not repeat a claim'),
);
const common = {
  action: v.picklist(PASBY_ACTIONS, `must be one of ${PASBY_ACTIONS.join(', ')}`),
  claims: claimsSchema,
  payload: v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'is required'), v.maxLength(200, 'must be at most 200 characters')),
};
const SameDeviceBody = v.object(common);
const WildcardBody = v.object({
  ...common,
  seeds: v.pipe(v.number('must be a number from 1 to 10'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(10, 'must be at most 10')),
});
const DifferentDeviceBody = v.object({
  ...common,
  user: v.pipe(v.string('must be a NIN (11 digits)'), v.regex(/^\d{11}$/, 'must be a NIN of exactly 11 digits')),
});
export const FlowBody = v.object({ request: v.pipe(v.string('must be a request id (req_…)'), v.minLength(1, 'is required'), v.maxLength(128, 'is too long')) });

export const NOT_ON_PASBY = 'National does not have a pasby™ digital ID';
export const EXPIRED = 'Request expired';

/** The app's flow `id` in a state it may read, else 404 (unknown / another app's) or 410. */
export function readableFlow(env: PasbyEnv, app: PasbyApp, id: string): FlowRow {
  const row = env.flows.get(id);
  if (!row || row.app !== app.app) throw new PasbyFailure(404, 'Request not found.');
  const state = flowState(row, env.ctx.now());
  if (state === 'expired' || state === 'gone') throw new PasbyFailure(410, EXPIRED);
  return row;
}

function clientOf(c: Context): { ip: string; useragent: string } {
  let ip = '';
  try {
    ip = getConnInfo(c).remote.address ?? '';
  } catch {
    // Mounted outside @hono/node-server: no socket to ask.
  }
  return { ip, useragent: c.req.header('user-agent') ?? '' };
}

export function apiRoutes(app: Hono, env: PasbyEnv): void {
  const { ctx, flows, keys } = env;
  const auth = (c: Context, credential: Credential) => requireApp(ctx, c, keys.jwtSecret, credential);

  function create(c: Context, owner: PasbyApp, kind: FlowKind, body: v.InferOutput<typeof SameDeviceBody>, extra: { user?: string; seeds?: number }) {
    const { row, seeds } = flows.create({
      app: owner.app, kind, action: body.action, user: extra.user ?? '', claims: body.claims, payload: body.payload,
      ...clientOf(c), nowMs: ctx.now(), seeds: extra.seeds ?? 0,
      stamp: (id, iat, exp) => signJwt(keys.jwtSecret, { id, consumer: owner.consumer, app: owner.app, mode: 'identification', iat, exp }),
    });
    return { request: modelOf(row, owner), seeds };
  }

  app.post('/api/v2/identification/same-device', async (c) => {
    const owner = auth(c, 'secret');
    const body = await readBody(c, SameDeviceBody);
    const { request } = create(c, owner, 'same-device', body, {});
    const link = `https://open.pasby.africa/app/?mode=identification&id=${encodeURIComponent(request.id)}&source=mobile`;
    return successful(c, 'Identification request created', { link, request }, 201);
  });

  app.post('/api/v2/identification/wildcard', async (c) => {
    const owner = auth(c, 'secret-optional');
    const body = await readBody(c, WildcardBody);
    const { request, seeds } = create(c, owner, 'wildcard', body, { seeds: body.seeds });
    return successful(c, 'Identification request created', { request, seeds }, 201);
  });

  app.post('/api/v2/identification/different-device', async (c) => {
    const owner = auth(c, 'secret');
    const body = await readBody(c, DifferentDeviceBody);
    if (!personaByNin(body.user)) throw new PasbyFailure(404, NOT_ON_PASBY);
    const { request } = create(c, owner, 'different-device', body, { user: body.user });
    return successful(c, 'Identification request created', { request }, 201);
  });

  for (const version of ['v1', 'v2'] as const) {
    const credential: Credential = version === 'v1' ? 'secret-or-token' : 'secret';

    app.post(`/api/${version}/flow/ping`, async (c) => {
      const owner = auth(c, credential);
      const { request } = await readBody(c, FlowBody);
      return successful(c, 'Ping successful', { request: pingOf(readableFlow(env, owner, request), owner) });
    });

    app.post(`/api/${version}/flow/cancel`, async (c) => {
      const owner = auth(c, credential);
      const { request } = await readBody(c, FlowBody);
      const row = readableFlow(env, owner, request);
      if (row.signed_at !== null) throw new PasbyFailure(409, 'Request already treated: it cannot be cancelled.');
      flows.cancel(row.id, ctx.now());
      return successful(c, 'Request now cancelled', { model: modelOf(row, owner) });
    });

    // v1 authorize; pasby's SDK calls it on /api/{version}/flow/authorize, so v2 answers too.
    app.get(`/api/${version}/flow/authorize`, (c) => {
      const owner = auth(c, 'secret');
      const sub = c.req.query('sub');
      const appId = c.req.query('app');
      if (!sub || !appId) throw new PasbyFailure(400, 'The query needs sub (your consumer id) and app (your app id).');
      if (sub !== owner.consumer || appId !== owner.app) throw new PasbyFailure(401, 'sub and app do not match this API key.');
      const iat = Math.floor(ctx.now() / 1000);
      // Unlike the token in pasby's docs, this one does not carry the secret: a JWT is readable.
      const token = signJwt(keys.jwtSecret, { sub, app: appId, name: owner.name, iat, exp: iat + V1_TOKEN_TTL_S });
      return successful(c, 'Token generated successfully', { token });
    });
  }

  app.get('/api/health/check', (c) => successful(c, 'pasby sandbox is up', { apps: PASBY_APPS.length }));
}
