import { CopyButton } from '../CopyButton';
import { PASBY_PERSONAS } from '../labels';
import type { PasbyGlimpse } from './pasbyWatch';

/**
 * While a pasby session is open: what to hand the wallet simulator (it plays the pasby app) —
 * the seed on the QR now, the same-device link, or the persona whose NIN got the push.
 * Before that, the sandbox's NINs.
 */
export function PasbyHelper({ glimpse, resultShown }: { glimpse: PasbyGlimpse | null; resultShown: boolean }) {
  if (!glimpse) {
    if (resultShown) return null;
    return (
      <div className="helper muted">
        <p>
          Start a session, then answer it in the <a href="/wallet?app=pasby">wallet simulator</a>, which plays the pasby app.
        </p>
        <p className="small">
          Sandbox NINs:{' '}
          {PASBY_PERSONAS.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ', ' : ''}
              {p.id} <code>{p.nin}</code>
            </span>
          ))}
          ; any other 11 digits has no pasby ID.
        </p>
      </div>
    );
  }
  if (glimpse.pickedUp) {
    return (
      <p className="helper" data-testid="pasby-helper">
        Picked up by the wallet simulator: approve or decline it there.
      </p>
    );
  }
  const persona = PASBY_PERSONAS.find((p) => p.nin === glimpse.nin);
  const [what, value, wallet] =
    glimpse.mode === 'wildcard' && glimpse.seed
      ? ['Seed on the QR code now', glimpse.seed, `/wallet?app=pasby&seed=${encodeURIComponent(glimpse.seed)}`]
      : glimpse.mode === 'same-device' && glimpse.link
        ? ['Same-device link', glimpse.link, `/wallet?app=pasby&link=${encodeURIComponent(glimpse.link)}`]
        : ['Pushed to NIN', glimpse.nin ?? '', `/wallet?app=pasby${persona ? `&persona=${persona.id}` : ''}`];
  return (
    <div className="helper" data-testid="pasby-helper">
      <p>
        {what} <code data-testid="pasby-value">{value}</code>
        {glimpse.mode === 'different-device' && persona ? ` (${persona.name})` : null}
      </p>
      <div className="helper-actions">
        <a className="btn-small" href={wallet} target="_blank" rel="noreferrer">
          {glimpse.mode === 'wildcard' ? 'Scan it in the wallet simulator ↗' : 'Open the wallet simulator ↗'}
        </a>
        <CopyButton text={value} label={`Copy the ${what.toLowerCase()}`} />
      </div>
    </div>
  );
}
