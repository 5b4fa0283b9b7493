import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from './config';
import { PlaygroundApp } from './playground/PlaygroundApp';
import { WalletApp } from './wallet/WalletApp';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

if (location.pathname.replace(/\/+$/, '') === '/wallet') {
  document.title = 'PASSID · Wallet simulator';
  root.render(
    <StrictMode>
      <WalletApp />
    </StrictMode>,
  );
} else {
  void loadConfig().then((config) =>
    root.render(
      <StrictMode>
        <PlaygroundApp config={config} />
      </StrictMode>,
    ),
  );
}
