import type { ReactNode } from 'react';

/**
 * The phone both wallets are drawn in, with the switch between the app it plays — the PASSID
 * app (`/wallet`) or the pasby app (`/wallet?app=pasby`) — and the way back to the playground.
 */
export function PhoneShell({ app, children }: { app: 'passid' | 'pasby'; children: ReactNode }) {
  const pasby = app === 'pasby';
  return (
    <div className="wallet-shell">
      <nav className="wallet-switch" aria-label="App">
        <a href="/wallet" aria-current={pasby ? undefined : 'page'}>
          PASSID app
        </a>
        <a href="/wallet?app=pasby" aria-current={pasby ? 'page' : undefined}>
          pasby app
        </a>
      </nav>
      <div className={pasby ? 'phone is-pasby' : 'phone'}>
        <header className="phone-bar">
          <span className={pasby ? 'brand-dot is-pasby' : 'brand-dot'} aria-hidden="true" />
          <strong>{pasby ? 'pasby' : 'PASSID'}</strong>
          <span className="phone-bar-note">wallet simulator · sandbox</span>
        </header>
        <main className="phone-body">{children}</main>
      </div>
      <p className="wallet-foot">
        <a href={pasby ? '/?provider=pasby' : '/'}>← Back to the playground</a>
      </p>
    </div>
  );
}
