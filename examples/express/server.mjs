// PASSID Verify in an Express app: the proxy for <PASSIDVerify endpoint="/api/passid">, and a
// webhook endpoint that verifies signatures over the raw body.
//
//   PASSID_API_KEY=sk_sandbox_demo PASSID_WEBHOOK_SECRET=whsec_… node server.mjs
import express from 'express';
import { pathToFileURL } from 'node:url';
import {
  createPassidProxy,
  createWebhookDeduplicator,
  toNodeHandler,
  verifyWebhook,
  WebhookVerificationError,
} from '@passid/server';

/** Replace with your own session check (cookie, JWT…). Only signed-in users may verify. */
function isSignedIn(_request) {
  return true;
}

/** Your business logic: runs before the answer, once per event id (until it succeeds). */
async function handleEvent(event) {
  if (event.type === 'verification.denied' && event.data.deny_reason === 'HARD_DENY_SANCTIONS_MATCH') {
    // Never approve this application, whatever else happened.
  }
  console.log(`[passid] ${event.type} ${event.id}`);
}

export function createApp({
  apiKey = process.env.PASSID_API_KEY,
  webhookSecret = process.env.PASSID_WEBHOOK_SECRET,
  baseUrl = process.env.PASSID_BASE_URL ?? 'https://api.passid.io',
  authorize = isSignedIn,
  onEvent = handleEvent,
  // With several instances, shared stores go here (../redis does): the de-duplicator's options
  // ({ store }) and the proxy's rateLimit ({ store, clientIp }). Default: this process's memory.
  dedupe = {},
  rateLimit = {},
} = {}) {
  const app = express();

  // 1. The proxy: the browser calls /api/passid/*, the key is added here and never leaves.
  const proxy = createPassidProxy({
    apiKey,
    baseUrl,
    prefix: '/api/passid',
    permissions: ['full_score', 'identity_verified', 'sanctions_clear', 'fraud_risk'],
    institutionName: 'Demo Bank',
    authorize,
    rateLimit,
  });
  app.use(toNodeHandler(proxy));

  // 2. Webhooks: express.raw(), NOT express.json(): the signature covers the exact bytes.
  const deduplicator = createWebhookDeduplicator(dedupe);
  app.post('/webhooks/passid', express.raw({ type: 'application/json' }), async (req, res) => {
    let event;
    try {
      event = verifyWebhook({
        rawBody: req.body,
        signature: req.headers['x-passid-signature'],
        secret: webhookSecret,
      });
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        return res.status(400).json({ error: error.reason });
      }
      throw error;
    }
    // Do the work before answering, and answer within 10 s: keep it short (a database write),
    // or make it "put the event on your durable job queue". An event is recorded as processed
    // only once its work succeeded: if it throws, dedupe forgets the id and the 500 makes
    // PASSID deliver it again.
    try {
      const result = await deduplicator.once(event.id, () => onEvent(event));
      // Another delivery of this event is being processed right now: not yet ours to confirm.
      if (result.duplicate && result.inProgress) return res.status(409).json({ error: 'IN_PROGRESS' });
      res.status(200).json({ received: true, duplicate: result.duplicate });
    } catch (error) {
      console.error('[passid] webhook handler failed; PASSID will retry', error);
      res.status(500).json({ error: 'HANDLER_FAILED' });
    }
  });

  // The rest of your app (after the proxy, so JSON parsing never touches the webhook route).
  app.use(express.json());
  return app;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().listen(port, () => console.log(`listening on http://localhost:${port}`));
}
