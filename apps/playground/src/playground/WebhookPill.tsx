import { useState } from 'react';
import type { WebhookStatus } from '../config';

/**
 * Where the sandbox delivers webhooks: to this playground, to someone else's receiver (the
 * sandbox keeps ONE endpoint per institution) with a Re-register button, or not yet anywhere.
 */
export function WebhookPill({ webhook, onReRegister }: { webhook: WebhookStatus; onReRegister: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  if (webhook.registered) {
    return (
      <span className="status-chip is-ok" data-testid="webhook-pill" title={webhook.url}>
        webhooks registered
      </span>
    );
  }
  if (webhook.deliversTo && webhook.deliversTo !== webhook.url) {
    return (
      <span className="status-chip is-warn" data-testid="webhook-pill">
        <span>
          webhooks go to <code className="chip-url">{webhook.deliversTo}</code>
        </span>
        <button
          type="button"
          className="chip-btn"
          disabled={busy}
          title={`Point the sandbox back at ${webhook.url}`}
          onClick={async () => {
            setBusy(true);
            await onReRegister();
            setBusy(false);
          }}
        >
          {busy ? 'Re-registering…' : 'Re-register'}
        </button>
      </span>
    );
  }
  return (
    <span className="status-chip is-warn" data-testid="webhook-pill" title={webhook.error ?? undefined}>
      webhooks: waiting for the sandbox
    </span>
  );
}
