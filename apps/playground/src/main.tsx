import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from './config';
import { PlaygroundApp } from './playground/PlaygroundApp';
import { WalletApp } from './wallet/WalletApp';
import { PasbyWallet } from './wallet/PasbyWallet';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

if (location.pathname.replace(/\/+$/, '') === '/wallet') {
  const pasby = new URLSearchParams(location.search).get('app') === 'pasby';
  document.title = pasby ? 'pasby · Wallet simulator' : 'PASSID · Wallet simulator';
  root.render(<StrictMode>{pasby ? <PasbyWallet /> : <WalletApp />}</StrictMode>);
} else {
  void loadConfig().then((config) =>
    root.render(
      <StrictMode>
        <PlaygroundApp config={config} />
      </StrictMode>,
    ),
  );
}
