// app/api/webhooks/passid/route.ts — PASSID webhooks, verified over the raw body.
// Register https://<your-domain>/api/webhooks/passid in the dashboard → API & Webhooks.
import {
  createWebhookDeduplicator,
  readBodyWithLimit,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookEvent,
} from '@passid/server';
import { handlePassidEvent } from '../../../../lib/passid-events';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** PASSID's events are a few KB; anything bigger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;

// In memory: fine for one instance. With several, pass a shared `store` (Redis, your DB).
const dedupe = createWebhookDeduplicator();

export async function POST(request: Request): Promise<Response> {
  // The raw bytes, not request.json(): the signature covers the exact bytes.
  let rawBody: Uint8Array | null;
  try {
    rawBody = await readBodyWithLimit(request, MAX_BODY_BYTES);
  } catch {
    return Response.json({ error: 'BODY_CUT_OFF' }, { status: 400 });
  }
  if (rawBody === null) return Response.json({ error: 'PAYLOAD_TOO_LARGE' }, { status: 413 });
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
  // The work runs before the answer (within PASSID's 10 s), and the event counts as processed
  // only once it succeeded: if it throws, dedupe forgets the id and the 500 makes PASSID retry.
  try {
    const result = await dedupe.once(event.id, () => handlePassidEvent(event));
    // Another delivery of this event is being processed right now: not yet ours to confirm.
    if (result.duplicate && result.inProgress) return Response.json({ error: 'IN_PROGRESS' }, { status: 409 });
    return Response.json({ received: true, duplicate: result.duplicate });
  } catch (error) {
    console.error('[passid] webhook handler failed; PASSID will retry', error);
    return Response.json({ error: 'HANDLER_FAILED' }, { status: 500 });
  }
}
