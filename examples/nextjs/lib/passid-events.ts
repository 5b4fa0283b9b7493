// lib/passid-events.ts — your business logic for PASSID webhook events.
import type { WebhookEvent } from '@passid/server';

/**
 * Runs before the webhook is answered, once per event id (until it succeeds): keep it short
 * (a database write) — PASSID waits 10 s — or make it "put the event on your durable job
 * queue". Throw when it fails: the route answers 500 and PASSID delivers the event again.
 */
export async function handlePassidEvent(event: WebhookEvent): Promise<void> {
  if (event.type === 'verification.denied' && event.data.deny_reason === 'HARD_DENY_SANCTIONS_MATCH') {
    // Never approve this application, whatever else happened.
  }
  // Update your application state here.
}
