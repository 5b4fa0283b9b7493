/** Institution endpoints: create/read requests, verify, outcomes, cohorts. */
import type { Hono } from 'hono';
import {
  buildDeepLink,
  CreateRequestBodySchema,
  OUTCOMES,
  OutcomeBodySchema,
  PERMISSIONS,
  TIERS,
  TTL_SECONDS,
  VerifyBodySchema,
  type Outcome,
  type Permission,
} from '@passid/core/wire';
import { idempotencyKey, idempotent, requireInstitution, type SandboxContext } from '../context.js';
import { ApiError, iso, readJson } from '../http.js';
import { fingerprint } from '../idempotency.js';
import { normalizeToken, randomId } from '../ids.js';
import { statusBody } from '../requests.js';

export function bridgeRoutes(app: Hono, ctx: SandboxContext): void {
  const { db, now, requests, tokens, outbox } = ctx;
  const outcomeExists = db.prepare('SELECT 1 FROM outcomes WHERE institution_id = ? AND token = ?');
  const insertOutcome = db.prepare(
    'INSERT INTO outcomes (id, institution_id, token, outcome, body, fsi_score, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  app.post('/api/bridge/request', async (c) => {
    const inst = requireInstitution(ctx, c);
    const key = idempotencyKey(c);
    const body = await readJson(c, CreateRequestBodySchema);
    const permissions: Permission[] = body.permissions ? [...new Set(body.permissions)] : [...PERMISSIONS];
    return idempotent(ctx, c, inst.id, key, fingerprint('POST /api/bridge/request', body), () => {
      const t = now();
      const row = requests.create({
        institutionId: inst.id,
        institutionName: body.institutionName ?? inst.name,
        permissions,
        now: t,
        ttlMs: (body.ttlSeconds ?? TTL_SECONDS.default) * 1000,
      });
      return {
        status: 201,
        body: {
          requestId: row.id,
          code: row.code,
          deepLink: buildDeepLink(row.id, inst.id),
          expiresAt: iso(row.expires_at),
          status: 'pending',
          serverTime: iso(t),
        },
      };
    });
  });

  // The polled endpoint: one prepared lookup, no body, no schema work (see statusBody).
  app.get('/api/bridge/request/:requestId', (c) => {
    const inst = requireInstitution(ctx, c);
    const row = requests.getFor(c.req.param('requestId'), inst.id);
    if (!row) throw new ApiError('NOT_FOUND', 'No such request for this institution.');
    c.header('Content-Type', 'application/json');
    return c.body(statusBody(row, now()).json);
  });

  app.post('/api/bridge/verify', async (c) => {
    const inst = requireInstitution(ctx, c);
    const key = idempotencyKey(c);
    const body = await readJson(c, VerifyBodySchema);
    const token = normalizeToken(body.token);
    const fp = fingerprint('POST /api/bridge/verify', { token });
    return idempotent(
      ctx, c, inst.id, key, fp,
      () => {
        const t = now();
        const decision = tokens.verify(token, inst.id, t);
        if (decision.verified) {
          const verifiedAt = iso(t);
          outbox.enqueue(inst.id, 'verification.completed', { token, claims: decision.claims, proofType: 'share_token', verifiedAt });
          return { status: 200, body: { verified: true, token, claims: decision.claims, proofType: 'share_token', verifiedAt } };
        }
        outbox.enqueue(inst.id, 'verification.denied', { token, deny_reason: decision.denyReason, deniedAt: iso(t) });
        return { status: 200, body: { verified: false, token, denyReason: decision.denyReason } };
      },
      ctx.verifyDelayMs,
    );
  });

  app.post('/api/bridge/outcome', async (c) => {
    const inst = requireInstitution(ctx, c);
    const key = idempotencyKey(c);
    const body = await readJson(c, OutcomeBodySchema);
    const token = normalizeToken(body.token);
    return idempotent(ctx, c, inst.id, key, fingerprint('POST /api/bridge/outcome', { ...body, token }), () => {
      const verification = tokens.verification(inst.id, token);
      if (!verification) throw new ApiError('NOT_FOUND', 'This institution has not verified that token.');
      if (outcomeExists.get(inst.id, token)) throw new ApiError('CONFLICT', 'An outcome was already reported for this token.');
      const t = now();
      const outcomeId = randomId('out_');
      const stored = { ...body, token };
      insertOutcome.run(
        outcomeId, inst.id, token, body.outcome, JSON.stringify(stored), verification.fsi_score, t,
      );
      const reportedAt = iso(t);
      outbox.enqueue(inst.id, 'outcome.reported', {
        outcomeId, token, outcome: body.outcome, productType: body.productType ?? null, amount: body.amount ?? null,
        currency: body.currency ?? null, fsiScore: verification.fsi_score, reportedAt,
      });
      return { status: 201, body: { outcomeId, token, outcome: body.outcome, fsiScore: verification.fsi_score, reportedAt } };
    });
  });

  const cohortVerified = db.prepare('SELECT tier, COUNT(*) AS n FROM verifications WHERE institution_id = ? GROUP BY tier');
  const cohortOutcomes = db.prepare(
    `SELECT v.tier AS tier, o.outcome AS outcome, COUNT(*) AS n FROM outcomes o
     JOIN verifications v ON v.institution_id = o.institution_id AND v.token = o.token
     WHERE o.institution_id = ? GROUP BY v.tier, o.outcome`,
  );

  app.get('/api/bridge/cohorts', (c) => {
    const inst = requireInstitution(ctx, c);
    const verified = new Map((cohortVerified.all(inst.id) as { tier: string; n: number }[]).map((r) => [r.tier, r.n]));
    const outcomes = cohortOutcomes.all(inst.id) as { tier: string; outcome: Outcome; n: number }[];
    const tiers = TIERS.map((tier) => {
      const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
      for (const r of outcomes) if (r.tier === tier) counts[r.outcome] = r.n;
      const reported = OUTCOMES.reduce((sum, o) => sum + counts[o], 0);
      return {
        tier,
        verified: verified.get(tier) ?? 0,
        outcomes: counts,
        // Share of reported outcomes that are `defaulted`; null until one is reported.
        defaultRate: reported === 0 ? null : Math.round((counts.defaulted / reported) * 10_000) / 10_000,
      };
    });
    return c.json({ tiers });
  });
}
