import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebhookStatus } from '../config';
import type { LogEntry } from './EventLog';

interface ServerEvent {
  seq: number;
  receivedAt: string;
  id?: string;
  type?: string;
  verified: boolean;
  duplicate: boolean;
  data?: unknown;
  problem?: string;
}

/**
 * Polls the playground server's `GET /api/events` (every 1.5 s) for webhooks it received and
 * where the sandbox delivers them. `reRegister()` points the sandbox back at this playground.
 */
export function useWebhookFeed(onEntries: (entries: LogEntry[]) => void, intervalMs = 1500) {
  const [webhook, setWebhook] = useState<WebhookStatus>({ registered: false, url: '', deliversTo: null, error: null });
  const onEntriesRef = useRef(onEntries);
  onEntriesRef.current = onEntries;

  useEffect(() => {
    let after = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const res = await fetch(`/api/events?after=${after}`, { cache: 'no-store' });
        if (res.ok) {
          const body = (await res.json()) as { events: ServerEvent[]; webhook: WebhookStatus };
          if (stopped) return;
          setWebhook(body.webhook);
          if (body.events.length > 0) {
            after = Math.max(after, ...body.events.map((e) => e.seq));
            onEntriesRef.current(
              body.events.map((e) => ({
                key: `h${e.seq}`,
                source: 'webhook' as const,
                at: Date.parse(e.receivedAt),
                type: e.type ?? 'unknown',
                id: e.id ?? '—',
                verified: e.verified,
                duplicate: e.duplicate,
                problem: e.problem,
                data: e.data,
              })),
            );
          }
        }
      } catch {
        /* the playground server is gone: keep trying quietly */
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [intervalMs]);

  const reRegister = useCallback(async () => {
    try {
      const res = await fetch('/api/webhook/register', { method: 'POST' });
      if (res.ok) setWebhook((await res.json()) as WebhookStatus);
    } catch {
      /* the next poll shows the state */
    }
  }, []);

  return { webhook, reRegister };
}
