import { CopyButton } from '../CopyButton';

/**
 * While a QR request is open: links to answer it in the wallet simulator (this tab's host or the
 * LAN). Otherwise a hint, until a result is shown.
 */
export function RequestHelper({ requestId: sessionId, lanUrls, resultShown }: { requestId: string | null; lanUrls: string[]; resultShown: boolean }) {
  // In proxy mode the browser only ever sees the proxy's opaque handle `<requestId>.<mac>`
  // (see @passid/server's README); the wallet needs the raw id the deep link carries.
  const requestId = sessionId?.split('.')[0] ?? null;
  if (!requestId) {
    if (resultShown) return null;
    return (
      <p className="helper muted">
        Generate a QR code, then answer it in the <a href="/wallet">wallet simulator</a> (a second tab, or a phone on the same network).
      </p>
    );
  }
  const path = `/wallet?r=${encodeURIComponent(requestId)}`;
  const lan = lanUrls[0] ? `${lanUrls[0]}${path}` : null;
  return (
    <div className="helper" data-testid="request-helper">
      <p>
        Open request <code data-testid="request-id">{requestId}</code>
      </p>
      <div className="helper-actions">
        <a className="btn-small" href={path} target="_blank" rel="noreferrer">
          Open in wallet simulator ↗
        </a>
        {lan && <CopyButton text={lan} label="Copy the wallet link for a phone" />}
      </div>
      {lan && (
        <p className="muted small">
          On a phone on this network: <code>{lan}</code>
        </p>
      )}
    </div>
  );
}
