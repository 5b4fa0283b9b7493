/** Public endpoints the wallet calls (request lookup, fulfil, decline) and the sandbox wallet personas. */
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import {
  DeclineBodySchema,
  PERMISSIONS,
  WalletLoginBodySchema,
  WalletRevokeBodySchema,
  WalletShareBodySchema,
  type Permission,
  type PublicRequestResponse,
} from '@passid/core/wire';
import { requireWallet, type SandboxContext } from '../context.js';
import { claimsFor, PERSONAS } from '../fixtures.js';
import { ApiError, iso, readJson } from '../http.js';
import { normalizeCode, normalizeToken } from '../ids.js';
import { signWalletJwt, WALLET_JWT_TTL_S } from '../jwt.js';
import { effectiveStatus, type RequestRow } from '../requests.js';

const EmptyBodySchema = v.strictObject({});

export function walletRoutes(app: Hono, ctx: SandboxContext): void {
  const { db, now, requests, tokens, outbox } = ctx;

  /** 200 with the public view of a pending request; 410 once it is not pending. */
  function publicView(c: Context, row: RequestRow | undefined): Response {
    if (!row) throw new ApiError('NOT_FOUND', 'No such request.');
    const status = effectiveStatus(row, now());
    if (status !== 'pending') throw new ApiError('GONE', `This request is ${status}.`);
    const res: PublicRequestResponse = {
      requestId: row.id,
      institutionName: row.institution_name,
      permissions: JSON.parse(row.permissions) as Permission[],
      expiresAt: iso(row.expires_at),
      status: 'pending',
    };
    return c.json(res);
  }

  app.get('/api/bridge/request/by-code/:code', (c) => {
    const code = normalizeCode(c.req.param('code'));
    return publicView(c, code ? requests.getByCode(code) : undefined);
  });

  app.get('/api/bridge/request/:requestId/public', (c) => publicView(c, requests.get(c.req.param('requestId'))));

  /** The request a wallet may still act on: 404 unknown, 409 completed/declined, 410 expired. */
  function actionable(id: string): RequestRow {
    const row = requests.get(id);
    if (!row) throw new ApiError('NOT_FOUND', 'No such request.');
    const status = effectiveStatus(row, now());
    if (status === 'completed' || status === 'declined') throw new ApiError('CONFLICT', `This request is already ${status}.`);
    if (status === 'expired') throw new ApiError('GONE', 'This request has expired.');
    return row;
  }

  app.post('/api/bridge/request/:requestId/fulfill', async (c) => {
    const persona = requireWallet(ctx, c);
    await readJson(c, EmptyBodySchema);
    const result = db.transaction(() => {
      const row = actionable(c.req.param('requestId'));
      const t = now();
      if (PERSONAS[persona].sanctionsHit) {
        requests.decline(row.id, 'HARD_DENY_SANCTIONS_MATCH');
        outbox.enqueue(row.institution_id, 'verification.denied', {
          requestId: row.id, deny_reason: 'HARD_DENY_SANCTIONS_MATCH', deniedAt: iso(t),
        });
        return 'declined' as const;
      }
      const permissions = JSON.parse(row.permissions) as Permission[];
      const token = tokens.mint({ persona, permissions, institutionId: row.institution_id, requestId: row.id, now: t, usedBy: row.institution_id });
      tokens.record(row.institution_id, token.token, persona, t);
      const claims = claimsFor(PERSONAS[persona].profile, permissions);
      requests.complete(row.id, claims, t, token.token);
      outbox.enqueue(row.institution_id, 'verification.completed', {
        requestId: row.id, token: token.token, claims, proofType: 'share_token', verifiedAt: iso(t),
      });
      return 'completed' as const;
    })();
    ctx.bus.publish(c.req.param('requestId'));
    outbox.kick();
    return c.json({ status: result });
  });

  app.post('/api/bridge/request/:requestId/decline', async (c) => {
    requireWallet(ctx, c);
    await readJson(c, DeclineBodySchema);
    db.transaction(() => {
      const row = actionable(c.req.param('requestId'));
      requests.decline(row.id, 'CUSTOMER_DECLINED');
    })();
    ctx.bus.publish(c.req.param('requestId'));
    return c.json({ status: 'declined' });
  });

  // ------------------------------------------------------------ sandbox wallet personas

  app.post('/api/sandbox/wallet/login', async (c) => {
    const { persona } = await readJson(c, WalletLoginBodySchema);
    const t = now();
    return c.json({ jwt: signWalletJwt(ctx.jwtSecret, persona, t), persona, expiresAt: iso(t + WALLET_JWT_TTL_S * 1000) });
  });

  app.post('/api/sandbox/wallet/share', async (c) => {
    const persona = requireWallet(ctx, c);
    const body = await readJson(c, WalletShareBodySchema);
    if (body.institutionId !== undefined && !ctx.institutionsById.has(body.institutionId)) {
      throw new ApiError('INVALID_REQUEST', `institutionId: unknown institution "${body.institutionId}" (the sandbox has inst_demo and inst_other).`);
    }
    const permissions = body.permissions ? [...new Set(body.permissions)] : [...PERMISSIONS];
    const row = tokens.mint({ persona, permissions, institutionId: body.institutionId ?? null, now: now() });
    return c.json({ token: row.token, expiresAt: iso(row.expires_at) }, 201);
  });

  app.post('/api/sandbox/wallet/revoke', async (c) => {
    const persona = requireWallet(ctx, c);
    const body = await readJson(c, WalletRevokeBodySchema);
    const token = normalizeToken(body.token);
    const row = tokens.get(token);
    if (!row || row.persona !== persona) throw new ApiError('NOT_FOUND', 'No such token in this wallet.');
    tokens.revoke(token, now());
    return c.json({ token, revoked: true });
  });
}
