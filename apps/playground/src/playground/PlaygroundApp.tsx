/**
 * The sandbox token playground: `<PASSIDVerify>` against the local sandbox, with every option
 * as a control, the fixture tokens, what the callbacks receive, and a live log of state
 * changes and signed webhooks.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { PASSIDVerify } from '@passid/react';
import type { VerifyEvent } from '@passid/core';
import { fr } from '@passid/core/locales/fr';
import type { PlaygroundConfig } from '../config';
import { Controls } from './Controls';
import { EventLog, type LogEntry } from './EventLog';
import { FixtureTable } from './FixtureTable';
import { ResultPanel, type Outcome } from './ResultPanel';
import { readSettings, writeSettings, type Settings } from './settings';
import { useWebhookFeed } from './useWebhookFeed';
import { RequestHelper } from './RequestHelper';

export function PlaygroundApp({ config }: { config: PlaygroundConfig }) {
  const [settings, setSettings] = useState<Settings>(() => readSettings(location.search, config.sandboxUrl));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [requestId, setRequestId] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  const widgetRef = useRef<HTMLDivElement>(null);
  const webhook = useWebhookFeed((entries) => setLog((all) => [...all, ...entries].slice(-300)));

  useEffect(() => writeSettings(settings, config.sandboxUrl), [settings, config.sandboxUrl]);

  const onEvent = useCallback((event: VerifyEvent) => {
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
  }, []);

  // One-click verify: a fresh widget (idle), then its own manual entry is filled and submitted.
  const verifyFixture = (token: string) => {
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
    // Let React commit the new value before submitting.
    requestAnimationFrame(() => form.requestSubmit());
  }, [pendingToken, nonce]);

  const proxy = settings.mode === 'proxy';
  const widgetKey = `${settings.mode}|${proxy ? '' : settings.sandboxUrl}|${nonce}`;

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
          <a href="/wallet" target="_blank" rel="noreferrer">
            Wallet simulator ↗
          </a>
          <span className={`status-chip ${webhook.registered ? 'is-ok' : 'is-warn'}`} title={webhook.error ?? webhook.url}>
            {webhook.registered ? 'webhooks registered' : 'webhooks: waiting for the sandbox'}
          </span>
        </nav>
      </header>

      <main className="layout">
        <aside className="col-controls">
          <Controls settings={settings} onChange={setSettings} apiKey={config.apiKey} proxyPrefix={config.proxyPrefix} />
        </aside>

        <section className="col-stage" aria-label="Component">
          <div className={`stage ${settings.dark ? 'is-dark' : ''}`}>
            <p className="stage-caption">
              {proxy ? (
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
              <PASSIDVerify
                key={widgetKey}
                {...(proxy ? { endpoint: config.proxyPrefix } : { apiKey: config.apiKey, baseUrl: settings.sandboxUrl })}
                institutionName={settings.institutionName || undefined}
                permissions={settings.permissions}
                ttlSeconds={settings.ttlSeconds}
                locale={settings.locale === 'fr' ? fr : 'en'}
                theme={{ primary: settings.primary, mode: settings.dark ? 'dark' : 'light' }}
                onSuccess={(claims) => setOutcome({ kind: 'success', claims })}
                onDecline={(reason, detail) => setOutcome({ kind: 'declined', reason, code: detail?.code ?? '' })}
                onError={(error) => setOutcome({ kind: 'error', message: error.message })}
                onEvent={onEvent}
              />
            </div>
          </div>
          <RequestHelper requestId={requestId} lanUrls={config.lanUrls} />
        </section>

        <section className="col-result">
          <ResultPanel outcome={outcome} />
        </section>

        <section className="col-fixtures">
          <FixtureTable onVerify={verifyFixture} />
        </section>

        <section className="col-log">
          <EventLog entries={log} onClear={() => setLog([])} />
        </section>
      </main>
    </div>
  );
}
