// app/api/webhooks/passid/route.ts — PASSID webhooks, verified over the raw body.
// Register https://<your-domain>/api/webhooks/passid in the dashboard → API & Webhooks.
import {
  createWebhookDeduplicator,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookEvent,
} from '@passid/server';
import { after } from 'next/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// In memory: fine for one instance. With several, pass a shared `store` (Redis, your DB).
const dedupe = createWebhookDeduplicator();

async function handleEvent(event: WebhookEvent): Promise<void> {
  if (event.type === 'verification.denied' && event.data.deny_reason === 'HARD_DENY_SANCTIONS_MATCH') {
    // Never approve this application, whatever else happened.
  }
  // Update your application state here.
}

export async function POST(request: Request): Promise<Response> {
  // The raw text, not request.json(): the signature covers the exact bytes.
  const rawBody = await request.text();
  let event: WebhookEvent;
  try {
    event = verifyWebhook({
      rawBody,
      signature: request.headers.get('x-passid-signature'),
      secret: process.env.PASSID_WEBHOOK_SECRET ?? '',
    });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return Response.json({ error: error.reason }, { status: 400 });
    }
    throw error;
  }
  // Answer within 10 s; the work runs after the response is sent.
  const { duplicate } = await dedupe.once(event.id, () => {
    after(() => handleEvent(event));
  });
  return Response.json({ received: true, duplicate });
}
