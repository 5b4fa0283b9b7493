/** The live log: every state change of the widget (onEvent) and every webhook delivered to this playground. */
export type LogEntry =
  | { key: string; source: 'widget'; at: number; from: string; to: string; detail?: string }
  | {
      key: string;
      source: 'webhook';
      at: number;
      type: string;
      id: string;
      verified: boolean;
      duplicate: boolean;
      problem?: string;
      data?: unknown;
    };

export function EventLog({ entries, onClear }: { entries: LogEntry[]; onClear: () => void }) {
  return (
    <section className="panel log" aria-labelledby="log-heading">
      <div className="panel-head">
        <h2 id="log-heading" className="panel-title">
          Event log
        </h2>
        <button type="button" className="link-btn" onClick={onClear} disabled={entries.length === 0}>
          Clear
        </button>
      </div>
      {entries.length === 0 ? (
        <p className="muted">State changes (onEvent) and the webhooks the sandbox sends to this playground appear here.</p>
      ) : (
        <ol className="log-list" aria-live="off" tabIndex={0} aria-labelledby="log-heading">
          {[...entries].reverse().map((e) => (
            <li key={e.key} className={`log-item is-${e.source}`} data-testid={e.source === 'webhook' ? 'webhook-entry' : 'event-entry'}>
              <time className="log-time">{new Date(e.at).toLocaleTimeString([], { hour12: false })}</time>
              {e.source === 'widget' ? (
                <span className="log-body">
                  <span className="tag">event</span>
                  <code>state.{e.to}</code>
                  <span className="muted">
                    {e.from} → {e.to}
                    {e.detail ? ` · ${e.detail}` : ''}
                  </span>
                </span>
              ) : (
                <span className="log-body">
                  <span className="tag is-webhook">webhook</span>
                  <code>{e.type}</code>
                  {e.verified ? (
                    <span className="sig is-ok">✓ signature verified</span>
                  ) : (
                    <span className="sig is-bad">✗ rejected{e.problem ? `: ${e.problem}` : ''}</span>
                  )}
                  {e.duplicate && <span className="sig">duplicate ignored</span>}
                  <span className="muted mono">{e.id}</span>
                  {e.data !== undefined && !e.duplicate && <span className="muted">{summarise(e.data)}</span>}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function summarise(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const d = data as Record<string, unknown>;
  const claims = (d.claims ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.token === 'string') parts.push(`token ${d.token.slice(0, 4)}…`);
  if (typeof d.requestId === 'string') parts.push(d.requestId);
  if (typeof claims.tier === 'string') parts.push(`tier ${claims.tier}`);
  if (typeof claims.fsi_score === 'number') parts.push(String(claims.fsi_score));
  if (typeof d.deny_reason === 'string') parts.push(d.deny_reason);
  if (typeof d.outcome === 'string') parts.push(d.outcome);
  return parts.join(' · ');
}
