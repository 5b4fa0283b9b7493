/**
 * The wallet simulator as the pasby app: pick a persona (their NIN), then scan a QR seed
 * (paste it, or arrive from the playground's "Scan it" link), open a same-device link, or open
 * a request pushed to the persona's NIN; see who asks for what and until when; approve or
 * decline. Talks to the sandbox's pasby wallet side only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { pasbyEn, type PasbyClaimKey } from '@passid/core/pasby';
import { PASBY_PERSONAS, formatRemaining, type PasbyPersonaId } from '../labels';
import { createPasbyWalletApi, flowIdOf, PasbyWalletError, type PasbyWalletFlow } from './pasbyApi';
import { PersonaPicker } from './PersonaPicker';
import { PhoneShell } from './PhoneShell';

type Outcome = 'approved' | 'declined' | 'declines-everything' | null;

const label = (claim: string) => pasbyEn.claimLabels[claim as PasbyClaimKey] ?? claim;

export function PasbyWallet() {
  const initial = useMemo(() => new URLSearchParams(location.search), []);
  const api = useMemo(() => createPasbyWalletApi(initial.get('sandbox') ?? '/sandbox'), [initial]);
  const [persona, setPersona] = useState<PasbyPersonaId>(() => PASBY_PERSONAS.find((p) => p.id === initial.get('persona'))?.id ?? 'amina');
  const [seed, setSeed] = useState(() => initial.get('seed') ?? '');
  const [link, setLink] = useState(() => initial.get('link') ?? '');
  const [pushed, setPushed] = useState<PasbyWalletFlow[]>([]);
  const [flow, setFlow] = useState<PasbyWalletFlow | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [focusOn, setFocusOn] = useState<{ id: 'flow' | 'outcome' | 'error' } | null>(null);
  const flowHeading = useRef<HTMLHeadingElement>(null);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!focusOn) return;
    ({ flow: flowHeading, outcome: outcomeHeading, error: alertRef })[focusOn.id].current?.focus();
  }, [focusOn]);

  useEffect(() => {
    if (!flow) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [flow]);

  // The requests pushed to this persona's NIN, as the app's inbox: read every 2 s.
  useEffect(() => {
    let live = true;
    const read = () =>
      api.flows(persona).then(
        (flows) => live && setPushed(flows),
        () => live && setPushed([]),
      );
    void read();
    const timer = setInterval(read, 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, persona]);

  const run = useCallback(async (name: string, focus: 'flow' | 'outcome', task: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    try {
      await task();
      setFocusOn({ id: focus });
    } catch (e) {
      setError(e instanceof PasbyWalletError ? e.message : String(e));
      setFocusOn({ id: 'error' });
    } finally {
      setBusy(null);
    }
  }, []);

  const pickUp = (name: string, task: () => Promise<PasbyWalletFlow>) =>
    run(name, 'flow', async () => {
      setOutcome(null);
      setFlow(null);
      setFlow(await task());
      setNow(Date.now());
    });

  const scan = () => pickUp('scan', () => api.scan(persona, seed.trim()));
  const openLink = () =>
    pickUp('open', async () => {
      const id = flowIdOf(link);
      if (!id) throw new PasbyWalletError('Paste a pasby link (https://open.pasby.africa/app/?…&id=req_…).', 400);
      return api.open(persona, id);
    });
  const approve = () =>
    run('approve', 'outcome', async () => {
      if (!flow) return;
      const { cancelled } = await api.approve(persona, flow.request);
      setOutcome(cancelled ? 'declines-everything' : 'approved');
      setFlow(null);
    });
  const decline = () =>
    run('decline', 'outcome', async () => {
      if (!flow) return;
      await api.decline(persona, flow.request);
      setOutcome('declined');
      setFlow(null);
    });

  const who = PASBY_PERSONAS.find((p) => p.id === persona)!;
  const left = flow ? flow.exp * 1000 - now : 0;

  return (
    <PhoneShell app="pasby">
      <PersonaPicker<PasbyPersonaId>
        name="pasby-persona"
        personas={PASBY_PERSONAS.map((p) => ({
          id: p.id,
          name: p.name,
          detail: (
            <>
              NIN <span className="mono">{p.nin}</span> · {p.note}
            </>
          ),
        }))}
        value={persona}
        onChange={setPersona}
      />

      <section aria-labelledby="scan-heading" className="w-card">
        <h2 id="scan-heading">Scan a QR code</h2>
        <form className="open-form" onSubmit={(e) => (e.preventDefault(), void scan())}>
          <label htmlFor="pasby-seed">Seed (what the QR code holds)</label>
          <input id="pasby-seed" value={seed} onChange={(e) => setSeed(e.target.value)} placeholder="pasby://…" autoComplete="off" spellCheck={false} />
          <button type="submit" className="w-btn" disabled={busy !== null || seed.trim() === ''}>
            {busy === 'scan' ? 'Scanning…' : 'Scan'}
          </button>
        </form>
      </section>

      <section aria-labelledby="link-heading" className="w-card">
        <h2 id="link-heading">Open a pasby link</h2>
        <form className="open-form" onSubmit={(e) => (e.preventDefault(), void openLink())}>
          <label htmlFor="pasby-link">Same-device link</label>
          <input id="pasby-link" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://open.pasby.africa/app/?…" autoComplete="off" spellCheck={false} />
          <button type="submit" className="w-btn is-secondary" disabled={busy !== null || link.trim() === ''}>
            {busy === 'open' ? 'Opening…' : 'Open link'}
          </button>
        </form>
      </section>

      <section aria-labelledby="inbox-heading" className="w-card">
        <h2 id="inbox-heading">Requests pushed to {who.name.split(' ')[0]}</h2>
        {pushed.length === 0 ? (
          <p className="w-muted">
            None. A different-device request to NIN <span className="mono">{who.nin}</span> shows here.
          </p>
        ) : (
          <ul className="w-inbox" data-testid="pasby-inbox">
            {pushed.map((f) => (
              <li key={f.request}>
                <span>
                  <strong>{f.name}</strong>
                  <span className="w-muted">{f.payload}</span>
                </span>
                <button type="button" className="w-btn is-small" disabled={busy !== null} onClick={() => void pickUp('inbox', () => api.open(persona, f.request))}>
                  Open
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      {error && (
        <p role="alert" className="w-alert" ref={alertRef} tabIndex={-1}>
          {error}
        </p>
      )}

      {outcome && (
        <section className={`w-card w-outcome is-${outcome === 'approved' ? 'shared' : 'declined'}`} role="status" aria-live="polite">
          <h2 ref={outcomeHeading} tabIndex={-1}>
            {outcome === 'approved' ? 'Approved ✓' : 'Request declined'}
          </h2>
          <p>
            {outcome === 'approved'
              ? "Your details were sent, encrypted for the institution. Go back to its page: it updates by itself."
              : outcome === 'declined'
                ? 'Nothing was shared. The institution sees the request as declined.'
                : `${who.name} declines every request: nothing was shared.`}
          </p>
        </section>
      )}

      {flow && (
        <section aria-labelledby="pasby-flow-heading" className="w-card w-request">
          <p className="w-eyebrow">{flow.action === 'login' ? 'Sign-in request' : `${flow.action} request`}</p>
          <h2 id="pasby-flow-heading" ref={flowHeading} tabIndex={-1}>
            {flow.name}
          </h2>
          <p>{flow.payload}</p>
          <p>wants to know:</p>
          <ul className="w-perms">
            {flow.acquireClaims.map((c) => (
              <li key={c}>
                <strong>{label(c)}</strong>
              </li>
            ))}
          </ul>
          <p className={`w-countdown ${left <= 0 ? 'is-expired' : ''}`} aria-live="off">
            {left <= 0 ? 'This request has expired' : <>Expires in <time data-testid="pasby-wallet-countdown">{formatRemaining(left)}</time></>}
          </p>
          <div className="w-actions">
            <button type="button" className="w-btn" onClick={() => void approve()} disabled={busy !== null || left <= 0}>
              {busy === 'approve' ? 'Approving…' : 'Approve'}
            </button>
            <button type="button" className="w-btn is-secondary" onClick={() => void decline()} disabled={busy !== null || left <= 0}>
              Decline
            </button>
          </div>
        </section>
      )}
    </PhoneShell>
  );
}
