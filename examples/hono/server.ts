// PASSID Verify in a Hono app (Node): the proxy for <PASSIDVerify endpoint="/api/passid">,
// and a webhook endpoint verified over the raw body.
//
//   PASSID_API_KEY=sk_sandbox_demo PASSID_WEBHOOK_SECRET=whsec_… npx tsx server.ts
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { pathToFileURL } from 'node:url';
import {
  createPassidProxy,
  createWebhookDeduplicator,
  verifyWebhook,
  WebhookVerificationError,
  type PassidProxyOptions,
  type WebhookEvent,
} from '@passid/server';

/** Replace with your own session check. Returning false answers 401 and calls nothing. */
function isSignedIn(request: Request): boolean {
  return (request.headers.get('cookie') ?? '').includes('session=');
}

/** Your business logic: runs before the answer, once per event id (until it succeeds). */
async function handleEvent(event: WebhookEvent): Promise<void> {
  if (event.type === 'verification.denied' && event.data.deny_reason === 'HARD_DENY_SANCTIONS_MATCH') {
    // Never approve this application, whatever else happened.
  }
  console.log(`[passid] ${event.type} ${event.id}`);
}

export interface AppOptions {
  apiKey?: string;
  webhookSecret?: string;
  baseUrl?: string;
  authorize?: PassidProxyOptions['authorize'];
  onEvent?: (event: WebhookEvent) => void | Promise<void>;
}

export function createApp({
  apiKey = process.env.PASSID_API_KEY ?? '',
  webhookSecret = process.env.PASSID_WEBHOOK_SECRET ?? '',
  baseUrl = process.env.PASSID_BASE_URL ?? 'https://api.passid.io',
  authorize = isSignedIn,
  onEvent = handleEvent,
}: AppOptions = {}): Hono {
  const app = new Hono();

  const proxy = createPassidProxy({
    apiKey,
    baseUrl,
    prefix: '/api/passid',
    permissions: ['full_score', 'identity_verified', 'sanctions_clear', 'fraud_risk'],
    institutionName: 'Demo Bank',
    authorize,
  });

  // The proxy is a Web-standard handler: hand it the raw Request.
  app.all('/api/passid/*', (c) => proxy(c.req.raw));

  const dedupe = createWebhookDeduplicator();

  app.post('/webhooks/passid', async (c) => {
    // Raw bytes, not c.req.json(): the signature covers the exact bytes.
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    let event: WebhookEvent;
    try {
      event = verifyWebhook({
        rawBody,
        signature: c.req.header('x-passid-signature'),
        secret: webhookSecret,
      });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return c.json({ error: error.reason }, 400);
      throw error;
    }
    // The work runs before the answer (keep it short: PASSID waits 10 s; or enqueue the event
    // durably here), and the event counts as processed only once it succeeded: if it throws,
    // dedupe forgets the id and the 500 makes PASSID deliver it again.
    try {
      const result = await dedupe.once(event.id, () => onEvent(event));
      // Another delivery of this event is being processed right now: not yet ours to confirm.
      if (result.duplicate && result.inProgress) return c.json({ error: 'IN_PROGRESS' }, 409);
      return c.json({ received: true, duplicate: result.duplicate });
    } catch (error) {
      console.error('[passid] webhook handler failed; PASSID will retry', error);
      return c.json({ error: 'HANDLER_FAILED' }, 500);
    }
  });

  return app;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  serve({ fetch: createApp().fetch, port: Number(process.env.PORT ?? 3000) }, (info) => {
    console.log(`listening on http://localhost:${info.port}`);
  });
}
