/**
 * The sandbox token playground: `<PASSIDVerify>` (or `<PasbyVerify>`, by the provider switch)
 * against the local sandbox, with every option as a control, the fixture tokens, what the
 * callbacks receive, and a live log of state changes and signed webhooks.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { PASSIDVerify } from '@passid/react';
import { PasbyVerify } from '@passid/react/pasby';
import type { Claims, VerifyEvent } from '@passid/core';
import type { PasbyEvent } from '@passid/core/pasby';
import { PASBY_LOCALES, PASSID_LOCALES } from './languages';
import { PasbyHelper } from './PasbyHelper';
import { watchedPasbyTransport, type PasbyGlimpse } from './pasbyWatch';
import type { PlaygroundConfig } from '../config';
import { Controls } from './Controls';
import { EventLog, type LogEntry } from './EventLog';
import { FixtureTable } from './FixtureTable';
import { ResultPanel, type Outcome } from './ResultPanel';
import { readSettings, writeSettings, type Settings } from './settings';
import { useWebhookFeed } from './useWebhookFeed';
import { RequestHelper } from './RequestHelper';
import { WebhookPill } from './WebhookPill';

export function PlaygroundApp({ config }: { config: PlaygroundConfig }) {
  const [settings, setSettings] = useState<Settings>(() => readSettings(location.search, config.sandboxUrl));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [requestId, setRequestId] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  const widgetRef = useRef<HTMLDivElement>(null);
  /** The fixture token a one-click Verify is running for (its row shows the result). */
  const activeFixture = useRef<string | null>(null);
  const [fixtureResults, setFixtureResults] = useState<Record<string, string>>({});
  const { webhook, reRegister } = useWebhookFeed((entries) => setLog((all) => [...all, ...entries].slice(-300)));

  useEffect(() => writeSettings(settings, config.sandboxUrl), [settings, config.sandboxUrl]);

  const onEvent = useCallback((event: VerifyEvent | PasbyEvent) => {
    setLog((all) =>
      [
        ...all,
        {
          key: `w${event.at}-${all.length}`,
          source: 'widget' as const,
          at: event.at,
          from: event.from,
          to: event.to,
          detail: [event.mode, event.sessionId, event.decline, event.errorKind].filter(Boolean).join(' · ') || undefined,
        },
      ].slice(-300),
    );
    if (event.to === 'awaiting' && event.sessionId) setRequestId(event.sessionId);
    if (event.to !== 'awaiting') setRequestId(null);
    if (event.to === 'requesting' || event.to === 'verifying') setOutcome(null);
    // A QR request is not a fixture's verification.
    if (event.to === 'requesting') activeFixture.current = null;
  }, []);

  /** Shows what the widget reported next to the fixture row that started it, and keeps the widget in view. */
  const reportFixture = (text: string) => {
    const token = activeFixture.current;
    if (!token) return;
    activeFixture.current = null;
    setFixtureResults((all) => ({ ...all, [token]: text }));
    requestAnimationFrame(() => widgetRef.current?.scrollIntoView({ block: 'nearest' }));
  };

  // One-click verify: a fresh widget (idle), then its own manual entry is filled and submitted.
  const verifyFixture = (token: string) => {
    activeFixture.current = token;
    setFixtureResults(({ [token]: _previous, ...rest }) => rest);
    setPendingToken(token);
    setNonce((n) => n + 1);
  };
  useLayoutEffect(() => {
    if (!pendingToken || !widgetRef.current) return;
    const root = widgetRef.current;
    const input = root.querySelector<HTMLInputElement>('input[type="text"], input:not([type])');
    const form = input?.form;
    if (!input || !form) return;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, pendingToken);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    setPendingToken(null);
    // The widget's answer must be visible, not off-screen above the fixture table.
    root.scrollIntoView({ block: 'nearest' });
    // Let React commit the new value before submitting.
    requestAnimationFrame(() => form.requestSubmit());
  }, [pendingToken, nonce]);

  const proxy = settings.mode === 'proxy';
  const pasby = settings.provider === 'pasby';
  const widgetKey = pasby
    ? `pasby|${settings.pasbyMode}|${settings.pasbyClaims.join()}|${settings.watch}|${nonce}`
    : `${settings.mode}|${proxy ? '' : settings.sandboxUrl}|${nonce}`;
  const [glimpse, setGlimpse] = useState<PasbyGlimpse | null>(null);
  // A new widget, a new transport, and nothing left of the last one's session.
  const pasbyTransport = useMemo(
    () => watchedPasbyTransport({ endpoint: config.pasbyPrefix, watch: settings.watch }, setGlimpse),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key holds the watch mode
    [config.pasbyPrefix, widgetKey],
  );
  useEffect(() => setGlimpse(null), [widgetKey]);
  const theme = { primary: settings.primary, mode: settings.dark ? ('dark' as const) : ('light' as const) };
  const institutionName = settings.institutionName || undefined;

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-dot" aria-hidden="true" />
          <span>
            <strong>PASSID Verify</strong> <span className="muted">sandbox playground</span>
          </span>
        </div>
        <nav className="topnav" aria-label="Playground">
          <a href={pasby ? '/wallet?app=pasby' : '/wallet'} target="_blank" rel="noreferrer">
            Wallet simulator ↗
          </a>
          <WebhookPill webhook={webhook} onReRegister={reRegister} />
        </nav>
      </header>

      <main className="layout">
        <section className="col-stage" aria-label="Component">
          <div className={`stage ${settings.dark ? 'is-dark' : ''}`}>
            <p className="stage-caption">
              {pasby ? (
                <>
                  <code>{`<PasbyVerify endpoint="${config.pasbyPrefix}" mode="${settings.pasbyMode}" />`}</code> · keys stay on the server
                </>
              ) : proxy ? (
                <>
                  <code>{`<PASSIDVerify endpoint="${config.proxyPrefix}" />`}</code> · no key in the browser
                </>
              ) : (
                <>
                  <code>{`<PASSIDVerify apiKey="${config.apiKey}" baseUrl="${settings.sandboxUrl}" />`}</code>
                </>
              )}
            </p>
            <div ref={widgetRef} className="widget-slot" data-testid="widget">
              {pasby ? (
                <PasbyVerify
                  key={widgetKey}
                  endpoint={config.pasbyPrefix}
                  transport={pasbyTransport}
                  mode={settings.pasbyMode}
                  claims={settings.pasbyClaims}
                  institutionName={institutionName}
                  locale={PASBY_LOCALES[settings.locale]}
                  theme={theme}
                  onSuccess={(claims) => setOutcome({ kind: 'pasby', claims })}
                  onDecline={(reason, detail) => setOutcome({ kind: 'declined', reason, code: detail.code })}
                  onError={(error) => setOutcome({ kind: 'error', message: error.message })}
                  onEvent={(event) => {
                    onEvent(event);
                    if (event.to !== 'awaiting') setGlimpse(null);
                  }}
                />
              ) : (
              <PASSIDVerify
                key={widgetKey}
                {...(proxy ? { endpoint: config.proxyPrefix } : { apiKey: config.apiKey, baseUrl: settings.sandboxUrl })}
                institutionName={settings.institutionName || undefined}
                permissions={settings.permissions}
                ttlSeconds={settings.ttlSeconds}
                watch={settings.watch}
                nextCustomer={settings.nextCustomer}
                locale={PASSID_LOCALES[settings.locale]}
                theme={{ primary: settings.primary, mode: settings.dark ? 'dark' : 'light' }}
                onSuccess={(claims) => {
                  setOutcome({ kind: 'success', claims });
                  reportFixture(`→ ${summariseClaims(claims)}`);
                }}
                onDecline={(reason, detail) => {
                  setOutcome({ kind: 'declined', reason, code: detail?.code ?? '' });
                  reportFixture(`→ ${detail?.code || reason}`);
                }}
                onError={(error) => {
                  setOutcome({ kind: 'error', message: error.message });
                  reportFixture('→ error (see the result)');
                }}
                onEvent={onEvent}
              />
              )}
            </div>
          </div>
          {pasby ? (
            <PasbyHelper glimpse={glimpse} resultShown={outcome !== null} />
          ) : (
            <RequestHelper requestId={requestId} lanUrls={config.lanUrls} resultShown={outcome !== null} />
          )}
        </section>

        <section className="col-result">
          <ResultPanel outcome={outcome} />
        </section>

        <aside className="col-controls">
          <Controls settings={settings} onChange={setSettings} apiKey={config.apiKey} proxyPrefix={config.proxyPrefix} pasbyPrefix={config.pasbyPrefix} />
        </aside>

        <section className="col-fixtures" hidden={pasby}>
          <FixtureTable onVerify={verifyFixture} results={fixtureResults} />
        </section>

        <section className="col-log">
          <EventLog entries={log} onClear={() => setLog([])} />
        </section>
      </main>
    </div>
  );
}

/** "Tier A · 812" from the claims the permissions allowed (or "approved"). */
function summariseClaims(claims: Claims): string {
  const parts = [claims.tier ? `Tier ${claims.tier}` : '', claims.fsi_score === undefined ? '' : String(claims.fsi_score)].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'approved';
}
