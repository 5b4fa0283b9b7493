import { PERMISSIONS, type Permission } from '@passid/core';
import { PASBY_CLAIM_KEYS, pasbyEn, type PasbyClaimKey, type PasbyMode } from '@passid/core/pasby';
import { LANGUAGES, PERMISSION_LABELS, isLanguage } from '../labels';
import type { Settings } from './settings';

interface Props {
  settings: Settings;
  onChange: (next: Settings) => void;
  apiKey: string;
  proxyPrefix: string;
  pasbyPrefix: string;
}

const PASBY_MODE_LABELS: Record<PasbyMode, [string, string]> = {
  wildcard: ['QR code (wildcard)', 'a rotating QR code for the pasby app'],
  'same-device': ['Same device', 'a link that opens the pasby app here'],
  'different-device': ['Different device', 'pushed to the app of a national ID number'],
};

/** The configuration panel: provider; key mode, sandbox URL, permissions, TTL (PASSID) or mode and claims (pasby); theme, locale. */
export function Controls({ settings, onChange, apiKey, proxyPrefix, pasbyPrefix }: Props) {
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => onChange({ ...settings, [key]: value });
  const toggle = (p: Permission, on: boolean) => {
    const next = on ? PERMISSIONS.filter((x) => x === p || settings.permissions.includes(x)) : settings.permissions.filter((x) => x !== p);
    if (next.length > 0) set('permissions', next);
  };

  const toggleClaim = (claim: PasbyClaimKey, on: boolean) => {
    const next = on ? PASBY_CLAIM_KEYS.filter((c) => c === claim || settings.pasbyClaims.includes(c)) : settings.pasbyClaims.filter((c) => c !== claim);
    if (next.length > 0) set('pasbyClaims', next);
  };
  const pasby = settings.provider === 'pasby';

  return (
    <form className="panel controls" aria-labelledby="controls-heading" onSubmit={(e) => e.preventDefault()}>
      <h2 id="controls-heading" className="panel-title">Configuration</h2>

      <fieldset className="field">
        <legend>Provider</legend>
        <div className="segmented">
          <label className={`segment ${pasby ? '' : 'is-on'}`}>
            <input type="radio" name="provider" checked={!pasby} onChange={() => set('provider', 'passid')} />
            <span>PASSID</span>
          </label>
          <label className={`segment ${pasby ? 'is-on' : ''}`}>
            <input type="radio" name="provider" checked={pasby} onChange={() => set('provider', 'pasby')} />
            <span>pasby</span>
          </label>
        </div>
      </fieldset>

      {pasby ? (
        <>
          <fieldset className="field">
            <legend>pasby mode</legend>
            {(Object.keys(PASBY_MODE_LABELS) as PasbyMode[]).map((m) => (
              <label key={m} className="radio">
                <input type="radio" name="pasby-mode" checked={settings.pasbyMode === m} onChange={() => set('pasbyMode', m)} />
                <span>
                  {PASBY_MODE_LABELS[m][0]} <code>{m}</code>
                  <small>{PASBY_MODE_LABELS[m][1]}</small>
                </span>
              </label>
            ))}
            <small className="muted">
              Through the playground's <code>createPasbyProxy</code> at <code>{pasbyPrefix}</code>: pasby's key, secret and private key stay on the server.
            </small>
          </fieldset>
          <fieldset className="field">
            <legend>Claims</legend>
            {PASBY_CLAIM_KEYS.map((c) => (
              <label key={c} className="check">
                <input type="checkbox" checked={settings.pasbyClaims.includes(c)} onChange={(e) => toggleClaim(c, e.target.checked)} />
                <span>
                  {pasbyEn.claimLabels[c]} <code>{c}</code>
                </span>
              </label>
            ))}
          </fieldset>
        </>
      ) : null}

      <fieldset className="field" hidden={pasby}>
        <legend>Integration</legend>
        <label className="radio">
          <input type="radio" name="mode" checked={settings.mode === 'direct'} onChange={() => set('mode', 'direct')} />
          <span>
            Direct key <code>{apiKey}</code>
            <small>the browser calls the sandbox with the sandbox key</small>
          </span>
        </label>
        <label className="radio">
          <input type="radio" name="mode" checked={settings.mode === 'proxy'} onChange={() => set('mode', 'proxy')} />
          <span>
            Proxy <code>{proxyPrefix}</code>
            <small>the playground server holds the key (production path)</small>
          </span>
        </label>
      </fieldset>

      <label className="field" hidden={pasby}>
        <span>Sandbox URL</span>
        <input
          type="url"
          value={settings.sandboxUrl}
          disabled={settings.mode === 'proxy'}
          onChange={(e) => set('sandboxUrl', e.target.value)}
          spellCheck={false}
        />
      </label>

      <label className="field">
        <span>Live updates</span>
        <select value={settings.watch} onChange={(e) => set('watch', e.target.value as Settings['watch'])}>
          <option value="auto">Push, else polling (auto)</option>
          <option value="push">Push only</option>
          <option value="poll">Polling (2.5 s)</option>
        </select>
      </label>

      <label className="field">
        <span>Institution name</span>
        <input value={settings.institutionName} maxLength={80} onChange={(e) => set('institutionName', e.target.value)} />
      </label>

      <fieldset className="field" hidden={pasby}>
        <legend>Permissions</legend>
        {PERMISSIONS.map((p) => (
          <label key={p} className="check">
            <input type="checkbox" checked={settings.permissions.includes(p)} onChange={(e) => toggle(p, e.target.checked)} />
            <span>
              {PERMISSION_LABELS[p].label} <code>{p}</code>
            </span>
          </label>
        ))}
      </fieldset>

      <label className="field" hidden={pasby}>
        <span>Request TTL (seconds, 60–3600)</span>
        <input
          type="number"
          min={60}
          max={3600}
          step={30}
          value={settings.ttlSeconds}
          onChange={(e) => {
            const n = Math.round(Number(e.target.value));
            if (Number.isFinite(n)) set('ttlSeconds', Math.min(3600, Math.max(60, n)));
          }}
        />
      </label>

      <div className="field-row">
        <label className="field">
          <span>Theme colour</span>
          <span className="colour">
            <input type="color" value={settings.primary} onChange={(e) => set('primary', e.target.value)} />
            <code>{settings.primary}</code>
          </span>
        </label>
        <label className="field">
          <span>Language</span>
          <select value={settings.locale} onChange={(e) => set('locale', isLanguage(e.target.value) ? e.target.value : 'en')}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </div>

      <label className="check">
        <input type="checkbox" checked={settings.dark} onChange={(e) => set('dark', e.target.checked)} />
        <span>Dark widget</span>
      </label>

      <label className="check" hidden={pasby}>
        <input type="checkbox" checked={settings.nextCustomer} onChange={(e) => set('nextCustomer', e.target.checked)} />
        <span>
          "Verify another customer" after success <code>nextCustomer</code>
        </span>
      </label>
    </form>
  );
}
