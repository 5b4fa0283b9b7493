/** Sandbox-only endpoints: personas, webhook endpoint, deliveries, test event, expire now, health. */
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { PERMISSIONS, WebhookEndpointBodySchema } from '@passid/core/wire';
import { requireInstitution, type SandboxContext } from '../context.js';
import { claimsFor, DENY_FIXTURES, FIXTURE_TOKENS, INSTITUTIONS, PERSONAS } from '../fixtures.js';
import { ApiError, iso, readJson } from '../http.js';
import { effectiveStatus } from '../requests.js';

interface DeliveryRow {
  id: string; event_id: string; type: string; url: string; status: string; attempts: number;
  next_attempt_at: number | null; created_at: number; data: string;
}
interface AttemptRow { delivery_id: string; created_at: string; started_at: number; finished_at: number | null; status_code: number | null; error: string | null }

export function sandboxRoutes(app: Hono, ctx: SandboxContext): void {
  const { db, now, outbox, requests } = ctx;
  const q = {
    endpoint: db.prepare('SELECT url, secret FROM webhook_endpoints WHERE institution_id = ?'),
    upsertEndpoint: db.prepare(
      `INSERT INTO webhook_endpoints (institution_id, url, secret, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (institution_id) DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at`,
    ),
    deliveries: db.prepare(
      `SELECT d.id, d.event_id, e.type, d.url, d.status, d.attempts, d.next_attempt_at, d.created_at, e.data
       FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
       WHERE d.institution_id = ? ORDER BY d.created_at DESC, d.rowid DESC LIMIT 100`,
    ),
    attempts: db.prepare('SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY id'),
  };

  app.get('/healthz', (c) => c.json({ ok: true, serverTime: iso(now()) }));

  app.get('/api/sandbox/personas', (c) =>
    c.json({
      personas: Object.values(PERSONAS).map((p) => ({
        persona: p.persona,
        displayName: p.displayName,
        summary: p.summary,
        fixtureToken: p.fixtureToken,
        sanctionsHit: p.sanctionsHit,
        tier: p.profile.tier,
        fsiScore: p.profile.fsi_score,
        corridor: p.profile.corridor,
        decision: p.profile.decision,
      })),
      institutions: INSTITUTIONS.map((i) => ({ institutionId: i.id, name: i.name })),
      fixtureTokens: Object.keys(FIXTURE_TOKENS),
      denyFixtures: DENY_FIXTURES,
    }),
  );

  app.put('/api/sandbox/webhook-endpoint', async (c) => {
    const inst = requireInstitution(ctx, c);
    const { url } = await readJson(c, WebhookEndpointBodySchema);
    if (!/^https?:$/.test(new URL(url).protocol)) throw new ApiError('INVALID_REQUEST', 'url: must be an http:// or https:// URL.');
    // The secret is made once per institution and kept when the URL changes.
    q.upsertEndpoint.run(inst.id, url, `whsec_${randomBytes(24).toString('base64url')}`, now());
    const row = q.endpoint.get(inst.id) as { url: string; secret: string };
    return c.json({ url: row.url, secret: row.secret });
  });

  app.get('/api/sandbox/webhook-endpoint', (c) => {
    const inst = requireInstitution(ctx, c);
    const row = q.endpoint.get(inst.id) as { url: string; secret: string } | undefined;
    if (!row) throw new ApiError('NOT_FOUND', 'No webhook endpoint registered. PUT /api/sandbox/webhook-endpoint registers one.');
    return c.json({ url: row.url, secret: row.secret });
  });

  app.get('/api/sandbox/webhook-deliveries', (c) => {
    const inst = requireInstitution(ctx, c);
    const rows = q.deliveries.all(inst.id) as DeliveryRow[];
    return c.json({
      deliveries: rows.map((d) => ({
        id: d.id,
        eventId: d.event_id,
        type: d.type,
        url: d.url,
        status: d.status,
        attemptCount: d.attempts,
        nextAttemptAt: d.status === 'pending' && d.next_attempt_at !== null ? iso(d.next_attempt_at) : null,
        createdAt: iso(d.created_at),
        data: JSON.parse(d.data) as unknown,
        attempts: (q.attempts.all(d.id) as AttemptRow[]).map((a) => ({
          createdAt: a.created_at,
          startedAt: iso(a.started_at),
          finishedAt: a.finished_at === null ? null : iso(a.finished_at),
          statusCode: a.status_code,
          error: a.error,
        })),
      })),
    });
  });

  app.post('/api/sandbox/webhooks/test', (c) => {
    const inst = requireInstitution(ctx, c);
    const t = now();
    const eventId = db.transaction(() =>
      outbox.enqueue(inst.id, 'verification.completed', {
        token: 'KE8V-3TXY-Z72L',
        claims: claimsFor(PERSONAS.amina.profile, PERMISSIONS),
        proofType: 'share_token',
        verifiedAt: iso(t),
        test: true,
      }),
    )();
    if (eventId === null) throw new ApiError('CONFLICT', 'No webhook endpoint registered. PUT /api/sandbox/webhook-endpoint first.');
    outbox.kick();
    return c.json({ eventId }, 202);
  });

  /**
   * Makes one of the institution's pending requests expire now (what its ttl would do later):
   * soak tests and demos end sessions by expiry at a moment they choose. 404 unknown (or
   * another institution's), 409 completed or declined, 410 already expired.
   */
  app.post('/api/sandbox/request/:requestId/expire', (c) => {
    const inst = requireInstitution(ctx, c);
    const requestId = c.req.param('requestId');
    const t = now();
    const row = requests.getFor(requestId, inst.id);
    if (!row) throw new ApiError('NOT_FOUND', 'No such request for this institution.');
    const status = effectiveStatus(row, t);
    if (status === 'completed' || status === 'declined') throw new ApiError('CONFLICT', `This request is already ${status}.`);
    if (!requests.expire(requestId, t)) throw new ApiError('GONE', 'This request has expired.');
    ctx.bus.publish(requestId);
    return c.json({ requestId, status: 'expired', expiresAt: iso(t) });
  });
}
