/**
 * The wallet simulator: plays the PASSID mobile app against the sandbox. Pick a persona, open
 * a request (deep link, wallet URL or 8-character code), see who asks for what and for how
 * long, then Share & Verify or Decline. Or make a one-time share token for manual entry.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PublicRequestResponse, SandboxPersona } from '@passid/core';
import { createWalletApi, parseRequestRef, WalletApiError } from './api';
import { PERMISSION_LABELS, PERSONAS, formatRemaining } from '../labels';
import { CopyButton } from '../CopyButton';
import { PersonaPicker } from './PersonaPicker';
import { PhoneShell } from './PhoneShell';

type Outcome = { kind: 'shared' } | { kind: 'declined' } | { kind: 'sanctioned' } | null;

function sandboxBase(): string {
  const fromUrl = new URLSearchParams(location.search).get('sandbox');
  return fromUrl ?? '/sandbox';
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

export function WalletApp() {
  const api = useMemo(() => createWalletApi(sandboxBase()), []);
  const initial = useMemo(() => new URLSearchParams(location.search), []);
  const [persona, setPersona] = useState<SandboxPersona>(() => {
    const p = initial.get('persona');
    return PERSONAS.some((x) => x.id === p) ? (p as SandboxPersona) : 'amina';
  });
  const [jwts, setJwts] = useState<Partial<Record<SandboxPersona, string>>>({});
  const [input, setInput] = useState(() => (initial.get('r') ? `passid://verify-request?${initial.toString()}` : ''));
  const [request, setRequest] = useState<PublicRequestResponse | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [share, setShare] = useState<{ token: string; expiresAt: string } | null>(null);
  const now = useNow(request !== null || share !== null);
  /**
   * Which new card takes keyboard focus after an action (its heading, tabIndex -1): the button
   * pressed is gone or disabled, and focus must not fall back to <body>.
   */
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);
  const requestHeading = useRef<HTMLHeadingElement>(null);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  const tokenHeading = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!focusTarget) return;
    const el = { request: requestHeading, outcome: outcomeHeading, token: tokenHeading, error: alertRef }[focusTarget.id]?.current;
    el?.focus();
  }, [focusTarget]);

  const jwtFor = useCallback(
    async (who: SandboxPersona) => {
      const known = jwts[who];
      if (known) return known;
      const jwt = await api.login(who);
      setJwts((all) => ({ ...all, [who]: jwt }));
      return jwt;
    },
    [api, jwts],
  );

  /** Runs an action; afterwards focus moves to `focusOn` (or to the error). */
  const run = useCallback(async (label: string, focusOn: string, task: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    let target = focusOn;
    try {
      await task();
    } catch (e) {
      setError(describe(e));
      target = 'error';
    } finally {
      setBusy(null);
      setFocusTarget({ id: target });
    }
  }, []);

  const open = useCallback(
    (text: string) =>
      run('open', 'request', async () => {
        setOutcome(null);
        setRequest(null);
        const ref = parseRequestRef(text);
        if (!ref) throw new Error('Paste a passid:// link, a wallet link or an 8-character code (AB3X-7YQM).');
        setRequest(ref.kind === 'id' ? await api.publicRequest(ref.requestId) : await api.byCode(ref.code));
      }),
    [api, run],
  );

  useEffect(() => {
    if (initial.get('r')) void open(input);
    // Once, for a link that opened the wallet.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shareAndVerify = () =>
    run('share', 'outcome', async () => {
      if (!request) return;
      const res = await api.fulfill(request.requestId, await jwtFor(persona));
      setOutcome(res.status === 'completed' ? { kind: 'shared' } : { kind: 'sanctioned' });
      setRequest(null);
    });

  const decline = () =>
    run('decline', 'outcome', async () => {
      if (!request) return;
      await api.decline(request.requestId, await jwtFor(persona));
      setOutcome({ kind: 'declined' });
      setRequest(null);
    });

  const makeShareToken = () =>
    run('token', 'token', async () => {
      setShare(await api.share(await jwtFor(persona)));
    });

  const remaining = request ? Date.parse(request.expiresAt) - now : 0;
  const expired = request !== null && remaining <= 0;
  const tokenLeft = share ? Date.parse(share.expiresAt) - now : 0;

  return (
    <PhoneShell app="passid">
      <PersonaPicker
        name="persona"
        personas={PERSONAS.map((p) => ({ id: p.id, name: p.name, detail: p.summary }))}
        value={persona}
        onChange={(id) => {
          setPersona(id);
          setShare(null);
        }}
      />

      <section aria-labelledby="open-heading" className="w-card">
        <h2 id="open-heading">Open a verification request</h2>
        <form
          className="open-form"
          onSubmit={(e) => {
            e.preventDefault();
            void open(input);
          }}
        >
          <label htmlFor="request-input">Link or code</label>
          <input
            id="request-input"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder="passid://verify-request?r=… or AB3X-7YQM"
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="w-btn" disabled={busy !== null}>
            {busy === 'open' ? 'Opening…' : 'Open request'}
          </button>
        </form>
      </section>

      {error && (
        <p role="alert" className="w-alert" ref={alertRef} tabIndex={-1}>
          {error}
        </p>
      )}

      {outcome && (
        <section className={`w-card w-outcome is-${outcome.kind}`} role="status" aria-live="polite">
          {outcome.kind === 'shared' && (
            <>
              <h2 ref={outcomeHeading} tabIndex={-1}>
                Shared ✓
              </h2>
              <p>Your verified claims were sent. Go back to the institution's page: it updates by itself.</p>
            </>
          )}
          {outcome.kind === 'declined' && (
            <>
              <h2 ref={outcomeHeading} tabIndex={-1}>
                Request declined
              </h2>
              <p>Nothing was shared. The institution sees that you declined.</p>
            </>
          )}
          {outcome.kind === 'sanctioned' && (
            <>
              <h2 ref={outcomeHeading} tabIndex={-1}>
                Not shared
              </h2>
              <p>
                PASSID could not share: sanctions screening did not pass. The institution has been told the
                request was declined.
              </p>
            </>
          )}
        </section>
      )}

      {request && (
        <section aria-labelledby="req-heading" className="w-card w-request">
          <p className="w-eyebrow">Verification request</p>
          <h2 id="req-heading" ref={requestHeading} tabIndex={-1}>
            {request.institutionName}
          </h2>
          <p>wants to verify:</p>
          <ul className="w-perms">
            {request.permissions.map((p) => (
              <li key={p}>
                <strong>{PERMISSION_LABELS[p].label}</strong>
                <span>{PERMISSION_LABELS[p].detail}</span>
              </li>
            ))}
          </ul>
          <p className={`w-countdown ${expired ? 'is-expired' : ''}`} aria-live="off">
            {expired ? 'This request has expired' : <>Expires in <time data-testid="wallet-countdown">{formatRemaining(remaining)}</time></>}
          </p>
          <div className="w-actions">
            <button type="button" className="w-btn" onClick={shareAndVerify} disabled={busy !== null || expired}>
              {busy === 'share' ? 'Sharing…' : 'Share & Verify'}
            </button>
            <button type="button" className="w-btn is-secondary" onClick={decline} disabled={busy !== null || expired}>
              Decline
            </button>
          </div>
        </section>
      )}

      <section aria-labelledby="token-heading" className="w-card">
        <h2 id="token-heading">Share in person</h2>
        <p className="w-muted">A one-time token (10 min) to read out at a branch, for the institution's manual entry.</p>
        <button type="button" className="w-btn is-secondary" onClick={makeShareToken} disabled={busy !== null}>
          {busy === 'token' ? 'Creating…' : 'Create share token'}
        </button>
        {share && (
          <div className="w-token">
            <h3 className="w-token-title" ref={tokenHeading} tabIndex={-1}>
              Your share token
            </h3>
            <output data-testid="share-token" className="w-token-value">
              {share.token}
            </output>
            <div className="w-token-row">
              <span className="w-muted">{tokenLeft > 0 ? `valid for ${formatRemaining(tokenLeft)}` : 'expired'}</span>
              <CopyButton text={share.token} label="Copy token" />
            </div>
          </div>
        )}
      </section>
    </PhoneShell>
  );
}

function describe(error: unknown): string {
  if (error instanceof WalletApiError) {
    if (error.status === 410) return 'This request is no longer open (expired, or already answered).';
    if (error.status === 404) return 'No open request with that link or code.';
    if (error.status === 409) return 'This request was already answered.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
